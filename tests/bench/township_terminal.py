"""A real village counter for the township benchmarks: its own books, enrolled over HTTP.

Residents come through the services; the 100,000 awards are posted straight through the
ledger store (entry + journal rows, balances kept by the trigger), as many counter days
would leave them, so building takes seconds and the push measures only the sync.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import httpx

from kiosk.core.clock import FixedClock
from kiosk.core.ids import new_id
from kiosk.services.people import residents
from kiosk.services.setup import create as setup
from kiosk.store import journal, ledger
from kiosk.store.db import Database
from kiosk.sync import enrolment
from kiosk.township.store import Store

RESIDENTS = 40
NOW = datetime(2026, 11, 22, 9, 0, 0)


def new_township(path: Path, villages: list[str]) -> dict[str, str]:
    """A township database with `villages`; one enrolment code for each, by name."""
    store = Store(path)
    try:
        for name in villages:
            store.add_village(name, "美德积分")
        return {name: store.issue_code(name)["code"] for name in villages}
    finally:
        store.close()


def new_counter(path: Path, village: str) -> Database:
    """The village's books with RESIDENTS residents in RESIDENTS // 2 households."""
    db = setup.create_database(path)
    ctx = setup.init_village(db, village=village, manager="刘建军", pin="2580", clock=FixedClock(NOW))
    for n in range(RESIDENTS):
        residents.add_resident(ctx, name=f"村民{n:03d}", house_no=f"{n % 7 + 1}组{n // 2 + 1}号")
    return db


def enrol(db: Database, url: str, code: str) -> str:
    with httpx.Client(timeout=30) as http:
        return enrolment.enrol(db, http, url, code, datetime.now())


def post_awards(db: Database, count: int) -> None:
    """`count` awards of 1–7 points spread over the residents, journaled in order."""
    people = db.all("SELECT r.id AS resident_id, a.id AS account_id FROM resident r"
                    " JOIN account a ON a.household_id = r.household_id ORDER BY r.rowid")
    terminal_id = db.scalar("SELECT value FROM meta WHERE key = 'terminal_id'")
    with db.write() as conn:
        ids = []
        for n in range(count):
            person = people[n % len(people)]
            entry_id = new_id()
            ledger.post(conn, ledger.NewEntry(
                entry_id, person["account_id"], "award", 100 * (1 + n % 7), terminal_id,
                f"2026-11-{1 + n % 21:02d} 10:{n % 60:02d}:00", f"2026-11-{1 + n % 21:02d}",
                resident_id=person["resident_id"], note="环境清扫"), journaled=False)
            ids.append(("entry", entry_id))
        journal.record_many(conn, terminal_id, ids)
