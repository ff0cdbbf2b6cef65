"""Splitting a household (分户) and merging two (合户); the points go along as transfer pairs.

Where points are kept per household, a split gives the new household a share of
the old one's balance (by head count unless the manager names an amount) and a
merge hands the whole balance over: each is a 'transfer' pair summing to zero, so
the village's total never changes. Where points are per resident, they travel
with their owners and nothing is transferred.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name, house_order, normalise_text
from kiosk.core.points import BadPoints, Points
from kiosk.core.policy import AccountMode
from kiosk.services.people import residents
from kiosk.services.points import transfers
from kiosk.services.context import Context
from kiosk.services.permissions import Act, Action, require, require_second_if_own
from kiosk.services.trail import audit_row
from kiosk.store import households as store
from kiosk.store import journal
from kiosk.store import people as people_store

HEAD = "户主"


@dataclass(frozen=True)
class HouseholdLine:
    house_no: str
    head: str
    members: int
    balance: Points


def listing(ctx: Context, house_prefix: str = "") -> list[HouseholdLine]:
    """Every household in use (or those whose house number starts with the prefix), in number order."""
    rows = sorted(people_store.household_lines(ctx.db, normalise_text(house_prefix)),
                  key=lambda row: house_order(row["house_no"]))
    return [HouseholdLine(r["house_no"], r["head"] or "", r["members"], Points(r["balance"]))
            for r in rows]


@dataclass(frozen=True)
class Changed:
    house_no: str            # the household that was split or merged away
    other_house_no: str      # the new household, or the one merged into
    members: tuple[str, ...]
    points: Points           # what moved between the two accounts


def household(ctx: Context, house_no: str, *, what: str = "household_unknown"):
    """An active household by house number, or `what` refused."""
    house_no = normalise_text(house_no)
    row = store.household(ctx.db, house_no)
    if row is None or not row["active"]:
        raise Refused(what, house_no=house_no)
    return row


def pass_headship(conn, ctx: Context, household_id: str, leaving_id: str) -> str | None:
    """When the head leaves, the next member still living here becomes head; their name."""
    row = store.household_by_id(conn, household_id)
    if row["head_id"] != leaving_id:
        return None
    heir = next((m for m in store.members(conn, household_id)
                 if m["status"] == residents.ACTIVE and m["id"] != leaving_id), None)
    people_store.set_head(conn, household_id, heir["id"] if heir else None)
    if heir is None:
        return None
    store.set_relation(conn, heir["id"], HEAD, ctx.now_text())
    journal.record(conn, ctx.terminal.id, "resident", heir["id"])
    return heir["name"]


def split(ctx: Context, house_no: str, people: list[str], new_house_no: str,
          points: object = None) -> Changed:
    """Members named (card code or name) leave `house_no` for a new household; the first is its head."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    source = household(ctx, house_no)
    new_house_no = clean_name(new_house_no, "house_no")
    if store.household(ctx.db, new_house_no):
        raise Refused("household_exists", house_no=new_house_no)
    require_second_if_own(ctx, [source["id"]], Act.HOUSEHOLD)
    chosen = _members_named(ctx, source, people)
    staying = [m for m in store.members(ctx.db, source["id"])
               if m["status"] == residents.ACTIVE and m["id"] not in {c["id"] for c in chosen}]
    if not staying:
        raise Refused("split_takes_everyone", house_no=source["house_no"])
    with ctx.db.write() as conn:
        amount = _share(ctx, conn, source, len(chosen), len(chosen) + len(staying), points)
        new_id_ = residents.add_household(ctx, new_house_no)
        for number, member in enumerate(chosen):
            _move(conn, ctx, member, source["id"], new_id_, HEAD if number == 0 else member["relation"])
        people_store.set_head(conn, new_id_, chosen[0]["id"])
        out_in = _transfer_between(conn, ctx, source["id"], new_id_, amount,
                                   f"分户：{source['house_no']} → {new_house_no}")
        _event(conn, ctx, "split", source["id"], new_id_, amount, out_in)
        audit_row(conn, ctx, "household.split", "household", source["id"],
                  after={"new_house_no": new_house_no, "members": [m["name"] for m in chosen],
                         "points": str(Points(amount))})
    return Changed(source["house_no"], new_house_no, tuple(m["name"] for m in chosen), Points(amount))


