"""Restoring over a database that is damaged or missing, and healing from the township after.

`kiosk restore` must work exactly when the books cannot be opened (flipped bytes, a broken
page, a file gone): then nobody can log in against them. So the manager is checked against
the backup's own operators (a manager there, with that PIN); the damaged file is set aside
under a new name with the time (never deleted, its -wal and -shm with it); and after the
restore, a PC enrolled with the township syncs once at once: it takes its new identity and
pulls back what the village has there since the backup (kiosk.sync.rollback). Offline, the
next sync does the same.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.services.people.operators import pin_matches
from kiosk.store import books
from kiosk.store import operators as operator_store
from kiosk.store.db import Database, connect, damage, says_it_is_ours
from kiosk.store.migrations import open_database
from kiosk.sync import client, state
from kiosk.sync.http import Client

MISSING, DAMAGED, WHOLE = "missing", "damaged", "whole"


def condition(live: Path | str) -> str:
    """Whether the books at `live` are there, whole, or damaged (a stranger's file is refused)."""
    live = Path(live)
    if not live.exists():
        return MISSING
    try:
        conn = connect(live, read_only=True)
    except Refused as refused:
        if refused.code == "db_locked":
            raise
        if refused.code == "db_not_kiosk" and _someone_elses(live):
            raise Refused("restore_other_program", path=str(live)) from None
        return DAMAGED
    try:
        return DAMAGED if damage(conn) else WHOLE
    finally:
        conn.close()


def _someone_elses(path: Path) -> bool:
    """A whole SQLite database of another program: never ours to move."""
    if says_it_is_ours(path):
        return False
    return books.holds_tables(path)


def set_aside(live: Path | str, now: datetime) -> Path:
    """Rename the damaged file (and its -wal, -shm) out of the way; nothing is deleted."""
    live = Path(live)
    target = live.with_name(f"{live.stem}.damaged-{now.strftime('%Y%m%d-%H%M%S')}.sqlite")
    n = 1
    while target.exists():
        n += 1
        target = live.with_name(f"{live.stem}.damaged-{now.strftime('%Y%m%d-%H%M%S')}-{n}.sqlite")
    os.replace(live, target)
    for suffix in ("-wal", "-shm"):
        side = live.with_name(live.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


def manager_of_backup(source: Path | str, name: str | None, pin: str | None) -> str:
    """The name of a manager of the backup whose PIN this is (the backup is only read)."""
    if not name:
        raise Refused("restore_needs_manager")
    db = Database(connect(source, read_only=True), source)
    try:
        row = operator_store.by_name(db, name.strip())
    finally:
        db.close()
    if row is None:
        raise Refused("operator_unknown", name=name)
    if not row["active"]:
        raise Refused("operator_inactive", name=name)
    if row["role"] != "manager":
        raise Refused("restore_not_allowed", who=row["name"], role=row["role"])
    if not pin:
        raise Refused("pin_missing")
    if not pin_matches(pin, row["pin_hash"]):
        raise Refused("restore_pin_wrong", name=row["name"])
    return row["name"]


def enrolled(live: Path | str) -> bool:
    db = open_database(live)
    try:
        return state.load(db).enrolled
    finally:
        db.close()


def from_township(live: Path | str, http: Client, now: datetime) -> client.SyncResult:
    """One sync round on the restored books: new identity, and what the village has since the backup."""
    db = open_database(live)
    try:
        return client.sync_once(db, http, now.replace(microsecond=0))
    finally:
        db.close()
