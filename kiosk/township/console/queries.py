"""What the console reads: portable SQL (`?` placeholders, no JSON functions), folded in Python.

Households, residents and accounts are the villages' pushed records (bodies in `record`,
versioned: the latest commit of an id wins), as kiosk.township.tables.holds reads them; balances
come from `account_balance`, kept with every stored entry.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from kiosk.core.points import Points
from kiosk.township.console import folds
from kiosk.township.store import Store
from kiosk.township.tables import holds, records, terminals

GROUP = re.compile(r"^\s*([0-9]+|[一二三四五六七八九十]+)\s*组")
OFFLINE_AFTER = 24 * 3600     # a counter silent this long is shown offline since its last sync


def points(hundredths: int) -> str:
    return f"{Decimal(hundredths) / 100:.2f}"


@dataclass
class Household:
    id: str
    house_no: str
    head: str = ""
    members: int = 0
    accounts: list[str] = field(default_factory=list)
    balance: int = 0
    earned: int = 0

    @property
    def group(self) -> str:
        found = GROUP.match(self.house_no)
        return found.group(1) + "组" if found else ""


def villages(store: Store, village_id: str | None = None) -> list[dict]:
    if village_id:
        return [dict(r) for r in terminals.village_named_row(store, village_id)]
    return [dict(r) for r in terminals.villages_by_name(store)]


def _latest_bodies(store: Store, village_id: str, record_type: str) -> dict[str, dict]:
    return folds.people(store, village_id, record_type)


def households(store: Store, village_id: str) -> list[Household]:
    """The village's active households with house number, head, people and balance, by house number."""
    return folds.memo(store, ("households", village_id), folds.village_version(store, village_id),
                      lambda: _households(store, village_id))


def _households(store: Store, village_id: str) -> list[Household]:
    found = {hid: Household(hid, str(b.get("house_no") or ""))
             for hid, b in _latest_bodies(store, village_id, "household").items() if b.get("active", 1)}
    residents = _latest_bodies(store, village_id, "resident")
    for person in residents.values():
        home = found.get(person.get("household_id"))
        if home is not None and person.get("status", "active") == "active":
            home.members += 1
    for home_id, body in _latest_bodies(store, village_id, "household").items():
        head = residents.get(body.get("head_id"))
        if home_id in found and head:
            found[home_id].head = str(head.get("name") or "")
    for aid, account in _latest_bodies(store, village_id, "account").items():
        owner = account.get("household_id") or residents.get(account.get("resident_id"), {}).get("household_id")
        if owner in found:
            found[owner].accounts.append(aid)
    sums = {r["account_id"]: (r["hundredths"], r["earned"]) for r in
            terminals.balances(store, village_id)}
    for home in found.values():
        home.balance = sum(sums.get(a, (0, 0))[0] for a in home.accounts)
        home.earned = sum(sums.get(a, (0, 0))[1] for a in home.accounts)
    return sorted(found.values(), key=lambda h: _house_key(h.house_no))


def _house_key(house_no: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", house_no))


def household_history(store: Store, village_id: str, household: Household, limit: int = 500) -> list[dict]:
    """The household's entries, newest first (read from the village's entry records)."""
    accounts = set(household.accounts)
    rows = records.of_village_newest_first(store, village_id, "entry")
    found = []
    for row in rows:
        body = json.loads(row["body"])
        if body.get("account_id") in accounts:
            found.append({"at": str(body.get("at") or row["received_at"])[:16].replace("T", " "),
                          "kind": str(body.get("kind") or "other"), "points": points(body["hundredths"]),
                          "note": str(body.get("note") or "")})
            if len(found) >= limit:
                break
    return found


def month_figures(store: Store, month_start: str) -> dict[str, dict]:
    """Per village this month: accounts with an award, points issued and spent (kiosk.township.console.folds)."""
    return folds.month(store, month_start)


def household_count(store: Store, village_id: str) -> int:
    return len(households(store, village_id))


def overview(store: Store, village_id: str | None, month_start: str) -> list[dict]:
    figures = month_figures(store, month_start)
    incidents = terminals.open_incidents_per_village(store)
    result = []
    for village in villages(store, village_id):
        homes = households(store, village["id"])
        mine = figures.get(village["id"], {"awarded": set(), "issued": 0, "spent": 0})
        taking_part = sum(1 for h in homes if set(h.accounts) & mine["awarded"])
        rate = f"{100 * taking_part / len(homes):.0f}%" if homes else "—"
        result.append(village | {"households": len(homes), "participation": rate,
                                 "issued": points(mine["issued"]), "spent": points(mine["spent"]),
                                 "open_incidents": incidents.get(village["id"], 0)})
    return result


def counters(store: Store, village_id: str | None) -> list[dict]:
    rows = terminals.counters_of(store, village_id)
    day_ago = datetime.fromtimestamp(store.clock() - OFFLINE_AFTER, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [dict(r) | {"offline": (r["last_contact"] or "")[:16].replace("T", " ")
                       if r["last_contact"] and r["last_contact"] < day_ago else ""} for r in rows]


def open_incidents(store: Store, village_id: str | None) -> list[dict]:
    rows = terminals.open_incidents_with_names(store, village_id)
    return [dict(r) | {"detail": json.loads(r["detail"])} for r in rows]


def waiting_for_credits(store: Store, village_id: str | None) -> list[dict]:
    """Accounts below zero in sales whose hold waits for credits a counter says are on their way
    (kiosk/township/tables/holds.py): the clerk sees them, with how many points they wait for."""
    names = {v["id"]: v["name"] for v in villages(store, village_id)}
    return [row | {"points": str(Points(row["waiting"])), "village_name": names.get(row["village_id"], "")}
            for row in holds.deferred(store, village_id)]


def incident(store: Store, incident_id: str) -> dict | None:
    row = terminals.incident_by_id(store, incident_id)
    return None if row is None else dict(row)


def township_ranking(store: Store, village_id: str | None, limit: int = 100) -> list[dict]:
    """The households that earned most, township-wide (or in one village)."""
    shown = villages(store, village_id)
    version = tuple(folds.village_version(store, v["id"]) for v in shown)
    return folds.memo(store, ("ranking", village_id, limit), version, lambda: _ranking(store, village_id, limit))


def _ranking(store: Store, village_id: str | None, limit: int) -> list[dict]:
    rows = []
    for village in villages(store, village_id):
        rows.extend({"village": village["name"], "house_no": h.house_no, "head": h.head,
                     "earned": h.earned, "balance": h.balance} for h in households(store, village["id"]))
    rows.sort(key=lambda r: (-r["earned"], r["village"], _house_key(r["house_no"])))
    return [r | {"rank": n, "earned": points(r["earned"]), "balance": points(r["balance"])}
            for n, r in enumerate(rows[:limit], 1)]


def rates(store: Store) -> list[dict]:
    rows = records.of_any_village_newest_first(store, "rate")
    seen, result = set(), []
    for row in rows:
        body = json.loads(row["body"])
        pair = (body.get("from_village"), body.get("to_village"))
        if pair not in seen:
            seen.add(pair)
            result.append(body | {"at": row["received_at"]})
    return result


def retire(conn, store: Store, terminal_id: str, by: str, reason: str) -> None:
    """A lost or stolen counter: its secret becomes one nobody knows, so all it signs is refused."""
    terminals.retire(conn, terminal_id, store.now_text(), by, reason)
