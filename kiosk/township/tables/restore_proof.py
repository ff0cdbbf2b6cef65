"""The township's side of the proof that books gone back are a copy (kiosk/core/proof_keys.py).

Over a terminal's records 1 … k it linked (record_chain: those it took, in seq order), from the
bodies it stored: a page at a time, so memory stays bounded, each page its own read. The link
is kept (restore_proof_link) at k and every CHECKPOINT records on the way, and a later asking
starts from the nearest kept one at or before its k: a counter's secret in someone's hands cannot
make the township hash half a million bodies again at every request. Records linked at or before
the chain's head never change, so what is kept stays true.

A clerk who checked a village's books may let the proof they showed get a new identity anyway
(`grant`, `granted`: restore_grant, who, when and why).
"""

from __future__ import annotations

import hashlib
import json

from kiosk.core import proof_keys

PAGE = 2000
CHECKPOINT = 50_000
_PAGE_SQL = ("SELECT c.seq, c.record_id, r.type, r.body FROM record_chain c LEFT JOIN record r ON r.id = c.record_id"
             " WHERE c.terminal_id = ? AND c.seq > ? AND c.seq <= ? ORDER BY c.seq LIMIT ?")


def link(store, terminal_id: str, k: int) -> str | None:
    """The township's proof link over the terminal's records 1 … k; None when it cannot tell (its
    chain of them does not start at the first record, or a record linked is no longer stored)."""
    with store.reading() as conn:
        kept = conn.execute("SELECT seq, link FROM restore_proof_link WHERE terminal_id = ? AND seq <= ?"
                            " ORDER BY seq DESC LIMIT 1", (terminal_id, k)).fetchone()
        if kept is not None and kept[0] == k:
            return kept[1]
        head = conn.execute("SELECT MAX(seq) FROM record_chain WHERE terminal_id = ?", (terminal_id,)).fetchone()[0]
        if kept is None and _unlinked(conn, terminal_id, k):
            return None
    after, current = (kept[0], kept[1]) if kept is not None else (0, proof_keys.GENESIS)
    checkpoints = []
    while True:
        with store.reading() as conn:
            rows = conn.execute(_PAGE_SQL, (terminal_id, after, k, PAGE)).fetchall()
        if not rows:
            break
        for seq, record_id, kind, body in rows:
            if kind is None:
                return None
            current = proof_keys.step(current, seq, kind, record_id, rendered(kind, body))
            if seq % CHECKPOINT == 0:
                checkpoints.append((terminal_id, seq, current))
        after = rows[-1][0]
    if head is not None and k <= head:
        _keep(store, checkpoints + [(terminal_id, k, current)])
    return current


def lacks_some(store, terminal_id: str, k: int) -> bool:
    """Does the township take fewer than k of the terminal's records 1 … k (it refused one)?"""
    taken = store.one("SELECT COUNT(*) FROM record_chain WHERE terminal_id = ? AND seq BETWEEN 1 AND ?",
                      (terminal_id, k))[0]
    return taken < k


SAME, REWRITTEN, MISSING = "same", "rewritten", "missing"


def one_by_one(store, terminal_id: str, a: int, upto: int, shown: dict[int, tuple[str, str | None]]) -> str:
    """The terminal's records a+1 … upto against those shown one by one: REWRITTEN when one the books
    hold under its id differs now; MISSING when the books show nothing at a number the township holds
    a proved record at (a record it took and they say it refused); else SAME. Another id at a number
    is a record made after the books went back: not the township's, not compared."""
    after, found = a, SAME
    while after < upto:
        with store.reading() as conn:
            rows = conn.execute(_PAGE_SQL, (terminal_id, after, upto, PAGE)).fetchall()
        if not rows:
            break
        for seq, record_id, kind, body in rows:
            proved = rendered(kind, body) if kind is not None else None
            if proved is None:
                continue
            books = shown.get(seq)
            if books is None:
                found = MISSING
            elif books[0] == record_id and books[1] != hashlib.sha256(proved).hexdigest():
                return REWRITTEN
        after = rows[-1][0]
    return found


def rendered(kind: str, body: str) -> bytes | None:
    """One stored record's proved values; None for a record counted by its place alone."""
    if kind not in proof_keys.PROOF_KEYS:
        return None
    return proof_keys.from_body(kind, json.loads(body))


def _unlinked(conn, terminal_id: str, k: int) -> bool:
    """Records at or before k stored before the township kept this terminal's chain."""
    first = conn.execute("SELECT MIN(seq) FROM record_chain WHERE terminal_id = ?", (terminal_id,)).fetchone()[0]
    stored = conn.execute("SELECT MIN(seq) FROM record WHERE terminal_id = ?", (terminal_id,)).fetchone()[0]
    return stored is not None and stored <= k and (first is None or stored < first)


def _keep(store, rows: list[tuple]) -> None:
    with store.write() as conn:
        for row in rows:
            conn.execute("INSERT INTO restore_proof_link (terminal_id, seq, link) VALUES (?, ?, ?)"
                         " ON CONFLICT (terminal_id, seq) DO NOTHING", row)


def grant(conn, terminal_id: str, seq: int, shown: str, by: str, at: str, note: str) -> None:
    conn.execute("INSERT INTO restore_grant (terminal_id, seq, link, granted_by, granted_at, note)"
                 " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (terminal_id, seq, link) DO NOTHING",
                 (terminal_id, seq, shown, by, at, note))


def granted(store, terminal_id: str, seq: int, shown: str):
    """The clerk's grant of this very proof (granted_by, granted_at), or None."""
    return store.one("SELECT granted_by, granted_at FROM restore_grant WHERE terminal_id = ? AND seq = ?"
                     " AND link = ?", (terminal_id, seq, shown))
