"""Changing one resident: their details, their household, leaving the village, coming back.

Someone who moved away or died stays in the books (their history is the village's),
but their card stops working at the counter. What becomes of their points is the
village's setting (kiosk.config.LEAVE_POINTS), and any points that move are entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.config import LEAVE_POINTS
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_label_name, clean_name, initials, normalise_text
from kiosk.core.points import Points
from kiosk.core.policy import AccountMode
from kiosk.services.people import households, residents
from kiosk.services.points import transfers
from kiosk.services.setup import settings
from kiosk.services.context import Context
from kiosk.services.permissions import Act, Action, require, require_second_if_own
from kiosk.services.people.residents import ACTIVE, Resident
from kiosk.services.trail import audit_row
from kiosk.store import households as store
from kiosk.store import journal
from kiosk.store import people as people_store

LEAVING = ("moved", "deceased")
NOTHING = Points(0)
_PHONE = re.compile(r"^\+?[\d\- ]{5,20}$")


@dataclass(frozen=True)
class Left:
    resident: Resident
    status: str
    points: str          # what became of their points: household / keep / forfeit
    amount: Points       # how many moved or were forfeited
    to: str = ""         # who received them
    new_head: str = ""   # who heads the household now, when the head left


def edit(ctx: Context, resident_ref: str, *, name: str | None = None, relation: str | None = None,
         phone: str | None = None, id_last4: str | None = None) -> Resident:
    """Correct a resident's name, relation, phone or ID-card last four."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    resident = residents.resolve(ctx, resident_ref)
    wanted = _checked(name, relation, phone, id_last4)
    current = {"name": resident.name, "relation": resident.relation,
               "phone": resident.phone or None, "id_last4": resident.id_last4 or None}
    changes = {k: v for k, v in wanted.items() if current[k] != v}
    if not changes:
        raise Refused("edit_nothing", name=resident.name)
    if "name" in changes:
        changes["initials"] = initials(changes["name"])
    with ctx.db.write() as conn:
        store.update_resident(conn, resident.id, changes, ctx.now_text())
        journal.record(conn, ctx.terminal.id, "resident", resident.id)
        if changes.get("relation") == households.HEAD:
            _make_head(conn, ctx, resident)
        audit_row(conn, ctx, "resident.edit", "resident", resident.id,
                  before={k: current[k] for k in changes if k in current},
                  after={k: v for k, v in changes.items() if k != "initials"})
    return Resident.of(people_store.resident(ctx.db, resident.id))


def _checked(name, relation, phone, id_last4) -> dict[str, str | None]:
    wanted: dict[str, str | None] = {}
    if name is not None:
        wanted["name"] = clean_label_name(name, "name")
    if relation is not None:
        wanted["relation"] = clean_name(relation, "relation") if normalise_text(relation) else ""
    if phone is not None:
        wanted["phone"] = check_phone(phone)
    if id_last4 is not None:
        wanted["id_last4"] = residents.check_id_last4(id_last4)
    return wanted


def check_phone(value: str | None) -> str | None:
    text = normalise_text(value or "")
    if not text:
        return None
    if not _PHONE.match(text) or sum(ch.isdigit() for ch in text) < 5:
        raise Refused("phone_bad", value=text)
    return text


def _make_head(conn, ctx: Context, resident: Resident) -> None:
    """The one now called 户主 heads the household; the former head's relation is left to fill in."""
    row = store.household_by_id(conn, resident.household_id)
    if row["head_id"] and row["head_id"] != resident.id:
        store.set_relation(conn, row["head_id"], "", ctx.now_text())
        journal.record(conn, ctx.terminal.id, "resident", row["head_id"])
    people_store.set_head(conn, resident.household_id, resident.id)


