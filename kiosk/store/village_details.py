"""The village row's own settings: its name, its currency name, whether claims are reviewed."""

from __future__ import annotations

COLUMNS = ("name", "currency", "claim_review")


def update(conn, village_id: str, column: str, value: str | int) -> None:
    if column not in COLUMNS:  # never a column name from outside this list
        raise ValueError(f"not a village setting: {column}")
    conn.execute(f"UPDATE village SET {column} = ? WHERE id = ?", (value, village_id))
