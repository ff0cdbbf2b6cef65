"""Numbered .sql files from db/migrations, applied in order and recorded.

A database made by a newer program is refused; an older one is copied aside
(SQLite's online backup) before it is migrated.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.paths import migrations_dir
from kiosk.store import chain, chain_outside
from kiosk.store.db import APPLICATION_ID, Database, connect, damage, translate

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def available(folder: Path | None = None) -> list[Migration]:
    found = []
    for path in sorted((folder or migrations_dir()).iterdir()):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), path))
    return found


def current_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if not has_table:
        return 0
    return conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()[0]


def applied(conn: sqlite3.Connection) -> set[int]:
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").fetchone():
        return set()
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def backup_copy(conn: sqlite3.Connection, path: Path, label: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}.sqlite")
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def _apply(conn: sqlite3.Connection, migration: Migration, outside: tuple[int, int] | None = None,
           last: bool = False) -> None:
    """One migration in its transaction. The last of a start also seals the books' chain in it
    (0016 chains the books it finds; a migration's rows are sealed with it, so nothing but the
    program's own migration can be sealed as the program's), first noting in the audit trail
    the rows that were unsealed before this start's migrations (`outside`: written by hand)."""
    sql = migration.path.read_text(encoding="utf-8")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT"
        )
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, datetime('now', 'localtime'))",
            (migration.version, migration.name),
        )
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        if last and chain_outside.chained(conn):
            if outside:
                chain_outside.note_span(conn, *outside)
            chain.seal(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        chain.forget(conn)
        raise


def _statements(sql: str) -> list[str]:
    """Split a script into statements, keeping trigger bodies whole."""
    statements, pending = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not pending:
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


def migrate(conn: sqlite3.Connection, path: Path, folder: Path | None = None) -> int:
    """Bring the database to the newest schema; returns the version it now has.

    `conn` comes from store.db.connect, which has already refused a foreign file.
    """
    migrations = available(folder)
    latest = migrations[-1].version if migrations else 0
    found = current_version(conn)
    if found > latest:
        raise Refused("db_newer", found=found, supported=latest)
    done = applied(conn)
    pending = [m for m in migrations if m.version not in done]  # a skipped number is applied too
    if pending and found > 0 and str(path) != ":memory:":
        backup_copy(conn, path, f"before-v{latest}")
    outside = chain_outside.unsealed_span(conn) if pending and chain_outside.chained(conn) else None
    for number, migration in enumerate(pending, 1):
        _apply(conn, migration, outside, last=number == len(pending))
    return latest


def open_database(path: Path | str, create: bool = False) -> Database:
    """Open (or with `create`, make) a kiosk database at its newest schema."""
    path = Path(path)
    if str(path) != ":memory:" and not path.exists():
        if not create:
            raise Refused("db_missing", path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
    db = _opened(connect(path), path, lambda conn: migrate(conn, path))
    if chain.has_unsealed_tail(db.conn) and damage(db.conn) is None:   # never write to a damaged file
        with db.write():      # rows written by hand since the program last wrote: noted, then sealed
            pass
    return db


def open_read_only(path: Path | str) -> Database:
    """A connection that cannot write: for the self-service screen and copies of the books.

    The database must already be at this program's schema (a counter migrates it)."""
    path = Path(path)
    if not path.exists():
        raise Refused("db_missing", path=str(path))
    return _opened(connect(path, read_only=True), path, _require_latest)


def _require_latest(conn: sqlite3.Connection) -> None:
    found, latest = current_version(conn), available()[-1].version
    missing = {m.version for m in available()} - applied(conn)
    if found != latest or missing:
        raise Refused("db_newer" if found > latest else "db_older", found=found, supported=latest)


def _opened(conn: sqlite3.Connection, path: Path, prepare) -> Database:
    """`prepare` the fresh connection; on any failure close it and say why plainly."""
    try:
        prepare(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise translate(exc, path) from exc
    except BaseException:
        conn.close()
        raise
    return Database(conn, path)
