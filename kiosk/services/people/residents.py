"""Households and residents: adding, finding, showing."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from kiosk.core import card_range
from kiosk.core.codes import normal_code
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_label_name, clean_name, initials, normalise_text
from kiosk.core.pins import hash_pin
from kiosk.core.policy import AccountMode
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import journal
from kiosk.store import people as store
from kiosk.store.card_range import highest_code

CARD_PREFIX = "JF"
_ID_LAST4 = re.compile(r"^\d{3}[\dXx]$")
ACTIVE = "active"


@dataclass(frozen=True)
class Resident:
    id: str
    name: str
    initials: str
    card_code: str
    household_id: str
    house_no: str
    relation: str
    status: str
    phone: str = ""
    id_last4: str = ""

    @classmethod
    def of(cls, row: sqlite3.Row) -> Resident:
        return cls(row["id"], row["name"], row["initials"], row["card_code"],
                   row["household_id"], row["house_no"], row["relation"], row["status"],
                   row["phone"] or "", row["id_last4"] or "")

    def label(self) -> str:
        return f"{self.name}（{self.house_no}，卡号 {self.card_code}）"


def add_household(ctx: Context, house_no: str) -> str:
    require(ctx.actor, Action.EDIT_RESIDENTS)
    house_no = clean_name(house_no, "house_no")
    if store.household_by_house_no(ctx.db, house_no):
        raise Refused("household_exists", house_no=house_no)
    household_id = new_id()
    with ctx.db.write() as conn:
        store.insert_household(conn, id=household_id, village_id=ctx.village.id,
                               house_no=house_no, at=ctx.now_text())
        journal.record(conn, ctx.terminal.id, "household", household_id)
        if ctx.village.policy.account_mode is AccountMode.HOUSEHOLD:
            _open_account(conn, ctx, household_id=household_id)
        audit_row(conn, ctx, "household.add", "household", household_id, after={"house_no": house_no})
    return household_id


def add_resident(ctx: Context, *, name: str, house_no: str, relation: str = "",
                 card_code: str | None = None, id_last4: str | None = None,
                 phone: str | None = None, make_household: bool = True) -> Resident:
    """Register a resident in the household at `house_no` (made if new and allowed)."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    name = clean_label_name(name, "name")
    house_no = clean_name(house_no, "house_no")
    relation = clean_name(relation, "relation") if relation else ""
    id_last4 = check_id_last4(id_last4)
    card_code = _check_card(ctx, card_code) if card_code else None
    household = store.household_by_house_no(ctx.db, house_no)
    if household is None and not make_household:
        raise Refused("household_unknown", house_no=house_no)
    with ctx.db.write():
        if household is not None and not household["active"]:
            _reopen(ctx, household)
        household_id = household["id"] if household else add_household(ctx, house_no)
        return _insert_resident(ctx, household_id, name, relation, card_code, id_last4, phone,
                                is_first=household is None or not household["head_id"])


def _reopen(ctx: Context, household) -> None:
    """A house number merged away earlier is lived in again."""
    with ctx.db.write() as conn:
        store.set_household_active(conn, household["id"], True)
        journal.record(conn, ctx.terminal.id, "household", household["id"])
        audit_row(conn, ctx, "household.reopen", "household", household["id"],
                  after={"house_no": household["house_no"]})


def _insert_resident(ctx, household_id, name, relation, card_code, id_last4, phone, is_first):
    resident_id = new_id()
    card_code = card_code or next_card_code(ctx)
    with ctx.db.write() as conn:
        store.insert_resident(conn, id=resident_id, household_id=household_id, name=name,
                              initials=initials(name), card_code=card_code,
                              relation=relation or ("户主" if is_first else ""),
                              id_last4=id_last4, phone=phone, at=ctx.now_text())
        journal.record(conn, ctx.terminal.id, "resident", resident_id)
        if is_first:
            store.set_head(conn, household_id, resident_id)
        if ctx.village.policy.account_mode is AccountMode.RESIDENT:
            _open_account(conn, ctx, resident_id=resident_id)
        audit_row(conn, ctx, "resident.add", "resident", resident_id,
                  after={"name": name, "household": household_id, "card_code": card_code})
    return Resident.of(store.resident(ctx.db, resident_id))


def _open_account(conn, ctx: Context, **owner: str) -> str:
    account_id = new_id()
    store.insert_account(conn, id=account_id, at=ctx.now_text(), **owner)
    journal.record(conn, ctx.terminal.id, "account", account_id)
    return account_id


