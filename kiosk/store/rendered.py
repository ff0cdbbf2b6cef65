"""Bodies of records with parts (a sale with its lines, entry and stock moves …) written
as canonical JSON by SQLite itself, byte for byte what kiosk/core/canonical.py makes of
kiosk/store/bodies.py's plain body: keys sorted at every level, no spaces, UTF-8 kept,
control characters escaped as Python's json does.

Sealing a sale then costs one query instead of four reads and a JSON encoding in Python.
`hashed_sql` writes the same body with every object as the array of its values in key
order (the keys, the same for every record of a type, left out): what the books' chain
hashes for a record it stores no body for (kiosk/store/chain.py), as it does for INLINE rows.
Only tables that are STRICT with INTEGER and TEXT columns are rendered so (no picture
bytes, no floats, whose text SQLite and Python write differently); any other type, or a
record that is gone, is left to the Python bodies.
"""

from __future__ import annotations

import sqlite3

from kiosk.store.bodies import SPECS, Part
from kiosk.store.chain_columns import HASHED

_SQL: dict[tuple[int, str], str | None] = {}
PLAIN_TYPES = {"INTEGER", "TEXT"}


def renderable(conn, kind: str) -> bool:
    return body_sql(conn, kind) is not None


def body_sql(conn, kind: str) -> str | None:
    """SQL for the canonical body of one record (alias t) of `kind`, or None when SQLite
    cannot write it as Python does (built once per connection)."""
    key = (id(conn), kind)
    if key not in _SQL:
        _SQL[key] = _build(conn, kind, _object)
    return _SQL[key]


def hashed_sql(conn, kind: str) -> str | None:
    """SQL for `values_only` of the canonical body of one record (alias t) of `kind`, or None."""
    key = (id(conn), "hashed " + kind)
    if key not in _SQL:
        _SQL[key] = _build(conn, kind, _values)
    return _SQL[key]


def values_only(body):
    """A canonical body with every object written as the array of its values in key order."""
    if isinstance(body, dict):
        return [values_only(body[key]) for key in sorted(body)]
    if isinstance(body, list):
        return [values_only(item) for item in body]
    return body


def _build(conn, kind: str, write) -> str | None:
    spec = SPECS.get(kind)
    if spec is None or not spec.parts or spec.versioned or spec.hidden:
        return None
    main = _columns(conn, spec.table)
    parts = {part.name: part for part in spec.parts}
    if main is None or set(main) & set(parts):
        return None
    values: dict[str, str] = {name: f"t.{name}" for name in main}
    for part in spec.parts:
        rendered = _part_sql(conn, part, spec.key, write)
        if rendered is None:
            return None
        values[part.name] = rendered
    return write(values)


def _part_sql(conn, part: Part, key: str, write) -> str | None:
    columns = _columns(conn, part.table)
    if columns is None:
        return None
    row = write({name: f"p.{name}" for name in columns})
    extra = f" AND ({part.where})" if part.where else ""
    rows = f"SELECT * FROM {part.table} WHERE {part.column} = t.{key}{extra} ORDER BY {part.order}"
    if part.single:   # read straight from the table: no sub-query to fill first
        return (f"(SELECT {row} FROM {part.table} p WHERE p.{part.column} = t.{key}{extra}"
                f" ORDER BY p.{part.order} LIMIT 1)")
    return f"(SELECT json_group_array({row}) FROM ({rows}) p)"


def _object(values: dict[str, str]) -> str:
    return "json_object(" + ", ".join(f"'{name}', {values[name]}" for name in sorted(values)) + ")"


def _values(values: dict[str, str]) -> str:
    return "json_array(" + ", ".join(values[name] for name in sorted(values)) + ")"


def _columns(conn, table: str) -> list[str] | None:
    """The columns of a STRICT table holding only INTEGER and TEXT, else None; for a table the
    books' chain hashes, the columns it hashes, frozen (kiosk/store/chain_columns.py: a column
    a later migration adds must not change the bytes of a record sealed before it)."""
    try:
        strict = conn.execute("SELECT strict FROM pragma_table_list WHERE name = ? AND schema = 'main'",
                              (table,)).fetchone()
    except sqlite3.OperationalError:   # an SQLite older than 3.37 cannot say: Python writes the bodies
        return None
    rows = conn.execute(f"PRAGMA table_info({table})").fetchall()
    if table in HASHED:
        rows = [row for row in rows if row[1] in HASHED[table]]
    if not strict or not strict[0] or not rows or any(row[2].upper() not in PLAIN_TYPES for row in rows):
        return None
    return [row[1] for row in rows]


def bodies(conn, kind: str, ids: list[str]) -> dict[str, str]:
    """The canonical body text of each record of `kind` that exists (none when the type
    is not rendered by SQLite)."""
    sql = body_sql(conn, kind)
    if sql is None:
        return {}
    key = SPECS[kind].key
    out: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cursor = conn.execute(f"SELECT t.{key}, {sql} FROM {SPECS[kind].table} t"
                              f" WHERE t.{key} IN ({','.join('?' * len(chunk))})", chunk)
        cursor.row_factory = None
        out.update(cursor.fetchall())
    return out
