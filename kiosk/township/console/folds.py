"""What the console folds from the record table, kept up to date by reading only new records.

Records are never updated or deleted, and every one has a larger commit number than those
before it, so a fold (the latest body of each household, resident and account of a village;
this month's award and spending figures) stays right by reading the records after the last
commit number it saw. The first page view after a restart (or a new month) reads the whole
month once; every later one reads only what arrived since.
"""

from __future__ import annotations

import json
import threading
import weakref
from dataclasses import dataclass, field

from kiosk.core.kinds import SPENDING
from kiosk.township.store import Store
from kiosk.township.tables import records

PEOPLE = ("household", "resident", "account")


@dataclass
class _People:
    seen: int = 0
    latest: dict[str, dict[str, dict]] = field(default_factory=lambda: {t: {} for t in PEOPLE})


@dataclass
class _Month:
    month: str = ""
    seen: int = 0
    figures: dict[str, dict] = field(default_factory=dict)


@dataclass
class _Folds:
    lock: threading.Lock = field(default_factory=threading.Lock)
    people: dict[str, _People] = field(default_factory=dict)
    month: _Month = field(default_factory=_Month)
    memos: dict = field(default_factory=dict)


_FOLDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _folds(store: Store) -> _Folds:
    found = _FOLDS.get(store)
    if found is None:
        found = _FOLDS.setdefault(store, _Folds())
    return found


def people(store: Store, village_id: str, record_type: str) -> dict[str, dict]:
    """The latest body of each record id of one people type in a village."""
    folds = _folds(store)
    with folds.lock:
        fold = folds.people.setdefault(village_id, _People())
        top = fold.seen
        for kind in PEOPLE:
            rows = records.of_village_after(store, village_id, kind, fold.seen)
            for row in rows:
                body = json.loads(row["body"])
                if isinstance(body, dict) and isinstance(body.get("id"), str):
                    fold.latest[kind][body["id"]] = body
                top = max(top, row["commit_no"])
        fold.seen = top
        return dict(fold.latest[record_type])


def month(store: Store, month_start: str) -> dict[str, dict]:
    """Per village this month: accounts with an award, points issued and spent."""
    folds = _folds(store)
    with folds.lock:
        fold = folds.month
        if fold.month != month_start:
            first = records.first_entry_commit_since(store, month_start)
            top = records.top_commit(store)
            folds.month = fold = _Month(month_start, (first - 1) if first is not None else top)
        rows = records.entries_after(store, fold.seen)
        for row in rows:
            _add(fold, row["village_id"], json.loads(row["body"]), month_start[:7])
            fold.seen = row["commit_no"]
        return {v: {"awarded": set(f["awarded"]), "issued": f["issued"], "spent": f["spent"]}
                for v, f in fold.figures.items()}


def _add(fold: _Month, village_id: str, body: dict, month: str) -> None:
    if not isinstance(body, dict) or str(body.get("at") or month)[:7] != month:
        return
    mine = fold.figures.setdefault(village_id, {"awarded": set(), "issued": 0, "spent": 0})
    amount = body.get("hundredths", 0)
    if not isinstance(amount, int):
        return
    if body.get("kind") == "award" and amount > 0:
        mine["awarded"].add(body.get("account_id"))
    if amount > 0 and body.get("kind") in ("award", None):
        mine["issued"] += amount
    elif body.get("kind") in SPENDING and amount < 0:
        mine["spent"] -= amount


def village_version(store: Store, village_id: str) -> int:
    """The village's newest commit: anything it shows (people, balances) changes only with a new one."""
    return records.top_commit_of_village(store, village_id)


def memo(store: Store, key: tuple, version: object, compute):
    """`compute()` once per version of what it reads (callers never change what it returns)."""
    folds = _folds(store)
    found = folds.memos.get(key)
    if found is not None and found[0] == version:
        return found[1]
    value = compute()
    folds.memos[key] = (version, value)
    return value
