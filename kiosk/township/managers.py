"""A village's managers, as its counters sent them, and the clerk's confirmation of one (回避).

Nothing inside one counter can tell a real second manager from a puppet whose PIN another
manager set (kiosk/services/behind.py on the counter). The township's clerk knows the village's
cadres: once a manager has changed their own PIN (pin_own in their latest record), the clerk
confirms that PIN, a township-authored `manager_confirmed` record ({operator_id, pin_set_id,
pin_version, name}) that reaches the village's counters in pull pages and USB replies like a
hold. It binds to the PIN's random stamp pin_set_id (a version number may repeat after a
counter's restore from backup) and to one operator by id (two counters may each have a manager
of the same name). A counter applies it only while the manager's PIN is still that one and their
own, and only when it takes its township's pages only signed; a counter may never author one
(kiosk/sync/authority.py).
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
    confirmed: bool = False      # the clerk confirmed this PIN (the counter may not have it yet)
    pin_set_id: str = ""         # the random stamp of the current PIN (what a confirmation binds to)
    pin_own: bool = False        # the current PIN is the manager's own change
    counter: str = ""            # the name of the counter that sent the manager

    @property
    def needs_confirming(self) -> bool:
        return self.active and bool(self.known_to) and not self.confirmed

    @property
    def may_confirm(self) -> bool:
        """Waiting for the clerk, and the PIN now is the manager's own (else: wait for them to change it)."""
        return self.needs_confirming and self.pin_own


def managers(store: Store, village_id: str) -> list[Manager]:
    """The village's managers (the latest record of each), by name."""
    rows = records.of_village_with_counter(store, village_id, "manager")
    latest = _latest(rows)
    counters = {json.loads(r["body"]).get("id"): str(r["counter"]) for r in rows}
    residents = _latest(records.of_village(store, village_id, "resident"))
    confirmed = {(b.get("operator_id"), b.get("pin_set_id"))
                 for b in (json.loads(r["body"]) for r in records.of_village(store, village_id, CONFIRMED))}
    names = {key: str(body.get("name") or "") for key, body in latest.items()}
    found = []
    for key, body in latest.items():
        if body.get("role", "manager") != "manager":
            continue
        version = body.get("pin_version") if isinstance(body.get("pin_version"), int) else 0
        set_id = body.get("pin_set_id") if isinstance(body.get("pin_set_id"), str) else ""
        resident = residents.get(body.get("resident_id") or "", {})
        found.append(Manager(key, names[key], version, bool(body.get("active", 1)), str(resident.get("name") or ""),
                             [names.get(i) or "?" for i in _ids(body.get("pin_known_to"))],
                             bool(set_id) and (key, set_id) in confirmed, set_id, body.get("pin_own") == 1,
                             counters.get(key, "")))
    return sorted(found, key=lambda m: (m.name, m.counter))


def confirm(store: Store, village_name: str, name: str) -> dict:
    """The clerk confirms manager `name` of a village from the command line: the one active manager
    of that name (two of a name: the web console, which shows each with its counter), at the PIN
    the township last heard of, if it is the manager's own."""
    village = store.village(village_name)
    found = [m for m in managers(store, village["id"]) if m.name == name.strip() and m.active]
    if not found:
        raise TownshipRefused("manager_unknown", village=village["name"], name=name)
    if len(found) > 1:
        raise TownshipRefused("manager_name_twice", village=village["name"], name=name.strip(), count=len(found))
    return confirm_by_id(store, village["name"], found[0].id)


def confirm_by_id(store: Store, village_name: str, operator_id: str, pin_set_id: str | None = None) -> dict:
    """The clerk confirms the village's manager `operator_id` at its current PIN, the one stamped
    `pin_set_id` when given (what the clerk checked: refused if the PIN changed since)."""
    village = store.village(village_name)
    with store.write() as conn:
        manager = next((m for m in managers(store, village["id"]) if m.id == operator_id and m.active), None)
        if manager is None:      # gone or stopped since the page was shown (never said by its id)
            raise TownshipRefused("manager_gone", village=village["name"])
        if pin_set_id is not None and pin_set_id != manager.pin_set_id:
            raise TownshipRefused("manager_pin_changed", village=village["name"], name=manager.name)
        done = not manager.known_to or manager.confirmed
        if not done and not manager.pin_own:
            raise TownshipRefused("manager_pin_not_own", village=village["name"], name=manager.name,
                                  setter="、".join(manager.known_to))
        if not done:
            store.publish(conn, CONFIRMED, {"operator_id": manager.id, "pin_set_id": manager.pin_set_id,
                                            "pin_version": manager.pin_version, "name": manager.name}, village["id"])
    return {"village": village["name"], "manager": manager.name, "confirmed": 0 if done else 1,
            "already": 1 if done else 0, "pin_version": manager.pin_version}


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
