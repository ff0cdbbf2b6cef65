"""Reading the books' chain back: links recomputed from the records (INLINE ones) and the
stored bodies, stored bodies compared with the records they stand for, records the chain
does not know.

Whole blocks are hashed at once (SQLite concatenates a block's rows, hashlib hashes them
without holding the GIL), so the links of a million rows take a few thousand calls.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field

from kiosk.store import chain_received, rendered
from kiosk.store.bodies import SPECS
from kiosk.store.township_key_chained import TOWNSHIP_KEY
from kiosk.store.chain import (BLOCK, BY_TYPE, GENESIS, IN_PLACE, INLINE, YEAR_GRADE, bodies_of, data_sql,
                               has_unsealed_tail, last_sealed, link_at)

WITH_PARTS = tuple(kind for kind, spec in SPECS.items() if spec.parts and not spec.versioned)
# Records whose last chained body must be the row as it is now (a year's grades never change:
# its one chained body must still be it).
VERSIONED = tuple(kind for kind, spec in SPECS.items() if spec.versioned) + ("operator", YEAR_GRADE, TOWNSHIP_KEY)
# Tables whose every row must be in the chain (or have come from another counter):
# (table, type, the parent records that carry it in their body).
ACCOUNTED = (("entry", "entry", ("sale_id", "refund_id")),
             ("sale", "sale", ()),
             ("refund", "refund", ("sale_id",)),
             ("stock_move", "stock_move", ("sale_id", "refund_id", "delivery_id")))
PART_BLOCKS = 32   # blocks a connection taking part in a shared walk takes at a time
PARENT_TYPE = {"sale_id": "sale", "refund_id": "refund", "delivery_id": "delivery"}


@dataclass
class Walk:
    """What recomputing the links found: the first row whose stored link is wrong, and
    the recomputed link at each position asked for."""
    length: int = 0
    first_broken: int | None = None
    links: dict[int, str] = field(default_factory=dict)
    end: str = ""             # the recomputed link after the last block walked


def sealed_length(conn) -> int:
    """The last sealed position (a read-only copy may hold an unsealed tail)."""
    return last_sealed(conn)


def walk(conn, wanted: set[int] = frozenset(), length: int | None = None,
         blocks: range | None = None, before: str | None = None) -> Walk:
    """Recompute the links from the records and stored rows: all of them, or the `blocks`
    given, starting from `before` (the link just before them; by default the stored one)."""
    found = Walk(length=sealed_length(conn) if length is None else length)
    count = (found.length + BLOCK - 1) // BLOCK
    blocks = range(count) if blocks is None else range(blocks.start, min(blocks.stop, count))
    if before is None:
        before = GENESIS if blocks.start == 0 else (link_at(conn, blocks.start * BLOCK) or "")
    wanted_blocks = {(p - 1) // BLOCK for p in wanted}
    for block in blocks:
        first, last = block * BLOCK + 1, min((block + 1) * BLOCK, found.length)
        if last == first + BLOCK - 1 and block not in wanted_blocks:
            data, end, stored = _block(conn, first, last)
            state = hashlib.sha256(before.encode("ascii"))
            state.update(data)
            if found.first_broken is not None or (end == last and stored == state.hexdigest()):
                before = state.hexdigest()
                continue
        before = _row_by_row(conn, first, last, before, wanted, found)
        if found.first_broken is not None and not (wanted - found.links.keys()):
            break
    found.end = before
    return found


def _block(conn, first: int, last: int) -> tuple[bytes, int | None, str | None]:
    """A block's data (chain.block_data's), its last position and that row's stored link, in
    one read (the link comes with the row of the greatest position: SQLite's min/max rule)."""
    key = id(conn)
    if key not in _BLOCK_SQL:
        _BLOCK_SQL[key] = (f"SELECT CAST(group_concat({data_sql(conn)}, '') AS BLOB), MAX(c.position),"
                           " c.link_hash FROM chain c WHERE c.position BETWEEN ? AND ?")
    data, end, stored = conn.execute(_BLOCK_SQL[key], (first, last)).fetchone()
    return data or b"", end, stored


_BLOCK_SQL: dict[int, str] = {}   # per connection, as kiosk/store/chain.py's


class Taken:
    """How many parts of a shared walk are taken, for the threads of one process (for
    processes, a multiprocessing.Value: the same `value` and `get_lock`)."""

    def __init__(self) -> None:
        self.value, self._lock = 0, threading.Lock()

    def get_lock(self) -> threading.Lock:
        return self._lock


class SharedWalk:
    """One `walk` that several connections (threads or processes) take part in: each takes
    the next PART_BLOCKS blocks, starting from the stored link before them. The parts before
    prove that link; once a part finds a broken link, the links after it are recomputed from there."""

    def __init__(self, conn, wanted: set[int] = frozenset()) -> None:
        self.wanted, self.length = set(wanted), sealed_length(conn)
        count = (self.length + BLOCK - 1) // BLOCK
        self.parts = [range(start, min(start + PART_BLOCKS, count)) for start in range(0, count, PART_BLOCKS)]
        self.found: list[Walk | None] = [None] * len(self.parts)
        self.taken = Taken()

    def take_part(self, conn) -> dict[int, Walk]:
        """Walk parts on `conn` until none is left; the parts walked, by number."""
        walked = {}
        while (part := self._next()) is not None:
            self.found[part] = walked[part] = walk(conn, self.wanted, self.length, self.parts[part])
        return walked

    def _next(self) -> int | None:
        with self.taken.get_lock():
            if self.taken.value >= len(self.parts):
                return None
            self.taken.value += 1
            return self.taken.value - 1

    def result(self, conn) -> Walk:
        """The whole walk, once every taker is done (a part a taker left undone is walked here)."""
        whole = Walk(length=self.length, end=GENESIS)
        for number, blocks in enumerate(self.parts):
            part = self.found[number] or walk(conn, self.wanted, self.length, blocks)
            whole.links |= part.links
            whole.end = part.end
            if part.first_broken is not None:   # the stored links after it prove nothing now
                whole.first_broken = part.first_broken
                if self.wanted - whole.links.keys():
                    rest = walk(conn, self.wanted, self.length, range(blocks.stop, 10**12), before=part.end)
                    whole.links |= rest.links
                    whole.end = rest.end
                return whole
        return whole


def _row_by_row(conn, first: int, last: int, before: str, wanted: set[int], found: Walk) -> str:
    state, expected = hashlib.sha256(before.encode("ascii")), first
    cursor = conn.execute(f"SELECT c.position, {data_sql(conn)}, c.link_hash FROM chain c"
                          " WHERE c.position BETWEEN ? AND ? ORDER BY c.position", (first, last))
    for position, data, link in cursor.fetchall():
        state.update(data.encode("utf-8"))
        digest = state.hexdigest()
        if found.first_broken is None and (position != expected or link != digest):
            found.first_broken = min(position, expected)
        if position in wanted:
            found.links[position] = digest
        expected = position + 1
    if found.first_broken is None and expected != last + 1:
        found.first_broken = expected
    return state.hexdigest()


def chained(conn, kind: str, latest_only: bool = False) -> list[tuple[int, str, str]]:
    """(position, id, stored body) of the rows of one type; with `latest_only`, each id's last."""
    if latest_only:
        sql = (f"SELECT MAX(position), record_id, body FROM chain WHERE record_type = ? AND {BY_TYPE}"
               " GROUP BY record_id ORDER BY 1")
    else:
        sql = f"SELECT position, record_id, body FROM chain WHERE record_type = ? AND {BY_TYPE} ORDER BY position"
    return [tuple(row) for row in conn.execute(sql, (kind,)).fetchall()]


def changed_rows(conn, kind: str, rows: list[tuple[int, str, str]]) -> list[tuple[int, str, str, str]]:
    """(position, id, stored body, body now) of the rows whose record no longer has that body
    (rows sealed with no body hash their record itself: the links find those changed)."""
    out = []
    rows = [row for row in rows if row[2] is not None]
    for start in range(0, len(rows), 500):
        chunk = rows[start:start + 500]
        now = bodies_of(conn, kind, [record_id for _, record_id, _ in chunk])
        out += [(p, record_id, body, now[record_id]) for p, record_id, body in chunk
                if now[record_id] != body and not still_says(body, now[record_id])]
    return out


def still_says(stored: str, now: str) -> bool:
    """The record as it is now says all its stored body says: keys only `now` has are columns a
    migration added since it was chained (never what someone changed), and are not compared."""
    try:
        return _covers(json.loads(stored), json.loads(now))
    except ValueError:
        return False


def _covers(stored, now) -> bool:
    if isinstance(stored, dict):
        return isinstance(now, dict) and all(key in now and _covers(value, now[key]) for key, value in stored.items())
    if isinstance(stored, list):
        return isinstance(now, list) and len(stored) == len(now) and all(map(_covers, stored, now))
    return type(stored) is type(now) and stored == now


def audit_unchained(conn) -> list[int]:
    """Audit rows the chain does not hold. As many chained as there are rows means none:
    the links prove that each chained one is there and said what it says.

    The chained ones are counted as the chain's last position less the rows of other types
    (chain_record, which leaves audit rows out since migration 0031, counts those): positions
    run without gaps, or the links break where one is missing and `links` says so."""
    rows = conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    others = conn.execute(f"SELECT COUNT(*) FROM chain WHERE {BY_TYPE}").fetchone()[0]
    if rows == (conn.execute("SELECT MAX(position) FROM chain").fetchone()[0] or 0) - others:
        return []
    return [row[0] for row in conn.execute(   # the chained numbers read once (no index finds them)
        "SELECT seq FROM audit WHERE CAST(seq AS TEXT) NOT IN"
        " (SELECT record_id FROM chain WHERE record_type = 'audit') ORDER BY seq").fetchall()]


def unchained(conn, table: str, kind: str, parents: tuple[str, ...]) -> list[str]:
    """Ids of rows the chain does not hold (neither as rows of their own nor in the chained
    body of the record they name as their parent), that no other counter sent as they are
    (kiosk/store/chain_received.py)."""
    if kind in INLINE and _all_chained(conn, table, kind):
        return []
    known = [f"EXISTS (SELECT 1 FROM chain c WHERE c.record_type = '{kind}' AND c.{BY_TYPE} AND c.record_id = t.id)"]
    for column in parents:
        carried = _carried_sql(table, column)
        if carried:
            known.append(carried)
    known.append(chain_received.as_sent_sql(table, parents))
    return [row[0] for row in conn.execute(
        f"SELECT t.id FROM {table} t WHERE NOT ({' OR '.join(known)}) ORDER BY t.rowid").fetchall()]


def _carried_sql(table: str, column: str) -> str | None:
    """SQL: row t is one that the chained body of the parent it names carries (None: that
    parent's body carries no rows of `table`). Its body carries the rows its part picks
    (kiosk/store/bodies.py: all that match, or the first); `records` compares that body with
    the parent as it is now. A row the part does not pick (a second redeem entry, a stock
    move of another kind) was never in it, whatever it names as its sale."""
    parent = PARENT_TYPE[column]
    part = next((p for p in SPECS[parent].parts if p.table == table and p.column == column), None)
    if part is None:
        return None
    where = f" AND ({part.where})" if part.where else ""
    if part.single:
        picked = (f"t.rowid = (SELECT p.rowid FROM {table} p WHERE p.{column} = t.{column}{where}"
                  f" ORDER BY p.{part.order} LIMIT 1)")
    else:
        picked = f"EXISTS (SELECT 1 FROM {table} p WHERE p.rowid = t.rowid{where})"
    return (f"(EXISTS (SELECT 1 FROM chain c WHERE c.record_type = '{parent}' AND c.{BY_TYPE}"
            f" AND c.record_id = t.{column})"
            f" AND {picked})")


def _all_chained(conn, table: str, kind: str) -> bool:
    """As many rows as distinct ids chained, with those only their sale's body carries (since
    migration 0028): every row is chained. The links prove that each chained id of an INLINE
    type is there and says what it said (a gone or changed one breaks them), so the chained
    ids are rows of the table, and as many of them are all of them; `records` compares the
    carried ones with their sale's chained body."""
    rows = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    chained_ids = conn.execute(f"SELECT COUNT(DISTINCT record_id) FROM chain WHERE record_type = ? AND {BY_TYPE}",
                               (kind,)).fetchone()[0]
    return rows == chained_ids + _carried_unchained(conn, table, kind)


# Tables some of whose rows only a sale's chained body carries (since migration 0028).
IN_SALE_BODY = ("entry", "stock_move")


def _carried_unchained(conn, table: str, kind: str) -> int:
    if table not in IN_SALE_BODY:
        return 0
    return conn.execute(
        f"SELECT COUNT(*) FROM {table} t WHERE t.sale_id IS NOT NULL AND {_carried_sql(table, 'sale_id')}"
        f" AND NOT EXISTS (SELECT 1 FROM chain c WHERE c.record_type = '{kind}' AND c.{BY_TYPE}"
        " AND c.record_id = t.id)").fetchone()[0]


def carried_by(conn, table: str, record_id: str, parents: tuple[str, ...]) -> tuple[str, str, str | None] | None:
    """(type, id, chained body) of the first chained parent a row names: for a row the chain
    does not hold, the record it claims to belong to."""
    for column in parents:
        row = conn.execute(f"SELECT c.record_type, c.record_id, c.body FROM {table} t JOIN chain c"
                           f" ON c.record_type = '{PARENT_TYPE[column]}' AND c.{BY_TYPE} AND c.record_id = t.{column}"
                           " WHERE t.id = ? ORDER BY c.position DESC LIMIT 1", (record_id,)).fetchone()
        if row is not None:
            return tuple(row)
    return None


def operators_unchained(conn) -> list[str]:
    return [row[0] for row in conn.execute(
        "SELECT name FROM operator o WHERE NOT EXISTS (SELECT 1 FROM chain c"
        f" WHERE c.record_type = 'operator' AND c.{BY_TYPE} AND c.record_id = o.id) ORDER BY name").fetchall()]


def year_grades_unchained(conn) -> list[tuple[int, str]]:
    """(year, household id) of stored year grades the chain does not hold."""
    return [(row[0], row[1]) for row in conn.execute(
        "SELECT year, household_id FROM year_grade g WHERE NOT EXISTS (SELECT 1 FROM chain c"
        f" WHERE c.record_type = '{YEAR_GRADE}' AND c.{BY_TYPE} AND c.record_id = g.year || '/' || g.household_id)"
        " ORDER BY year, household_id").fetchall()]


def unsealed(conn) -> bool:
    return has_unsealed_tail(conn)


def row_from(conn, position: int) -> tuple[str, str, str | None, bool] | None:
    """(type, id, body, whether the body is the record as it is now) of the first chain row at or
    after `position`: an INLINE record's, or an IN_PLACE one's sealed with no body, is read now
    ('' when it is gone)."""
    row = conn.execute("SELECT record_type, record_id, body FROM chain WHERE position >= ?"
                       " ORDER BY position LIMIT 1", (position,)).fetchone()
    if row is None:
        return None
    kind, record_id, body = tuple(row)
    if kind in INLINE:
        return (kind, record_id, bodies_of(conn, kind, [record_id])[record_id], True)
    if kind in IN_PLACE and body is None:
        return (kind, record_id, rendered.bodies(conn, kind, [record_id]).get(record_id, ""), True)
    return (kind, record_id, body, False)


def house_no(conn, household_id: str) -> str | None:
    row = conn.execute("SELECT house_no FROM household WHERE id = ?", (household_id,)).fetchone()
    return None if row is None else row[0]


def resident_name(conn, resident_id: str) -> str | None:
    row = conn.execute("SELECT name FROM resident WHERE id = ?", (resident_id,)).fetchone()
    return None if row is None else row[0]


def audit_about(conn, record_id: str) -> tuple[str, str] | None:
    """(at, after) of the last audit row about a record: what is left to say about one deleted."""
    row = conn.execute("SELECT at, after FROM audit WHERE target_id = ? ORDER BY seq DESC LIMIT 1",
                       (record_id,)).fetchone()
    return None if row is None else (row[0], row[1])
