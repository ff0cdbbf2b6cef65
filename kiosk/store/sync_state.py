"""The one sync_state row (identity, secret, how far push and pull have got, the last error),
the meta flag a restore leaves for the next sync, when the last USB reply came in, and when the
township's signed word was last had (kiosk/sync/freshness.py)."""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database


def read(db: Database) -> sqlite3.Row:
    return db.one("SELECT * FROM sync_state WHERE id = 1")


def update(conn, **values) -> None:
    columns = ", ".join(f"{name} = ?" for name in values)
    conn.execute(f"UPDATE sync_state SET {columns} WHERE id = 1", tuple(values.values()))


def record_error(conn, error: str, at: str) -> None:
    """`offline_since` keeps the first failure of a run of them."""
    conn.execute("UPDATE sync_state SET last_error = ?, last_error_at = ?,"
                 " offline_since = COALESCE(offline_since, ?) WHERE id = 1", (error, at, at))


def raise_pushed_high_water(conn, high_water: int) -> None:
    """The township has stored up to `high_water`: the mark only moves up."""
    conn.execute("UPDATE sync_state SET pushed_high_water = MAX(pushed_high_water, ?) WHERE id = 1",
                 (high_water,))


def cursors(conn) -> tuple[str, int]:
    """(pull cursor, pushed high water), read inside the caller's transaction."""
    row = conn.execute("SELECT pull_cursor, pushed_high_water FROM sync_state WHERE id = 1").fetchone()
    return row[0], row[1]


def local_numbering(conn) -> tuple[str | None, int]:
    """(local terminal id, seq base): local seq + base is the township's seq."""
    row = conn.execute("SELECT local_terminal_id, seq_base FROM sync_state WHERE id = 1").fetchone()
    return row[0], row[1]


def own_terminal(conn) -> str:
    """This PC's name at the township: what the other counters see on its records."""
    row = conn.execute("SELECT terminal_id, local_terminal_id FROM sync_state WHERE id = 1").fetchone()
    return row[0] or row[1] or ""


def resume_flag(db: Database) -> bool:
    return db.scalar("SELECT value FROM meta WHERE key = 'sync.resume_from_server'") == "1"


def clear_resume_flag(conn) -> None:
    conn.execute("DELETE FROM meta WHERE key = 'sync.resume_from_server'")


REPLY_KEY = "sync.last_reply_at"


def note_reply(conn, at: str, made: str) -> None:
    """The township's reply made at `made` came in on a USB stick at `at` (what the status bar
    says for a village that syncs by stick; `last_ok_at` stays the last round online). The same
    reply imported again changes nothing."""
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                 " WHERE substr(meta.value, instr(meta.value, char(31)) + 1) <> ?", (REPLY_KEY, f"{at}\x1f{made}", made))


def last_reply_at(db: Database) -> str | None:
    value = db.scalar("SELECT value FROM meta WHERE key = ?", (REPLY_KEY,))
    return None if value is None else value.split("\x1f", 1)[0]


CLOCK_OFF_KEY = "sync.clock_off_s"


def note_clock_off(conn, seconds: int) -> None:
    """How far this PC's clock was behind (+) or ahead (−) of the township's when it last said (0: it did not)."""
    if seconds:
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     (CLOCK_OFF_KEY, str(int(seconds))))
    else:
        conn.execute("DELETE FROM meta WHERE key = ?", (CLOCK_OFF_KEY,))


def clock_off(db: Database) -> int:
    value = db.scalar("SELECT value FROM meta WHERE key = ?", (CLOCK_OFF_KEY,))
    return int(value) if value and value.lstrip("-").isdigit() else 0


SIGNED_WORD_KEY = "sync.signed_word_at"
SIGNED_WORD_BY_KEY = "sync.signed_word_by"     # 'stick' when it came in a signed USB reply, else 'online'


def note_signed_word(conn, at: str, by: str = "online") -> None:
    """The township's own signed word (a state bound to our nonce, or a signed USB reply: `by` 'stick')
    was had at `at`."""
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     [(SIGNED_WORD_KEY, at), (SIGNED_WORD_BY_KEY, by)])


def signed_word_by(db: Database) -> str | None:
    return db.scalar("SELECT value FROM meta WHERE key = ?", (SIGNED_WORD_BY_KEY,))


def signed_word_at(db: Database) -> str | None:
    return db.scalar("SELECT value FROM meta WHERE key = ?", (SIGNED_WORD_KEY,))
