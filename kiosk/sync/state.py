"""The one sync_state row: identity, secret, how far push and pull have got, last error."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.store import sync_state as store
from kiosk.store.db import Database
from kiosk.store.sync_state import (clear_resume_flag, last_reply_at, resume_flag,  # noqa: F401  (the sync's own
                                    update)                                            # words for them)


@dataclass(frozen=True)
class SyncState:
    terminal_id: str | None
    village_id: str | None
    secret: str | None
    local_terminal_id: str | None
    seq_base: int
    server_url: str
    pushed_high_water: int
    pull_cursor: str
    last_ok_at: str | None
    last_error: str | None
    last_error_at: str | None
    offline_since: str | None

    @property
    def enrolled(self) -> bool:
        return bool(self.secret and self.terminal_id)

    @property
    def local_after(self) -> int:
        """The last local journal seq the township has acknowledged."""
        return max(0, self.pushed_high_water - self.seq_base)


def load(db: Database) -> SyncState:
    row = store.read(db)
    return SyncState(row["terminal_id"], row["village_id"], row["secret"], row["local_terminal_id"],
                     row["seq_base"], row["server_url"], row["pushed_high_water"],
                     row["pull_cursor"], row["last_ok_at"], row["last_error"], row["last_error_at"],
                     row["offline_since"])


def record_ok(db: Database, at: str) -> None:
    with db.write() as conn:
        update(conn, last_ok_at=at, last_error=None, last_error_at=None, offline_since=None)


def record_reply(db: Database, at: str, made: str) -> None:
    with db.write() as conn:
        store.note_reply(conn, at, made)


def note_clock_off(db: Database, seconds: int) -> None:
    """What the township's clock said of this PC's (kiosk/sync/calls.py Township.clock_off_s): only shown."""
    if seconds != store.clock_off(db):
        with db.write() as conn:
            store.note_clock_off(conn, seconds)


def clock_off(db: Database) -> int:
    return store.clock_off(db)


def record_error(db: Database, error: str, at: str) -> None:
    """Remember what went wrong; `offline_since` keeps the first failure of a run of them."""
    with db.write() as conn:
        store.record_error(conn, error, at)
