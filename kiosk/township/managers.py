"""A village's managers, as its counters sent them, and the clerk's confirmation of one (回避).

Nothing inside one counter can tell a real second manager from a puppet whose PIN another
manager set (kiosk/services/behind.py on the counter). The township's clerk knows the village's
cadres: once a manager has changed their own PIN, the clerk confirms them at that PIN version,
a township-authored `manager_confirmed` record ({operator_id, pin_version, name}) that reaches the
village's counters in pull pages and USB replies like a hold. A counter applies it only while the
manager's PIN is still that version; a counter may never author one (kiosk/sync/authority.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from kiosk.township.store import Store
from kiosk.township.tables import records
from kiosk.township.words import TownshipRefused

CONFIRMED = "manager_confirmed"


@dataclass
class Manager:
    id: str
    name: str
    pin_version: int
    active: bool
    resident: str = ""
    known_to: list[str] = field(default_factory=list)   # names of whoever may know the PIN
    confirmed: bool = False      # the clerk confirmed this PIN version (the counter may not have it yet)

    @property
    def needs_confirming(self) -> bool:
        return self.active and bool(self.known_to) and not self.confirmed


def managers(store: Store, village_id: str) -> list[Manager]:
    """The village's managers (the latest record of each), by name."""
    latest = _latest(records.of_village(store, village_id, "manager"))
    residents = _latest(records.of_village(store, village_id, "resident"))
    confirmed = {(b.get("operator_id"), b.get("pin_version"))
                 for b in (json.loads(r["body"]) for r in records.of_village(store, village_id, CONFIRMED))}
    names = {key: str(body.get("name") or "") for key, body in latest.items()}
    found = []
    for key, body in latest.items():
        if body.get("role", "manager") != "manager":
            continue
        version = body.get("pin_version") if isinstance(body.get("pin_version"), int) else 0
        resident = residents.get(body.get("resident_id") or "", {})
        found.append(Manager(key, names[key], version, bool(body.get("active", 1)), str(resident.get("name") or ""),
                             [names.get(i) or "?" for i in _ids(body.get("pin_known_to"))],
                             (key, version) in confirmed))
    return sorted(found, key=lambda m: m.name)


def confirm(store: Store, village_name: str, name: str) -> dict:
    """The clerk confirms manager `name` of a village at the PIN version the township last heard of."""
    village = store.village(village_name)
    with store.write() as conn:
        found = [m for m in managers(store, village["id"]) if m.name == name.strip() and m.active]
        if not found:
            raise TownshipRefused("manager_unknown", village=village["name"], name=name)
        done = [m for m in found if not m.known_to or m.confirmed]
        for manager in (m for m in found if m not in done):
            store.publish(conn, CONFIRMED, {"operator_id": manager.id, "pin_version": manager.pin_version,
                                            "name": manager.name}, village["id"])
    return {"village": village["name"], "manager": name.strip(), "confirmed": len(found) - len(done),
            "already": len(done)}


def _latest(rows) -> dict[str, dict]:
    out = {}
    for row in rows:      # oldest first: the latest record of an id wins
        body = json.loads(row["body"])
        if isinstance(body, dict) and isinstance(body.get("id"), str):
            out[body["id"]] = body
    return out


def _ids(text) -> list[str]:
    try:
        ids = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return []
    return [i for i in ids if isinstance(i, str)] if isinstance(ids, list) else []
