"""Signed snapshots for the counters: each household's figures, signed by the township.

At each sync (online, or in a USB reply bundle) a counter receives one statement per household
of its village, so a manager can print a household's 积分证明 at the counter even offline.
A snapshot statement (kind "snapshot") says: the household (id, house number, head), its grade
by the village's own grade table (sent by the counter), this year's and last year's score
(awards less deductions by activity date), this year's awards by category, the balance, any
holds (open overdraft incidents), the snapshot time (`issued`), `valid_until` and the key id.
The sums are folded once, then only from the entries that arrived since; a counter that says it
holds the current version's snapshots (and asks again only when they are a day old) gets none.
"""

from __future__ import annotations

import json
import threading
import weakref
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from kiosk.core.grades import GradeScale, table_hash
from kiosk.core.points import BadPoints, Points
from kiosk.township.console import certificate, folds, queries
from kiosk.township.store import Store
from kiosk.township.tables import records, terminals

MOST_GRADES = 8


def scale_from(rows: object) -> GradeScale | None:
    """The village's grade table as the counter sent it ([label, minimum, perks] rows); None if unusable."""
    if not isinstance(rows, list) or not 1 <= len(rows) <= MOST_GRADES:
        return None
    try:
        return GradeScale.from_pairs([(str(r[0])[:10], str(r[1])) for r in rows
                                      if isinstance(r, list) and len(r) >= 2])
    except (BadPoints, IndexError, TypeError):
        return None


def _year(store: Store) -> int:
    return datetime.fromtimestamp(store.clock(), UTC).year


def _categories(store: Store, village_id: str) -> dict[str, str]:
    """Rule id → category, from the village's rules and the township's shared ones (latest body)."""
    found: dict[str, str] = {}
    for row in records.of_village_and_everyone(store, village_id, "rule"):
        body = json.loads(row["body"])
        if isinstance(body, dict) and isinstance(body.get("id"), str):
            found[body["id"]] = str(body.get("category") or "")
    return found


@dataclass
class _Sums:
    """A village's entries folded so far: score per (account, year), this year's awards per (account, rule)."""
    seen: int = 0
    score: dict = field(default_factory=lambda: defaultdict(int))
    awards: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))


_SUMS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def _sums(store: Store, village_id: str, year: int) -> _Sums:
    """Folded once, then only the entries that arrived since (records are never changed or removed)."""
    with _LOCK:
        kept = _SUMS.setdefault(store, {})
        sums = kept.setdefault((village_id, year), _Sums())
        for row in records.of_village_after(store, village_id, "entry", sums.seen):
            _fold(json.loads(row["body"]), year, sums)
            sums.seen = row["commit_no"]
        return sums


def _fold(body: object, year: int, sums: _Sums) -> None:
    if not isinstance(body, dict) or not isinstance(body.get("hundredths"), int):
        return
    kind, amount, account = body.get("kind"), body["hundredths"], str(body.get("account_id"))
    when = str(body.get("activity_date") or body.get("at") or "")[:4]
    if kind not in ("award", "deduct") or not when.isdigit() or int(when) not in (year, year - 1):
        return
    sums.score[(account, int(when))] += amount
    if kind == "award" and amount > 0 and int(when) == year:
        sums.awards[account][str(body.get("rule_id"))] += amount


def _holds(store: Store, village_id: str) -> dict[str, list[dict]]:
    held: dict[str, list[dict]] = defaultdict(list)
    for row in terminals.open_overdrafts(store, village_id):
        detail = json.loads(row["detail"])
        held[row["account_id"]].append({"since": str(row["created_at"])[:10],
                                        "balance": str(detail.get("balance", "")) if isinstance(detail, dict) else ""})
    return held


@dataclass(frozen=True)
class _Village:
    """What every household's figures are read from, read once per answer."""
    row: dict
    year: int
    sums: _Sums
    held: dict
    categories: dict


def _village(store: Store, village: dict) -> _Village:
    year = _year(store)
    return _Village(village, year, _sums(store, village["id"], year), _holds(store, village["id"]),
                    _categories(store, village["id"]))


def figures(shared: _Village, home: queries.Household, scale: GradeScale | None) -> dict:
    year, sums = shared.year, shared.sums
    this_year = sum(sums.score.get((a, year), 0) for a in home.accounts)
    last_year = sum(sums.score.get((a, year - 1), 0) for a in home.accounts)
    categories: dict[str, int] = defaultdict(int)
    for account in home.accounts:
        for rule_id, amount in sums.awards.get(account, {}).items():
            categories[shared.categories.get(rule_id, "")] += amount
    holds = [h for a in home.accounts for h in shared.held.get(a, [])]
    grade = scale.grade_for(Points(this_year)).label if scale else ""
    return {"village": shared.row["name"], "currency": shared.row["currency"], "household": home.id,
            "house_no": home.house_no, "head": home.head, "year": year, "grade": grade,
            "this_year": queries.points(this_year), "last_year": queries.points(last_year),
            "by_category": {c: queries.points(v) for c, v in sorted(categories.items())},
            "balance": queries.points(home.balance), "holds": holds, "on_hold": bool(holds)}


def statement(store: Store, shared: _Village, home: queries.Household, scale: GradeScale | None) -> str:
    now = store.clock()
    valid_until = datetime.fromtimestamp(now + certificate.VALID_DAYS * 86400, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return certificate.sign_statement(store, figures(shared, home, scale) | {
        "v": 2, "kind": "snapshot", "issued": store.now_text(), "valid_until": valid_until})


def version(store: Store, village_id: str, grades: object) -> str:
    """What the snapshots depend on: the village's records, the grade table and the year."""
    return f"{folds.village_version(store, village_id)}.{table_hash(grades)}.{_year(store)}"


def for_village(store: Store, village_id: str, grades: object, have: object = None) -> dict:
    """What a counter of the village receives: the township's public key and one signed text per household,
    or none (`unchanged`) when the counter says it has the snapshots of this very version."""
    village, current = queries.villages(store, village_id)[0], version(store, village_id, grades)
    answer = {"key": certificate.public_key(store), "version": current}
    if have == current:
        return answer | {"unchanged": True, "statements": []}
    scale, shared = scale_from(grades), _village(store, village)
    return answer | {"statements": [{"household": home.id, "text": statement(store, shared, home, scale)}
                                    for home in queries.households(store, village_id)]}


def figures_now(store: Store, signed: dict) -> dict | None:
    """The household's figures now (for /verify), or None when the village or household is gone."""
    village = store.village_by_name(str(signed.get("village", "")))
    if village is None:
        return None
    home = next((h for h in queries.households(store, village["id"]) if h.id == signed.get("household")), None)
    return None if home is None else figures(_village(store, dict(village)), home, None)
