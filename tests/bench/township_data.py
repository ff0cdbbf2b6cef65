"""The big township: 30 villages, 3,000,000 entries, built once and cached on disk.

Rows are made in Python as the push would store them (canonical JSON bodies, their
SHA-256, UUIDv7 ids, gap-free seq per terminal) and written with executemany into the
township's own schema, journal off while building. Villages' terminals push in batches of
200, interleaved; every 10,000 records the township publishes a price for everyone.
The note beside the file names the recipe version and the schema it was built with.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from time import perf_counter

from kiosk.core.ids import new_id
from kiosk.sync.wire import body_hash, canonical
from kiosk.township.store import TOWNSHIP, Store

DATASET_VERSION = 1      # bump when the recipe below changes: the cached file gets rebuilt
VILLAGES, TERMINALS_EACH, ENTRIES, BATCH, ACCOUNTS_EACH = 30, 2, 3_000_000, 200, 1_000
PUBLISH_EVERY, CHUNK = 10_000, 100_000
RECEIVED_AT = "2026-11-01T08:00:00Z"
INSERT = ("INSERT INTO record (id, terminal_id, seq, type, body, sha256, village_id, received_at)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")

Log = Callable[[str], None]


def default_path() -> Path:
    return Path(tempfile.gettempdir()) / "township-bench-3m.sqlite"


def recipe() -> dict:
    schema = resources.files("kiosk.township").joinpath("schema.sql").read_bytes()
    return {"dataset_version": DATASET_VERSION, "villages": VILLAGES, "entries": ENTRIES,
            "schema": hashlib.sha256(schema).hexdigest()[:16]}


def _note_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def ensure(path: Path, log: Log, rebuild: bool = False) -> dict:
    """The cached township at `path`, built first when missing or from another recipe."""
    try:
        note = json.loads(_note_path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        note = None
    if not rebuild and note and path.exists() and all(note.get(k) == v for k, v in recipe().items()):
        log(f"township: reusing {path} (built in {note['build_s']} s)")
        return note | {"reused": True}
    return build(path, log) | {"reused": False}


def _entry(village: int, n: int) -> dict:
    account = f"V{village:02d}-A{n % ACCOUNTS_EACH:04d}"
    return {"id": new_id(), "account_id": account, "kind": "award", "hundredths": 100 * (1 + n % 9),
            "note": "环境清扫", "activity_date": f"2026-10-{1 + n % 28:02d}"}


def _rows(villages: list[str], terminals: list[list[str]], balances: dict) -> Iterator[tuple]:
    seqs = {t: itertools.count(1) for group in terminals for t in group}
    township_seq = itertools.count(1)
    for n in range(ENTRIES):
        block = n // BATCH
        v = block % VILLAGES
        tid = terminals[v][(block // VILLAGES) % TERMINALS_EACH]
        body = _entry(v, n)
        key = (villages[v], body["account_id"])
        balances[key] = balances.get(key, 0) + body["hundredths"]
        yield (body["id"], tid, next(seqs[tid]), "entry", canonical(body).decode("utf-8"), body_hash(body),
               villages[v], RECEIVED_AT)
        if n % PUBLISH_EVERY == PUBLISH_EVERY - 1:
            price = {"code": f"69{n:011d}", "price": 500 + n % 700, "name": "洗衣粉 1kg"}
            yield (new_id(), TOWNSHIP, next(township_seq), "price", canonical(price).decode("utf-8"),
                   body_hash(price), None, RECEIVED_AT)


def _villages_and_terminals(path: Path) -> tuple[list[str], list[list[str]]]:
    store = Store(path)
    try:
        villages = [store.add_village(f"第{v + 1:02d}村", "积分")["id"] for v in range(VILLAGES)]
        terminals = []
        for name in (f"第{v + 1:02d}村" for v in range(VILLAGES)):
            codes = [store.issue_code(name)["code"] for _ in range(TERMINALS_EACH)]
            terminals.append([store.enrol(code, f"收银台{k + 1}")["terminal_id"] for k, code in enumerate(codes)])
        return villages, terminals
    finally:
        store.close()


def _fill(path: Path, villages: list[str], terminals: list[list[str]], log: Log) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-400000", "temp_store=MEMORY"):
            conn.execute(f"PRAGMA {pragma}")
        balances: dict = {}
        rows = _rows(villages, terminals, balances)
        written = 0
        while chunk := list(itertools.islice(rows, CHUNK)):
            conn.execute("BEGIN")
            conn.executemany(INSERT, chunk)
            conn.execute("COMMIT")
            written += len(chunk)
            if written % 500_000 == 0:
                log(f"township: {written:,} records written …")
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO account_balance (village_id, account_id, hundredths, earned)"
                         " VALUES (?, ?, ?, ?)", [(v, a, h, h) for (v, a), h in balances.items()])
        conn.execute("UPDATE terminal SET high_water = (SELECT MAX(seq) FROM record"
                     " WHERE record.terminal_id = terminal.id), last_contact = ?", (RECEIVED_AT,))
        conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def build(path: Path, log: Log) -> dict:
    """Build the big township into `path` (replacing it whole at the end)."""
    started = perf_counter()
    work = path.with_name(path.name + ".building")
    for each in (work, _note_path(path)):
        each.unlink(missing_ok=True)
    log(f"township: building {ENTRIES:,} entries in {VILLAGES} villages at {path} …")
    villages, terminals = _villages_and_terminals(work)
    _fill(work, villages, terminals, log)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    work.replace(path)
    note = recipe() | {"build_s": round(perf_counter() - started, 1), "bytes": path.stat().st_size}
    _note_path(path).write_text(json.dumps(note, indent=1), encoding="utf-8")
    log(f"township: built in {note['build_s']} s, {note['bytes'] / 2**20:.0f} MiB")
    return note


def to_postgresql(cache: Path, url: str, log: Log) -> dict:
    """The cached township moved into an empty PostgreSQL database with `export-to` (every row
    checked before commit), then ANALYZEd; how long each took."""
    from kiosk.township.tables.export import export_to
    log(f"township: moving the {ENTRIES:,}-entry township to PostgreSQL (export-to) …")
    started = perf_counter()
    source = Store(cache)
    try:
        export_to(source, url)
    finally:
        source.close()
    exported = perf_counter() - started
    target = Store(url)
    try:
        target.db.execute("ANALYZE")
    finally:
        target.close()
    log(f"township: exported in {exported:.0f} s")
    return {"export_to_s": round(exported, 1), "analyze_s": round(perf_counter() - started - exported, 1)}


def working_copy(cache: Path, folder: Path) -> Path:
    """A copy to commit new records into; the cache stays as built."""
    target = folder / "township-3m.sqlite3"
    shutil.copyfile(cache, target)
    return target
