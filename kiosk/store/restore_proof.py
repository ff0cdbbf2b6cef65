"""The counter's side of the proof that books gone back are a copy (kiosk/core/proof_keys.py).

Worked out again at each asking (online, and each stick that asks), from the rows the books hold
at that moment, never kept: a record rewritten after the books took their new local identity is
in the proof of the next asking. Read outside any write, a page of the journal at a time, so a
village of half a million records is proved in bounded memory without holding the writer.

What it covers: the link over the old local identity's records 1 … a, a the last of them these
books knew the township acknowledged when they went back (kiosk.store.identity.renew, the note's
`proof`), and, one by one (`after`), every record of that identity from a to k, k the journal's last
seq, no more than the township's high water when the asking knows it (online: GET /v1/state of this
round): those the township also holds (the same record at that number) are compared one by one, and
new ones made after the books went back (another id there) are not theirs. So `a`, a number in a note
an insider can edit, only says where the link stops: lowering it moves a record sent before into
`after`, where it is compared all the same. Records the township refused (sync_reject) are left out
on both sides.
"""

from __future__ import annotations

import hashlib

from kiosk.core import proof_keys
from kiosk.store import bodies
from kiosk.store.bodies import SPECS

PAGE = 5000
AFTER_MAX = 20_000      # records shown one by one at most; more: the township cannot check them


def bounds(conn, books: str, k: int) -> dict | None:
    """What a proof of the identity `books` would cover, kept when it is replaced: {"books", "seq": k};
    None when the books cannot tell (not enrolled, or numbered on from an earlier identity's
    records, seq_base not 0: its seqs are not the township's)."""
    row = conn.execute("SELECT terminal_id, seq_base FROM sync_state WHERE id = 1").fetchone()
    if row is None or not row[0] or row[1] != 0:
        return None
    return {"books": books, "seq": max(0, int(k))}


def proof(db, township_terminal: str, covered: dict | None, held: int | None = None) -> dict | None:
    """{"seq": a, "link", "to": k, "after": [[seq, record id, sha256 of its proved values or None], …]}
    over the records of the books `covered` names as they hold them now; no `after` when there are
    more than AFTER_MAX of them."""
    if not isinstance(covered, dict) or not isinstance(covered.get("books"), str):
        return None
    a, books = covered.get("seq"), covered["books"]
    if not isinstance(a, int) or isinstance(a, bool) or a < 0:
        return None
    k = db.execute("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal_id = ?", (books,)).fetchone()[0]
    if held is not None:
        k = min(k, max(0, int(held)))
    a = min(a, k)
    shown = {"seq": a, "link": link(db, township_terminal, books, a), "to": k}
    if k - a <= AFTER_MAX:
        shown["after"] = after(db, township_terminal, books, a, k)
    return shown


def after(db, township_terminal: str, books: str, a: int, k: int) -> list[list]:
    """The records a+1 … k one by one: [seq, record id, sha256 of its proved values (None: counted by place)]."""
    rows = _journal(db, township_terminal, books, a, k, AFTER_MAX)
    proved = _rendered(db, rows)
    return [[seq, record_id, _digest(proved.get((kind, record_id)))] for seq, kind, record_id in rows]


def _digest(proved: bytes | None) -> str | None:
    return None if proved is None else hashlib.sha256(proved).hexdigest()


def _journal(db, township_terminal: str, books: str, after_seq: int, k: int, page: int) -> list:
    return db.execute("SELECT seq, record_type, record_id FROM journal WHERE terminal_id = ? AND seq > ?"
                      " AND seq <= ? AND seq NOT IN (SELECT seq FROM sync_reject WHERE terminal_id = ?)"
                      " ORDER BY seq LIMIT ?", (books, after_seq, k, township_terminal, page)).fetchall()


def link(db, township_terminal: str, books: str, k: int, page: int = PAGE) -> str:
    current, after = proof_keys.GENESIS, 0
    while True:
        rows = _journal(db, township_terminal, books, after, k, page)
        if not rows:
            return current
        proved = _rendered(db, rows)
        for seq, kind, record_id in rows:
            current = proof_keys.step(current, seq, kind, record_id, proved.get((kind, record_id)))
        after = rows[-1][0]


def _rendered(db, rows) -> dict[tuple[str, str], bytes]:
    """The proved records of a page, rendered from their rows (kiosk/core/proof_keys.py)."""
    by_type: dict[str, list[str]] = {}
    for _, kind, record_id in rows:
        if kind in proof_keys.PROOF_KEYS:
            by_type.setdefault(kind, []).append(record_id)
    out = {}
    for kind, ids in by_type.items():
        for record_id, values in _values(db, kind, sorted(set(ids))).items():
            out[(kind, record_id)] = proof_keys.REMOVED if values is None else proof_keys.rendered(values)
    return out


def _values(db, kind: str, ids: list[str]) -> dict[str, list | None]:
    spec = SPECS[kind]
    mains = _rows(db, spec.table, spec.key, proof_keys.PROOF_KEYS[kind], ids)
    proved_parts = dict(proof_keys.PROOF_PARTS.get(kind, ()))
    parts = {part.name: _rows(db, part.table, part.column, proved_parts[part.name], ids, part.order, part.where)
             for part in spec.parts if part.name in proved_parts}
    singles = {part.name for part in spec.parts if part.single}
    out: dict[str, list | None] = {}
    for record_id in ids:
        if record_id not in mains:
            out[record_id] = None
            continue
        values = list(mains[record_id][0])
        for name, _ in proof_keys.PROOF_PARTS.get(kind, ()):
            found = parts[name].get(record_id, [])
            values.append((list(found[0]) if found else None) if name in singles else [list(r) for r in found])
        out[record_id] = values
    return out


def _rows(db, table: str, column: str, keys: tuple[str, ...], ids: list[str], order: str = "rowid",
          where: str = "") -> dict[str, list[tuple]]:
    """The proved keys' values of the rows whose `column` is one of `ids`, by id, in `order`."""
    found: dict[str, list[tuple]] = {}
    for cursor in bodies.rows_in(db, f"{column}, {', '.join(keys)}", table, column, ids, order, where):
        for row in cursor.fetchall():
            found.setdefault(row[0], []).append(row[1:])
    return found
