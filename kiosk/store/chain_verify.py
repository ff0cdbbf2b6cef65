"""Reading the books' chain back: links recomputed from the records (INLINE ones) and the
stored bodies, stored bodies compared with the records they stand for, records the chain
does not know.

Whole blocks are hashed at once (SQLite concatenates a block's rows, hashlib hashes them
without holding the GIL), so the links of a million rows take a few thousand calls.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

from kiosk.store import rendered
from kiosk.store.bodies import SPECS
from kiosk.store.chain import BLOCK, GENESIS, IN_PLACE, INLINE, bodies_of, block_data, data_sql, has_unsealed_tail, last_sealed, link_at

WITH_PARTS = tuple(kind for kind, spec in SPECS.items() if spec.parts and not spec.versioned)
VERSIONED = tuple(kind for kind, spec in SPECS.items() if spec.versioned) + ("operator",)
# Tables whose every row must be in the chain (or have come from another counter):
# (table, type, the parent records that carry it in their body).
ACCOUNTED = (("entry", "entry", ("sale_id", "refund_id")),
             ("sale", "sale", ()),
             ("refund", "refund", ("sale_id",)),
             ("stock_move", "stock_move", ("sale_id", "refund_id", "delivery_id")))
SPLIT_MIN_BLOCKS = 8   # fewer blocks than this in each half: one connection walks them all
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
    ends = dict(conn.execute(f"SELECT position, link_hash FROM chain WHERE position % {BLOCK} = 0"
                             " AND position BETWEEN ? AND ?",
                             (blocks.start * BLOCK, blocks.stop * BLOCK)).fetchall())
    wanted_blocks = {(p - 1) // BLOCK for p in wanted}
    for block in blocks:
        first, last = block * BLOCK + 1, min((block + 1) * BLOCK, found.length)
        if last == first + BLOCK - 1 and block not in wanted_blocks:
            state = hashlib.sha256(before.encode("ascii"))
            state.update(block_data(conn, first, last))
            if found.first_broken is not None or ends.get(last) == state.hexdigest():
                before = state.hexdigest()
                continue
        before = _row_by_row(conn, first, last, before, wanted, found)
        if found.first_broken is not None and not (wanted - found.links.keys()):
            break
    found.end = before
    return found


def walk_split(conn, second, wanted: set[int] = frozenset()) -> Walk:
    """`walk` with the second half of the blocks on connection `second`, in a thread: each
    half starts from the stored link between them, which the first half proves."""
    length = sealed_length(conn)
    half = (length + BLOCK - 1) // BLOCK // 2
    if half < SPLIT_MIN_BLOCKS:
        return walk(conn, wanted, length)
    later: dict[str, Walk] = {}
    thread = threading.Thread(target=lambda: later.update(walk=walk(second, wanted, length, range(half, 10**12))),
                              daemon=True)
    thread.start()
    found = walk(conn, wanted, length, range(0, half))
    thread.join()
    if found.first_broken is not None:   # the stored link between the halves proves nothing now
        if wanted - found.links.keys():
            found.links |= walk(conn, wanted, length, range(half, 10**12), before=found.end).links
        return found
    rest = later["walk"]
    found.first_broken, found.end = rest.first_broken, rest.end
    found.links |= rest.links
    return found


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
        sql = ("SELECT MAX(position), record_id, body FROM chain WHERE record_type = ?"
               " GROUP BY record_id ORDER BY 1")
    else:
        sql = "SELECT position, record_id, body FROM chain WHERE record_type = ? ORDER BY position"
    return [tuple(row) for row in conn.execute(sql, (kind,)).fetchall()]


def changed_rows(conn, kind: str, rows: list[tuple[int, str, str]]) -> list[tuple[int, str, str, str]]:
    """(position, id, stored body, body now) of the rows whose record no longer has that body
    (rows sealed with no body hash their record itself: the links find those changed)."""
    out = []
    rows = [row for row in rows if row[2] is not None]
    for start in range(0, len(rows), 500):
        chunk = rows[start:start + 500]
        now = bodies_of(conn, kind, [record_id for _, record_id, _ in chunk])
        out += [(p, record_id, body, now[record_id]) for p, record_id, body in chunk if now[record_id] != body]
    return out


def audit_unchained(conn) -> list[int]:
    """Audit rows the chain does not hold. As many chained as there are rows means none:
    the links prove that each chained one is there and said what it says."""
    rows = conn.execute("SELECT COUNT(*) FROM audit").fetchone()[0]
    if rows == conn.execute("SELECT COUNT(*) FROM chain WHERE record_type = 'audit'").fetchone()[0]:
        return []
    return [row[0] for row in conn.execute(
        "SELECT seq FROM audit a WHERE NOT EXISTS (SELECT 1 FROM chain c"
        " WHERE c.record_type = 'audit' AND c.record_id = CAST(a.seq AS TEXT)) ORDER BY seq").fetchall()]


def unchained(conn, table: str, kind: str, parents: tuple[str, ...]) -> list[str]:
    """Ids of rows the chain does not hold, that no other counter sent either."""
    if kind in INLINE and _all_chained(conn, table, kind):
        return []
    known = [f"EXISTS (SELECT 1 FROM chain c WHERE c.record_type = '{kind}' AND c.record_id = t.id)",
             _received(kind, "t.id")]
    for column in parents:
        known.append(f"EXISTS (SELECT 1 FROM chain c WHERE c.record_type = '{PARENT_TYPE[column]}'"
                     f" AND c.record_id = t.{column})")
        known.append(_received(PARENT_TYPE[column], f"t.{column}"))
    return [row[0] for row in conn.execute(
        f"SELECT t.id FROM {table} t WHERE NOT ({' OR '.join(known)}) ORDER BY t.rowid").fetchall()]


def _all_chained(conn, table: str, kind: str) -> bool:
    """As many rows as distinct ids chained, with those only their sale's body carries (since
    migration 0028): every row is chained. The links prove that each chained id of an INLINE
    type is there and says what it said (a gone or changed one breaks them), so the chained
    ids are rows of the table, and as many of them are all of them; `records` compares the
    carried ones with their sale's chained body."""
    rows = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    chained_ids = conn.execute("SELECT COUNT(DISTINCT record_id) FROM chain WHERE record_type = ?", (kind,)).fetchone()[0]
    return rows == chained_ids + _carried_unchained(conn, table, kind)


