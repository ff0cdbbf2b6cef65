"""chain_anchor: the chain heads each counter showed the township (kiosk/township/anchors.py)."""

from __future__ import annotations

from typing import Any


def links_at(conn: Any, terminal_id: str, positions: list[int]) -> dict[int, str]:
    """The links kept for this terminal at these positions."""
    return {row[0]: row[1] for row in conn.execute(
        f"SELECT position, link FROM chain_anchor WHERE terminal_id = ? AND position IN"
        f" ({','.join('?' * len(positions))})", (terminal_id, *positions))}


def last_position(conn: Any, terminal_id: str) -> int | None:
    return conn.execute("SELECT MAX(position) FROM chain_anchor WHERE terminal_id = ?", (terminal_id,)).fetchone()[0]


def keep(conn: Any, terminal_id: str, position: int, link: str, at: str) -> None:
    conn.execute("INSERT OR IGNORE INTO chain_anchor (terminal_id, position, link, at) VALUES (?, ?, ?, ?)",
                 (terminal_id, position, link, at))


def latest(conn: Any, terminal_id: str, most: int) -> list:
    """(position, link) of the terminal's latest heads, the newest first."""
    return conn.execute("SELECT position, link FROM chain_anchor WHERE terminal_id = ?"
                        " ORDER BY position DESC LIMIT ?", (terminal_id, most)).fetchall()


def last_kept(store: Any, terminal_id: str) -> Any:
    return store.one("SELECT position, link FROM chain_anchor WHERE terminal_id = ? ORDER BY position DESC LIMIT 1",
                     (terminal_id,))
