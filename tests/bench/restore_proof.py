"""What a copy's proof costs on a large village (kiosk/store/restore_proof.py, the township's
kiosk/township/tables/restore_proof.py): figures, not asserted.

    .venv/bin/python -m tests.bench.restore_proof COPY.sqlite [TOWNSHIP.sqlite]

COPY.sqlite: a copy of a bench village (tests/bench/dataset.py; it is read, never written). The
counter's proof over every journaled record of its terminal: seconds and peak Python memory. Then a
township (a new SQLite file) is given the same records as stored bodies and its side is timed: the
first asking (every body hashed) and the second (kept)."""

from __future__ import annotations

import json
import sqlite3
import sys
import time
import tracemalloc
from pathlib import Path

from kiosk.core.canonical import body_hash
from kiosk.core.proof_keys import PROOF_KEYS
from kiosk.store.bodies import plain_bodies


def counter_side(path: Path) -> tuple[str, int, float, int]:
    from kiosk.store import restore_proof
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    books, k = conn.execute("SELECT terminal_id, MAX(seq) FROM journal GROUP BY terminal_id"
                            " ORDER BY COUNT(*) DESC LIMIT 1").fetchone()
    started = time.perf_counter()
    link = restore_proof.link(conn, "T", books, k)
    took = time.perf_counter() - started
    tracemalloc.start()          # measured apart: tracing makes it several times slower
    restore_proof.link(conn, "T", books, k)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    conn.close()
    return link, k, took, peak


def township_side(path: Path, target: Path) -> tuple[str, float, float, int]:
    from kiosk.township.store import Store
    from kiosk.township.tables import restore_proof
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    source.row_factory = sqlite3.Row
    books = source.execute("SELECT terminal_id FROM journal GROUP BY terminal_id ORDER BY COUNT(*) DESC"
                           " LIMIT 1").fetchone()[0]
    fresh = not target.exists()
    store = Store(target)
    if fresh:
        _fill(store, source, books)
    after = store.one("SELECT MAX(seq) FROM record_chain WHERE terminal_id = 'T'")[0]
    store.db.execute("DELETE FROM restore_proof_link")
    started = time.perf_counter()
    link = restore_proof.link(store, "T", after)
    first = time.perf_counter() - started
    started = time.perf_counter()
    restore_proof.link(store, "T", after)
    again = time.perf_counter() - started
    store.db.execute("DELETE FROM restore_proof_link")
    tracemalloc.start()
    restore_proof.link(store, "T", after)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    store.close()
    return link, first, again, peak


def _fill(store, source, books: str) -> None:
    """The township given the village's records as stored bodies, linked in seq order."""
    store.db.execute("INSERT INTO village (id, name, currency, created_at) VALUES ('v', '村', '积分', 'x')")
    store.db.execute("INSERT INTO terminal (id, village_id, name, secret, enrolled_at) VALUES ('T', 'v', 'c', 's', 'x')")
    after = 0
    while True:
        rows = source.execute("SELECT seq, record_type, record_id FROM journal WHERE terminal_id = ? AND seq > ?"
                              " ORDER BY seq LIMIT 5000", (books, after)).fetchall()
        if not rows:
            break
        by_type: dict[str, list[str]] = {}
        for row in rows:
            by_type.setdefault(row[1], []).append(row[2])
        bodies = {kind: plain_bodies(source, kind, ids) for kind, ids in by_type.items()}
        stored, linked = [], []
        for seq, kind, record_id in rows:
            body = bodies[kind][record_id]
            text = json.dumps(body, ensure_ascii=False, sort_keys=True)
            wire = record_id if kind in PROOF_KEYS else f"{books}:{seq}"     # as kiosk/sync/outbox.py wire_id
            stored.append((wire, "T", seq, kind, text, body_hash(body), "v", "x"))
            linked.append(("T", seq, wire, "0" * 64))
        store.db.executemany("INSERT INTO record (id, terminal_id, seq, type, body, sha256, village_id, received_at)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stored)
        store.db.executemany("INSERT INTO record_chain (terminal_id, seq, record_id, link) VALUES (?, ?, ?, ?)", linked)
        after = rows[-1][0]


def main(argv: list[str]) -> None:
    path = Path(argv[0])
    link, k, took, peak = counter_side(path)
    print(f"counter: {k} records proved in {took:.2f} s, peak Python memory {peak / 2**20:.1f} MiB")
    if len(argv) > 1:
        held, first, again, peak = township_side(path, Path(argv[1]))
        print(f"township: first asking {first:.2f} s (peak {peak / 2**20:.1f} MiB), asked again {again * 1000:.1f} ms;"
              f" the same link as the counter's: {held == link}")


if __name__ == "__main__":
    main(sys.argv[1:])