# Rows a sale's chained body carries (kiosk/store/bodies.py), no longer chained on their own.
IN_SALE_BODY = {"entry": "kind = 'redeem'", "stock_move": "kind = 'sale'"}


def _carried_unchained(conn, table: str, kind: str) -> int:
    if kind not in IN_SALE_BODY:
        return 0
    return conn.execute(
        f"SELECT COUNT(*) FROM {table} t WHERE t.sale_id IS NOT NULL AND t.{IN_SALE_BODY[kind]}"
        f" AND NOT EXISTS (SELECT 1 FROM chain c WHERE c.record_type = '{kind}' AND c.record_id = t.id)"
        " AND EXISTS (SELECT 1 FROM chain c WHERE c.record_type = 'sale' AND c.record_id = t.sale_id)").fetchone()[0]


def _received(kind: str, column: str) -> str:
    """SQL: another counter sent this record (under its own id, or with it in the body)."""
    return (f"(EXISTS (SELECT 1 FROM sync_remote r WHERE r.id = {column}) OR EXISTS (SELECT 1 FROM"
            f" sync_remote r WHERE r.type = '{kind}' AND r.applied = 1 AND json_extract(r.body, '$.id') = {column}))")


def operators_unchained(conn) -> list[str]:
    return [row[0] for row in conn.execute(
        "SELECT name FROM operator o WHERE NOT EXISTS (SELECT 1 FROM chain c"
        " WHERE c.record_type = 'operator' AND c.record_id = o.id) ORDER BY name").fetchall()]


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


def resident_name(conn, resident_id: str) -> str | None:
    row = conn.execute("SELECT name FROM resident WHERE id = ?", (resident_id,)).fetchone()
    return None if row is None else row[0]


def audit_about(conn, record_id: str) -> tuple[str, str] | None:
    """(at, after) of the last audit row about a record: what is left to say about one deleted."""
    row = conn.execute("SELECT at, after FROM audit WHERE target_id = ? ORDER BY seq DESC LIMIT 1",
                       (record_id,)).fetchone()
    return None if row is None else (row[0], row[1])