def _members_named(ctx: Context, source, people: list[str]) -> list:
    members = store.members(ctx.db, source["id"])
    chosen = []
    for query in people:
        text = normalise_text(query)
        found = [m for m in members if text in (m["card_code"], m["name"])]
        if len(found) != 1:
            raise Refused("split_member_unknown", query=text, house_no=source["house_no"])
        if found[0]["status"] != residents.ACTIVE:
            raise Refused("resident_left", name=found[0]["name"], status=found[0]["status"],
                          card=found[0]["card_code"], house_no=source["house_no"])
        if found[0]["id"] not in {c["id"] for c in chosen}:
            chosen.append(found[0])
    if not chosen:
        raise Refused("split_nobody", house_no=source["house_no"])
    return chosen


def _share(ctx: Context, conn, source, leaving: int, living: int, points: object) -> int:
    """The hundredths the new household takes: as named, or its members' share by head count."""
    if ctx.village.policy.account_mode is not AccountMode.HOUSEHOLD:
        if points not in (None, "", 0, "0"):
            raise Refused("split_points_per_resident")
        return 0
    account = store.household_account(conn, source["id"])
    transfers.refuse_held((account, source["house_no"]))
    balance = max(0, account["balance"])
    if points in (None, ""):
        return balance * leaving // living
    try:
        amount = Points.parse(str(points)).hundredths
    except BadPoints:
        raise Refused("points_bad", value=points) from None
    if not 0 <= amount <= balance:
        raise Refused("split_points_bad", value=str(points), balance=str(Points(balance)))
    return amount


def _move(conn, ctx: Context, member, from_id: str, to_id: str, relation: str) -> None:
    store.set_household(conn, member["id"], to_id, relation, ctx.now_text())
    journal.record(conn, ctx.terminal.id, "resident", member["id"])
    pass_headship(conn, ctx, from_id, member["id"])


def _transfer_between(conn, ctx: Context, from_id: str, to_id: str, amount: int, note: str):
    if not amount or ctx.village.policy.account_mode is not AccountMode.HOUSEHOLD:
        return None, None
    source = store.household_account(conn, from_id)
    target = store.household_account(conn, to_id)
    return transfers.transfer(conn, ctx, source["id"], target["id"], amount, note)


def _event(conn, ctx: Context, kind: str, from_id: str, to_id: str, amount: int, out_in) -> None:
    event_id = new_id()
    store.insert_event(conn, id=event_id, kind=kind, from_household_id=from_id, to_household_id=to_id,
                       hundredths=amount, out_entry_id=out_in[0], in_entry_id=out_in[1],
                       operator_id=ctx.actor.operator_id, terminal_id=ctx.terminal.id, at=ctx.now_text())
    journal.record(conn, ctx.terminal.id, "household_event", event_id)


def merge(ctx: Context, house_no: str, into_house_no: str) -> Changed:
    """Every member of `house_no` joins `into_house_no`, with the whole balance; the first
    household is closed (its number can be lived in again later)."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    if normalise_text(house_no) == normalise_text(into_house_no):
        raise Refused("merge_same", house_no=normalise_text(house_no))
    source, target = household(ctx, house_no), household(ctx, into_house_no)
    require_second_if_own(ctx, [source["id"], target["id"]], Act.HOUSEHOLD)
    moving = store.members(ctx.db, source["id"])
    with ctx.db.write() as conn:
        amount = _whole_balance(ctx, conn, source, target)
        for member in moving:
            relation = "" if member["relation"] == HEAD else member["relation"]
            store.set_household(conn, member["id"], target["id"], relation, ctx.now_text())
            journal.record(conn, ctx.terminal.id, "resident", member["id"])
        people_store.set_household_active(conn, source["id"], False)
        people_store.set_head(conn, source["id"], None)
        journal.record(conn, ctx.terminal.id, "household", source["id"])
        out_in = _transfer_between(conn, ctx, source["id"], target["id"], amount,
                                   f"合户：{source['house_no']} → {target['house_no']}")
        _event(conn, ctx, "merge", source["id"], target["id"], amount, out_in)
        audit_row(conn, ctx, "household.merge", "household", source["id"],
                  after={"into": target["house_no"], "members": [m["name"] for m in moving],
                         "points": str(Points(amount))})
    return Changed(source["house_no"], target["house_no"], tuple(m["name"] for m in moving), Points(amount))


def _whole_balance(ctx: Context, conn, source, target) -> int:
    if ctx.village.policy.account_mode is not AccountMode.HOUSEHOLD:
        return 0
    account = store.household_account(conn, source["id"])
    transfers.refuse_held((account, source["house_no"]),
                          (store.household_account(conn, target["id"]), target["house_no"]))
    return account["balance"]