def check_id_last4(value: str | None) -> str | None:
    if value in (None, ""):
        return None
    value = str(value).strip()
    if not _ID_LAST4.match(value):
        raise Refused("id_last4_bad", value=value)
    return value.upper()


def _check_card(ctx: Context, card_code: str) -> str:
    """A card code given by hand or in an import: stored in one form (trimmed, upper case),
    refused when it is someone's already in any letter case, or retired."""
    card_code = clean_name(normal_code(card_code), "card")
    owner = store.card_owner(ctx.db, card_code)
    if owner:
        raise Refused("card_exists", card=card_code, name=owner["name"])
    _refuse_retired_card(ctx, card_code, "card_code_retired")
    return card_code


def next_card_code(ctx: Context) -> str:
    """The next free code of this counter's own range (kiosk.core.card_range): terminal 1
    JF000001…, terminal 2 JF200001…; a retired code is never given out again."""
    number = ctx.terminal.number
    code = card_range.code_after(CARD_PREFIX, number, highest_code(ctx.db, card_range.range_glob(CARD_PREFIX, number)))
    if code is None:
        raise Refused("card_range_full", terminal=number, last=card_range.LAST)
    return code


def resolve(ctx: Context, query: str, active_only: bool = False) -> Resident:
    """One resident from a card code, a name, or pinyin initials when unambiguous.

    `active_only` (the counter): someone who moved away or died is refused by name,
    their card no longer works; a namesake still living here is found instead."""
    text = normalise_text(query)
    if not text:
        raise Refused("resident_unknown", query=query)
    for column, value in (("card_code", normal_code(text)), ("name", text), ("initials", text.lower())):
        rows = store.residents_where(ctx.db, column, value)
        if active_only and rows:
            rows = [r for r in rows if r["status"] == ACTIVE] or _refuse_left(rows[0])
        if len(rows) == 1:
            return Resident.of(rows[0])
        if rows:
            raise Refused("resident_ambiguous", query=text,
                          candidates="、".join(Resident.of(r).label() for r in rows))
    _refuse_retired_card(ctx, normal_code(text))
    raise Refused("resident_unknown", query=text)


def _refuse_left(row: sqlite3.Row) -> list:
    raise Refused("resident_left", name=row["name"], status=row["status"], card=row["card_code"],
                  house_no=row["house_no"])


def _refuse_retired_card(ctx: Context, code: str, refusal: str = "card_retired") -> None:
    from kiosk.store.cards import retired

    row = retired(ctx.db, code)
    if row is not None:
        raise Refused(refusal, card=code, name=row["name"])


def by_id(ctx: Context, resident_id: str) -> Resident:
    """The resident as the books have them now (after a move, a new card …)."""
    row = store.resident(ctx.db, resident_id)
    if row is None:
        raise Refused("resident_unknown", query=resident_id)
    return Resident.of(row)


def suggest(ctx: Context, text: str, limit: int = 12) -> list[Resident]:
    text = normalise_text(text)
    if not text:
        return []
    return [Resident.of(row) for row in store.residents_matching(ctx.db, text, limit)]


def members(ctx: Context, household_id: str) -> list[Resident]:
    return [Resident.of(row) for row in store.residents_of_household(ctx.db, household_id)]


def account_id_for(ctx: Context, resident: Resident) -> str:
    row = store.account_of(ctx.db, ctx.village.policy.account_mode.value,
                           resident.id, resident.household_id)
    if row is None:
        raise Refused("resident_unknown", query=resident.name)
    return row["id"]


def list_residents(ctx: Context) -> list[Resident]:
    return [Resident.of(row) for row in store.list_residents(ctx.db)]


def set_pin(ctx: Context, resident_ref: str, pin: str | None) -> Resident:
    """A resident's own PIN for the self-service screen (None removes it); managers only."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    resident = resolve(ctx, resident_ref)
    pin_hash = hash_pin(pin) if pin else None
    with ctx.db.write() as conn:
        store.set_pin_hash(conn, resident.id, pin_hash, ctx.now_text())
        journal.record(conn, ctx.terminal.id, "resident", resident.id)
        audit_row(conn, ctx, "resident.pin", "resident", resident.id,
                  after={"pin": "set" if pin else "removed"})
    return resident
