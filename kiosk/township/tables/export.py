"""`kiosk-township --db township.sqlite3 export-to postgresql://…`: a township moves to PostgreSQL.

Every table is copied in one transaction on the target, keeping commit numbers (terminals'
pull cursors stay valid), then checked before commit: the same rows in every table, every
record with the same body and hash under the same commit number, the same balances. Any
difference rolls the whole copy back. The target must be empty (a new database).
"""

from __future__ import annotations

import hashlib

from kiosk.township.store import Store
from kiosk.township.words import TownshipRefused

FIRST = ("village", "terminal", "enrol_code", "record")   # what the others refer to, in that order
NOT_COPIED = {"township_meta", "commit_counter", "sqlite_sequence"}
CHUNK = 5000


def _tables(source: Store, target: Store) -> list[str]:
    shared = (source.db.tables() & target.db.tables()) - NOT_COPIED
    return [t for t in FIRST if t in shared] + sorted(shared - set(FIRST))


def _columns(store: Store, table: str) -> list[str]:
    if store.dialect == "sqlite":
        return [r[1] for r in store.db.execute(f"PRAGMA table_info({table})").fetchall()]
    return [r[0] for r in store.db.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = ? ORDER BY ordinal_position", (table,)).fetchall()]


def _order(table: str, columns: list[str]) -> str:
    return "commit_no" if table == "record" else ", ".join(columns)


def _copy(source: Store, conn, table: str, columns: list[str]) -> int:
    names = ", ".join(columns)
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
    cursor = source.db.execute(f"SELECT {names} FROM {table} ORDER BY {_order(table, columns)}")
    copied = 0
    while rows := cursor.fetchmany(CHUNK):
        conn.executemany(insert, [tuple(r) for r in rows])
        copied += len(rows)
    return copied


def _digest(store: Store, conn, table: str, columns: list[str]) -> tuple[int, str]:
    """How many rows and a hash over all of them in one order, the same on both databases."""
    digest, count = hashlib.sha256(), 0
    cursor = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {_order(table, columns)}")
    while rows := _fetch(cursor):
        for row in rows:
            digest.update(repr(tuple(_plain(v) for v in row)).encode("utf-8"))
            count += 1
    return count, digest.hexdigest()


def _fetch(cursor) -> list:
    fetchmany = getattr(cursor, "fetchmany", None) or cursor.cursor.fetchmany
    return fetchmany(CHUNK)


def _plain(value):
    return float(value) if isinstance(value, float) else value


def export_to(source: Store, url: str) -> dict:
    target = Store(url, source.clock)
    try:
        if target.one("SELECT 1 FROM village LIMIT 1") or target.one("SELECT 1 FROM record LIMIT 1"):
            raise TownshipRefused("export_target_not_empty", url=target.shown)
        copied = {}
        with target.write() as conn:
            for table in _tables(source, target):
                columns = [c for c in _columns(source, table) if c in set(_columns(target, table))]
                copied[table] = _copy(source, conn, table, columns)
                theirs, ours = _digest(source, source.db, table, columns), _digest(target, conn, table, columns)
                if theirs != ours:
                    raise TownshipRefused("export_mismatch", detail=f"{table}: {theirs[0]} → {ours[0]}")
            if target.dialect == "postgresql":
                conn.execute("UPDATE commit_counter SET last = (SELECT COALESCE(MAX(commit_no), 0) FROM record)")
                conn.execute("SELECT setval(pg_get_serial_sequence('card_lookup', 'id'),"
                             " (SELECT COALESCE(MAX(id), 0) + 1 FROM card_lookup), false)")
        return {"exported_to": target.shown, "records": copied.get("record", 0),
                "tables": [f"{t}={n}" for t, n in copied.items()]}
    finally:
        target.close()