def move(ctx: Context, resident_ref: str, house_no: str, relation: str = "") -> Resident:
    """A member joins another existing household. Household points stay where they were earned."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    resident = residents.resolve(ctx, resident_ref)
    if resident.status != ACTIVE:
        raise Refused("resident_left", name=resident.name, status=resident.status,
                      card=resident.card_code, house_no=resident.house_no)
    target = households.household(ctx, house_no, what="move_household_unknown")
    if target["id"] == resident.household_id:
        raise Refused("move_same_household", name=resident.name, house_no=target["house_no"])
    relation = clean_name(relation, "relation") if normalise_text(relation) else ""
    require_second_if_own(ctx, [resident.household_id, target["id"]], Act.HOUSEHOLD)
    with ctx.db.write() as conn:
        store.set_household(conn, resident.id, target["id"], relation, ctx.now_text())
        journal.record(conn, ctx.terminal.id, "resident", resident.id)
        households.pass_headship(conn, ctx, resident.household_id, resident.id)
        _event(conn, ctx, "move", resident, resident.household_id, target["id"])
        audit_row(conn, ctx, "resident.move", "resident", resident.id,
                  before={"house_no": resident.house_no}, after={"house_no": target["house_no"]})
    return Resident.of(people_store.resident(ctx.db, resident.id))


def _event(conn, ctx: Context, kind: str, resident: Resident, from_id=None, to_id=None,
           status=None, amount: int = 0, out_in=(None, None), note: str = "") -> None:
    event_id = new_id()
    store.insert_event(conn, id=event_id, kind=kind, resident_id=resident.id, from_household_id=from_id,
                       to_household_id=to_id, status=status, hundredths=amount, out_entry_id=out_in[0],
                       in_entry_id=out_in[1], note=note, operator_id=ctx.actor.operator_id,
                       terminal_id=ctx.terminal.id, at=ctx.now_text())
    journal.record(conn, ctx.terminal.id, "household_event", event_id)


def leave(ctx: Context, resident_ref: str, status: str, points: str | None = None) -> Left:
    """Mark a resident moved away or deceased; their card stops working, their points go
    as `points` says (household / keep / forfeit), or as the village's setting says."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    if status not in LEAVING:
        raise Refused("leave_status_unknown", value=status)
    choice = normalise_text(points) if points else settings.value(ctx, LEAVE_POINTS)
    if choice not in LEAVE_POINTS.values:
        raise Refused("leave_points_unknown", value=choice, choices="、".join(LEAVE_POINTS.values))
    resident = residents.resolve(ctx, resident_ref)
    if resident.status != ACTIVE:
        raise Refused("resident_already_left", name=resident.name, status=resident.status)
    require_second_if_own(ctx, [resident.household_id], Act.HOUSEHOLD)   # their points move with them
    with ctx.db.write() as conn:
        store.set_status(conn, resident.id, status, ctx.now_text())
        journal.record(conn, ctx.terminal.id, "resident", resident.id)
        new_head = households.pass_headship(conn, ctx, resident.household_id, resident.id) or ""
        done = _settle(conn, ctx, resident, status, choice)
        _event(conn, ctx, "leave", resident, resident.household_id, status=status,
               amount=done.amount.hundredths, out_in=done.out_in, note=done.points)
        audit_row(conn, ctx, "resident.leave", "resident", resident.id, before={"status": ACTIVE},
                  after={"status": status, "points": done.points, "amount": str(done.amount), "to": done.to})
    return Left(resident, status, done.points, done.amount, done.to, new_head)


@dataclass(frozen=True)
class _Settled:
    points: str
    amount: Points = NOTHING
    to: str = ""
    out_in: tuple = (None, None)


def _settle(conn, ctx: Context, resident: Resident, status: str, choice: str) -> _Settled:
    note = ("迁出" if status == "moved" else "去世") + "，积分作废"
    if ctx.village.policy.account_mode is AccountMode.HOUSEHOLD:
        account = store.household_account(conn, resident.household_id)
        still_here = any(m["status"] == ACTIVE for m in store.members(conn, resident.household_id))
        if still_here or choice != "forfeit" or account["balance"] <= 0:
            return _Settled("household")
        entry = transfers.forfeit(conn, ctx, account["id"], account["balance"], note)
        return _Settled("forfeit", Points(account["balance"]), out_in=(entry, None))
    account = store.resident_account(conn, resident.id)
    if account is None or account["balance"] <= 0 or choice == "keep" or account["hold_reason"]:
        return _Settled("keep")
    if choice == "forfeit":
        entry = transfers.forfeit(conn, ctx, account["id"], account["balance"], note, resident.id)
        return _Settled("forfeit", Points(account["balance"]), out_in=(entry, None))
    return _to_head(conn, ctx, resident, account)


def _to_head(conn, ctx: Context, resident: Resident, account) -> _Settled:
    head_id = store.household_by_id(conn, resident.household_id)["head_id"]
    head = people_store.resident(ctx.db, head_id) if head_id and head_id != resident.id else None
    target = store.resident_account(conn, head["id"]) if head and head["status"] == ACTIVE else None
    if target is None or target["hold_reason"]:
        return _Settled("keep")
    out_in = transfers.transfer(conn, ctx, account["id"], target["id"], account["balance"],
                                f"{resident.name}的积分转给户主{head['name']}", resident.id, head["id"])
    return _Settled("household", Points(account["balance"]), head["name"], out_in)


def rejoin(ctx: Context, resident_ref: str) -> Resident:
    """Undo a leave marked by mistake (or someone who came back): the card works again.
    Points that were forfeited or handed on stay where they went."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    resident = residents.resolve(ctx, resident_ref)
    if resident.status == ACTIVE:
        raise Refused("resident_not_left", name=resident.name)
    require_second_if_own(ctx, [resident.household_id], Act.HOUSEHOLD)
    if not households.household(ctx, resident.house_no, what="move_household_unknown"):
        return resident
    with ctx.db.write() as conn:
        store.set_status(conn, resident.id, ACTIVE, ctx.now_text())
        journal.record(conn, ctx.terminal.id, "resident", resident.id)
        if not store.household_by_id(conn, resident.household_id)["head_id"]:
            people_store.set_head(conn, resident.household_id, resident.id)
        _event(conn, ctx, "return", resident, to_id=resident.household_id, status=ACTIVE)
        audit_row(conn, ctx, "resident.return", "resident", resident.id,
                  before={"status": resident.status}, after={"status": ACTIVE})
    return Resident.of(people_store.resident(ctx.db, resident.id))
