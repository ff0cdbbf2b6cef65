"""The books' chain: every journaled record, audit row and operator change, hashed in order.

Triggers (migration 0016) add a row for each journal row, audit row, operator change and
change to a row that changes over time, in the transaction that writes it, with no link
yet (since migration 0028 not a sale's redeem entry and stock moves: its body carries
them); `seal` gives it its link (and its body) just before that transaction commits
(Database.write).

A row's body is its record's canonical JSON as it syncs (kiosk/store/bodies.py), an
operator's name, role, PIN hash and active flag, or, for records that never change once
written and are a single row (entries, stock moves, audit rows …: INLINE), the row as
SQLite writes it out as JSON (the values of its canonical JSON in key order: `hashed_sql`),
read from the record itself whenever the link is hashed and never stored twice. A check
thus hashes the entries themselves, not copies of them. Records with parts that never change
once written (a sale with its lines, redeem entry and stock moves, a refund …: IN_PLACE)
are hashed the same way, as SQLite renders their canonical JSON with each object's values
in key order (kiosk/store/rendered.py hashed_sql): a row sealed with no body is "render the
record now"; one sealed with a body (before this, or a record SQLite does not render) keeps
hashing that body.

Links are hashed in blocks of BLOCK rows so that a check hashes a whole block in one call:
link(p) = sha256(link at the end of the block before + data of this block's rows up to p),
data(p) = "position␟type␟id␟body␞". Changing, inserting, deleting or reordering any row,
or any INLINE record, changes every link after it; a link someone outside the PC has seen
(a printed code, the township) proves that nobody rewrote the chain up to there.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable

from kiosk.core.canonical import canonical_text
from kiosk.store import rendered
from kiosk.store.bodies import SPECS, plain_bodies
from kiosk.store.chain_columns import HASHED
from kiosk.store.township_key_chained import TOWNSHIP_KEY, township_key_bodies
from kiosk.store.year_grades_chained import YEAR_GRADE, year_grade_bodies

BLOCK = 256
GENESIS = "0" * 64
SEAL_CHUNK = 5000
# Append-only records that are one row of their own table: their body is read from it.
INLINE = {kind: (spec.table, spec.key) for kind, spec in SPECS.items()
          if not (spec.parts or spec.versioned or spec.hidden)} | {"audit": ("audit", "seq"),
                                                                   "received": ("sync_remote", "id"),
                                                                   "received_applied": ("sync_remote", "id")}
# INLINE types hashed from some of their columns only: a received record's `applied` turns 1
# when one kept waiting applies later, and that is chained on its own (migration 0030).
INLINE_COLUMNS = {"received": ("body", "id", "received_at", "seq", "sha256", "terminal_id", "type"),
                  "received_applied": ("applied", "id")}
# The types most rows are, first: SQLite tries a CASE's branches in order, a million times in a check.
MOST_FIRST = ("audit", "entry", "stock_move")
# Append-only records with parts: sealed with no body when SQLite renders theirs (see above).
IN_PLACE = tuple(kind for kind, spec in SPECS.items() if spec.parts and not (spec.versioned or spec.hidden))
INLINE_ORDER = MOST_FIRST + tuple(kind for kind in INLINE if kind not in MOST_FIRST)
# Every query finding chain rows by type or id says so: the index chain_record leaves audit
# rows out (migration 0031), and SQLite uses a partial index only for a query naming its WHERE.
BY_TYPE = "record_type <> 'audit'"
AUDIT_BODY_SQL = ("json_array(t.seq, t.at, t.operator_id, t.operator_name, t.action, t.target_type,"
                  " t.target_id, t.before, t.after, t.prev_hash, t.hash)")
OPERATOR_COLUMNS = ("id", "name", "role", "pin_hash", "active", "created_at", "resident_id",   # resident_id: 回避 (0032)
                    "pin_known_to", "pin_version", "pin_own", "pin_set_id")   # 回避's sock puppets (0035)
_SQL: dict[tuple[int, str], str] = {}   # rendering SQL per connection and type (columns read once)


def rendered_sql(conn, kind: str) -> str:
    """SQL writing one INLINE record (alias t) as JSON: sorted keys, as canonical JSON is."""
    key = (id(conn), kind)
    if key not in _SQL:
        if kind == "audit":
            _SQL[key] = AUDIT_BODY_SQL
        else:
            _SQL[key] = "json_object(" + ", ".join(f"'{name}', t.{name}" for name in _names(conn, kind)) + ")"
    return _SQL[key]


def hashed_sql(conn, kind: str) -> str:
    """SQL writing one INLINE record (alias t) as it is hashed: the values of its canonical
    JSON in key order, without the keys (json_array: a check renders a million of them, and
    the keys, the same for every row of a table, would be a third of what it reads and hashes)."""
    key = (id(conn), "hashed " + kind)
    if key not in _SQL:
        rendered = rendered_sql(conn, kind)
        if kind == "audit":
            _SQL[key] = rendered
        else:
            _SQL[key] = "json_array(" + ", ".join(f"t.{name}" for name in _names(conn, kind)) + ")"
    return _SQL[key]


def _names(conn, kind: str) -> list[str]:
    """The columns an INLINE record is hashed from, sorted (as canonical JSON's keys are): frozen
    (kiosk/store/chain_columns.py), so that a column a later migration adds changes no sealed link;
    of those, the ones the table has (an older schema's, migrations still to run)."""
    if kind in INLINE_COLUMNS:
        return list(INLINE_COLUMNS[kind])
    table = INLINE[kind][0]
    has = {row[1] for row in conn.execute(f"PRAGMA table_info({table})").fetchall()}
    return sorted(name for name in HASHED[table] if name in has)


def data_sql(conn) -> str:
    """SQL for data(p) of a chain row (alias c): its INLINE record read in place, its IN_PLACE
    record rendered when no body was stored, else its stored body."""
    cases = " ".join(
        f"WHEN '{kind}' THEN (SELECT {hashed_sql(conn, kind)} FROM {table} t WHERE t.{key} = "
        + ("CAST(c.record_id AS INTEGER)" if kind == "audit" else "c.record_id") + ")"
        for kind, (table, key) in ((kind, INLINE[kind]) for kind in INLINE_ORDER))
    cases += "".join(f" WHEN '{kind}' THEN COALESCE(c.body, {in_place_sql(conn, kind)})"
                     for kind in IN_PLACE if rendered.renderable(conn, kind))
    return ("c.position || char(31) || c.record_type || char(31) || c.record_id || char(31)"
            f" || COALESCE(CASE c.record_type {cases} ELSE c.body END, '') || char(30)")


def in_place_sql(conn, kind: str) -> str:
    """SQL for the hashed body of the IN_PLACE record a chain row (alias c) stands for (NULL when gone)."""
    spec = SPECS[kind]
    return f"(SELECT {rendered.hashed_sql(conn, kind)} FROM {spec.table} t WHERE t.{spec.key} = c.record_id)"


def row_data(position: int, record_type: str, record_id: str, body: str) -> str:
    return f"{position}\x1f{record_type}\x1f{record_id}\x1f{body}\x1e"


def block_start(position: int) -> int:
    return ((position - 1) // BLOCK) * BLOCK + 1


def last_sealed(conn) -> int:
    """The last sealed position: read backwards over the (short) unsealed tail."""
    row = conn.execute("SELECT position FROM chain WHERE link_hash IS NOT NULL"
                       " ORDER BY position DESC LIMIT 1").fetchone()
    return row[0] if row else 0


def has_unsealed_tail(conn) -> bool:
    row = conn.execute("SELECT link_hash FROM chain ORDER BY position DESC LIMIT 1").fetchone()
    return row is not None and row[0] is None


def seal(conn: sqlite3.Connection) -> int:
    """Give the rows after the last sealed one their bodies and links; returns how many.
    (An unsealed row before a sealed one stays so: `kiosk check` calls its link broken.)

    A sale's rows, read in place, take one UPDATE going on from the running hash this
    connection kept (_seal_after_kept); else two reads besides the bodies of records with
    parts: the last sealed link, and the unsealed rows with their INLINE records rendered."""
    sealed = _seal_after_kept(conn)
    if sealed:
        return sealed
    row = conn.execute("SELECT position, link_hash FROM chain WHERE link_hash IS NOT NULL"
                       " ORDER BY position DESC LIMIT 1").fetchone()
    after, link = (row[0], row[1]) if row else (0, None)
    sql = tail_sql(conn)
    count = 0
    while True:
        cursor = conn.execute(sql, (after,))
        cursor.row_factory = None
        rows = cursor.fetchall()
        if not rows:
            return count
        link = _seal_rows(conn, rows, after, link)
        count += len(rows)
        if len(rows) < SEAL_CHUNK:   # the whole tail: no need to ask again
            return count
        after = rows[-1][0]


class _Linker:
    """The running hash one UPDATE hands each unsealed row to, in position order, from the
    kept one: returns the row's link. Raises (the UPDATE then changes nothing) for a row out
    of order or whose body is not read in place (Python writes those: `seal` does it)."""

    def __init__(self) -> None:
        self.last, self.link, self.state = 0, "", None

    def __call__(self, position: int, kind: str, record_id: str, body: bytes | None) -> str:
        if body is None or position != self.last + 1:
            raise LookupError(f"chain row {position} is not sealed in place")
        if block_start(position) == position:
            self.state = hashlib.sha256(self.link.encode("ascii"))
        # the body comes as the UTF-8 bytes SQLite holds (CAST … AS BLOB): no text made of it and back
        self.state.update(f"{position}\x1f{kind}\x1f{record_id}\x1f".encode())
        self.state.update(body)
        self.state.update(b"\x1e")
        self.link, self.last = self.state.hexdigest(), position
        return self.link


_LINKERS: dict[int, _Linker] = {}
LINK_FUNCTION = "kiosk_chain_link"


def _seal_after_kept(conn) -> int:
    """Seal the unsealed rows in one UPDATE from the kept running hash; how many (0: nothing
    kept, the kept link is no longer the last sealed one, a row is not read in place … and
    nothing was changed). It never touches a sealed row (another connection's, sealed after
    the kept one): the rows after it then do not follow the kept one, and `seal` goes on."""
    kept = _KEPT.get(id(conn))
    if kept is None:
        return 0
    linker = _LINKERS.setdefault(id(conn), _Linker())
    linker.last, linker.link, linker.state = kept[0], kept[1], kept[2].copy()
    for attempt in range(2):
        try:
            count = conn.execute(_update_sql(conn), (kept[0], kept[0], kept[1])).rowcount
            break
        except (sqlite3.OperationalError, sqlite3.IntegrityError) as exc:   # a raising _Linker: a row
            if attempt or "no such function" not in str(exc):               # not read in place, or one
                return 0                                                    # after rows sealed since
            conn.create_function(LINK_FUNCTION, 4, linker)   # once per connection
    else:
        return 0
    if count > 0:
        _KEPT[id(conn)] = (linker.last, linker.link, linker.state.copy())
    return max(count, 0)


def _update_sql(conn) -> str:
    key = (id(conn), "update")
    if key not in _SQL:
        _SQL[key] = (f"UPDATE chain AS c SET link_hash = {LINK_FUNCTION}(c.position, c.record_type, c.record_id,"
                     f" CAST({inline_body_sql(conn)} AS BLOB)) WHERE c.position > ? AND c.link_hash IS NULL"
                     " AND (SELECT link_hash FROM chain WHERE position = ?) = ?")
    return _SQL[key]


def tail_sql(conn) -> str:
    """SQL reading up to SEAL_CHUNK rows after a position, INLINE records rendered (built once
    per connection)."""
    key = (id(conn), "tail")
    if key not in _SQL:
        _SQL[key] = (f"SELECT c.position, c.record_type, c.record_id, {inline_body_sql(conn)} FROM chain c"
                     f" WHERE c.position > ? ORDER BY c.position LIMIT {SEAL_CHUNK}")
    return _SQL[key]


def inline_body_sql(conn) -> str:
    """SQL for the hashed body of a chain row (alias c) whose record is INLINE ('' when the
    record is gone) or IN_PLACE and rendered by SQLite (kiosk/store/rendered.py; NULL when it
    is gone: Python then writes its removed body, stored); NULL for other types."""
    cases = " ".join(
        f"WHEN '{kind}' THEN COALESCE((SELECT {hashed_sql(conn, kind)} FROM {table} t WHERE t.{key} = "
        + ("CAST(c.record_id AS INTEGER)" if kind == "audit" else "c.record_id") + "), '')"
        for kind, (table, key) in ((kind, INLINE[kind]) for kind in INLINE_ORDER))
    cases += "".join(f" WHEN '{kind}' THEN {in_place_sql(conn, kind)}"
                     for kind in IN_PLACE if rendered.renderable(conn, kind))
    return f"CASE c.record_type {cases} ELSE NULL END"


def _seal_rows(conn: sqlite3.Connection, rows: list[tuple], after: int, link: str | None) -> str:
    """Seal `rows` (position, type, id, INLINE body), the first following the sealed row
    `after` whose link is `link` when nothing lies between them; returns the last link."""
    found = current_bodies(conn, [row for row in rows if row[1] not in INLINE and row[3] is None])
    state, last, updates = None, None, []
    for position, kind, record_id, inline in rows:
        if state is None or position != last + 1:
            state = (_kept_state(conn, position, link if position == after + 1 else None)
                     or state_before(conn, position))
        elif block_start(position) == position:
            state = hashlib.sha256(updates[-1][1].encode("ascii"))
        body = inline if kind in INLINE or inline is not None else found[(kind, record_id)]
        state.update(row_data(position, kind, record_id, body).encode("utf-8"))
        stored = None if kind in INLINE or inline is not None else body   # hashed from the records
        updates.append((stored, state.hexdigest(), position))
        last = position
    conn.executemany("UPDATE chain SET body = ?, link_hash = ? WHERE position = ?", updates)
    _KEPT[id(conn)] = (last, updates[-1][1], state.copy())
    return updates[-1][1]


# The running hash after the last row this connection sealed: the next sale's rows go on
# from it instead of reading their block again, when they follow that row and its stored
# link is the one kept (another program's rows in between, a rolled-back transaction, or
# another database on a connection with the same id end its use).
_KEPT: dict[int, tuple[int, str, object]] = {}


def _kept_state(conn, position: int, link_before: str | None):
    """The kept running hash, if it ends just before `position`, whose stored link
    (`link_before`, read with the rows to seal) is the kept one."""
    kept = _KEPT.get(id(conn))
    if kept is None or kept[0] != position - 1 or block_start(position) == position:
        return None
    if link_before is None or link_before != kept[1]:   # another database on a reused connection id
        return None
    return kept[2].copy()


def forget(conn) -> None:
    """The transaction that sealed the kept rows was rolled back."""
    _KEPT.pop(id(conn), None)


def state_before(conn: sqlite3.Connection, position: int):
    """The running hash of `position`'s block just before it, from the stored rows."""
    start = block_start(position)
    before = link_at(conn, start - 1) if start > 1 else GENESIS
    state = hashlib.sha256((before or "").encode("ascii"))
    if position > start:
        state.update(block_data(conn, start, position - 1))
    return state


def block_data(conn, first: int, last: int) -> bytes:
    """The data of rows first..last, concatenated in position order by SQLite, as the UTF-8
    bytes it holds them in (no Python text in between: a check reads half a gigabyte)."""
    data = conn.execute(block_sql(conn), (first, last)).fetchone()[0]
    return data or b""


def block_sql(conn) -> str:
    key = (id(conn), "block")
    if key not in _SQL:
        _SQL[key] = (f"SELECT CAST(group_concat({data_sql(conn)}, '') AS BLOB) FROM chain c"
                     " WHERE c.position BETWEEN ? AND ?")
    return _SQL[key]


def link_at(conn, position: int) -> str | None:
    row = conn.execute("SELECT link_hash FROM chain WHERE position = ?", (position,)).fetchone()
    return None if row is None else row[0]


def current_bodies(conn, rows: Iterable[tuple]) -> dict[tuple[str, str], str]:
    """The canonical body text each (type, id) of rows (position, type, id, …) has now,
    read a type at a time."""
    by_type: dict[str, set[str]] = {}
    for row in rows:
        by_type.setdefault(row[1], set()).add(row[2])
    found: dict[tuple[str, str], str] = {}
    for kind, ids in by_type.items():
        for record_id, text in bodies_of(conn, kind, sorted(ids)).items():
            found[(kind, record_id)] = text
    return found


def bodies_of(conn, kind: str, ids: list[str]) -> dict[str, str]:
    """The body text each record of one type has now ('' for an INLINE record that is gone)."""
    if kind in INLINE:
        return _rendered(conn, kind, ids)
    if kind == "operator":
        return _operators(conn, ids)
    if kind == YEAR_GRADE:
        return year_grade_bodies(conn, ids)
    if kind == TOWNSHIP_KEY:
        return township_key_bodies(conn, ids)
    if kind not in SPECS:  # a type this program cannot read (a newer one's): chained by position alone
        return dict.fromkeys(ids, "")
    found = rendered.bodies(conn, kind, ids)
    missing = [key for key in ids if key not in found]   # gone, or a type SQLite does not write
    if missing:
        found |= {key: canonical_text(body) for key, body in plain_bodies(conn, kind, missing).items()}
    return found


def _rendered(conn, kind: str, ids: list[str]) -> dict[str, str]:
    table, key = INLINE[kind]
    out = dict.fromkeys(ids, "")
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        values = [int(i) for i in chunk if i.isdigit()] if kind == "audit" else chunk
        rows = conn.execute(f"SELECT t.{key}, {rendered_sql(conn, kind)} FROM {table} t"
                            f" WHERE t.{key} IN ({','.join('?' * len(values))})", values).fetchall()
        out.update({str(row[0]): row[1] for row in rows})
    return out


def _operators(conn, ids: list[str]) -> dict[str, str]:
    out = {key: canonical_text({"id": key, "removed": True}) for key in ids}
    marks = ",".join("?" * len(ids))
    cursor = conn.execute(f"SELECT {', '.join(OPERATOR_COLUMNS)} FROM operator WHERE id IN ({marks})", ids)
    for values in cursor.fetchall():
        out[values[0]] = canonical_text(dict(zip(OPERATOR_COLUMNS, tuple(values))))
    return out


def head(conn) -> tuple[int, str] | None:
    """The last sealed position and its link, or None for an empty chain."""
    row = conn.execute("SELECT position, link_hash FROM chain WHERE link_hash IS NOT NULL"
                       " ORDER BY position DESC LIMIT 1").fetchone()
    return None if row is None else (row[0], row[1])


def anchors(conn, source: str | None = None) -> list[tuple[int, str, str]]:
    """(position, code or link, source) of the heads seen outside the PC, by position."""
    sql = "SELECT position, code, source FROM chain_anchor"
    rows = conn.execute(sql + (" WHERE source = ?" if source else "") + " ORDER BY position",
                        (source,) if source else ()).fetchall()
    return [tuple(row) for row in rows]


def keep_anchors(conn, heads: list[tuple[int, str]], source: str, at: str) -> None:
    conn.executemany("INSERT INTO chain_anchor (position, code, source, at) VALUES (?, ?, ?, ?)"
                     " ON CONFLICT (position, source) DO UPDATE SET code = excluded.code, at = excluded.at",
                     [(position, code, source, at) for position, code in heads])
