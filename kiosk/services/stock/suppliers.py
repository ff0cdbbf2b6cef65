"""Suppliers and donors (供货方): the township's delivery, a shop bought from, a donor.

Every delivery names one. A supplier is kept (retired, never deleted) once a delivery
names it; its name is unique so a typed name finds exactly one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name, normalise_text
from kiosk.documents.delivery_note import COMPANY, DONATIONS, DONOR, PURCHASE, TOWNSHIP
from kiosk.i18n import N_
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import journal
from kiosk.store import suppliers as store

KINDS = (N_("乡镇配送"), N_("采购"), N_("爱心捐赠"), N_("企业捐赠"))
_KIND_ALIASES = {"township": TOWNSHIP, "purchase": PURCHASE, "donor": DONOR, "donation": DONOR,
                 "company": COMPANY, "配送": TOWNSHIP, "购买": PURCHASE, "捐赠": DONOR}
# The delivery's own source word for each kind (kept on deliveries since the first version).
SOURCE_OF_KIND = {TOWNSHIP: "乡镇配送", PURCHASE: "采购", DONOR: "捐赠", COMPANY: "捐赠"}
MAX_CONTACT = 60
MAX_SHOWN = 20


@dataclass(frozen=True)
class Supplier:
    id: str
    name: str
    kind: str
    contact: str
    active: bool

    @classmethod
    def of(cls, row) -> Supplier:
        return cls(row["id"], row["name"], row["kind"], row["contact"], bool(row["active"]))

    @property
    def donor(self) -> bool:
        return self.kind in DONATIONS

    @property
    def source(self) -> str:
        return SOURCE_OF_KIND[self.kind]


def kind_of(text: object) -> str:
    value = normalise_text(text or "")
    if value in KINDS:
        return value
    found = _KIND_ALIASES.get(value.lower())
    if found is None:
        raise Refused("supplier_kind_unknown", kind=value[:20], kinds="、".join(KINDS))
    return found


def _contact(text: object) -> str:
    value = normalise_text(text or "")
    if len(value) > MAX_CONTACT:
        raise Refused("supplier_contact_too_long", most=MAX_CONTACT)
    return value


def list_suppliers(ctx: Context, include_retired: bool = False) -> list[Supplier]:
    return [Supplier.of(r) for r in store.all_suppliers(ctx.db, include_retired)]


def find(ctx: Context, name: object) -> Supplier:
    """A supplier by its exact name; refused with the list (and the nearest) otherwise."""
    text = normalise_text(name or "")
    row = store.by_name(ctx.db, text) if text else None
    if row is not None and row["active"]:
        return Supplier.of(row)
    known = [s.name for s in list_suppliers(ctx)]
    if not known:
        raise Refused("supplier_none_yet", name=text[:40])
    nearest = difflib.get_close_matches(text, known, n=1, cutoff=0.3)
    raise Refused("supplier_unknown", name=text[:40], known="、".join(known[:MAX_SHOWN]),
                  nearest=nearest[0] if nearest else "—")


def add(ctx: Context, name: object, kind: object, contact: object = "") -> Supplier:
    require(ctx.actor, Action.EDIT_PRODUCTS)
    name = clean_name(name, "supplier_name")
    kind, contact = kind_of(kind), _contact(contact)
    if store.by_name(ctx.db, name):
        raise Refused("supplier_exists", name=name)
    supplier_id, at = new_id(), ctx.now_text()
    with ctx.db.write() as conn:
        store.insert(conn, id=supplier_id, name=name, kind=kind, contact=contact, at=at)
        journal.record(conn, ctx.terminal.id, "supplier", supplier_id)
        audit_row(conn, ctx, "supplier.add", "supplier", supplier_id,
                  after={"name": name, "kind": kind, "contact": contact})
    return Supplier.of(store.by_id(ctx.db, supplier_id))


def edit(ctx: Context, name: object, *, new_name: object = None, kind: object = None,
         contact: object = None, active: bool | None = None) -> Supplier:
    """Change what is given; a retired supplier (active False) leaves the lists."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    row = store.by_name(ctx.db, normalise_text(name or ""))
    if row is None:
        find(ctx, name)                       # refuses with the list
    old = Supplier.of(row)
    new = Supplier(old.id, clean_name(new_name, "supplier_name") if new_name else old.name,
                   kind_of(kind) if kind else old.kind,
                   _contact(contact) if contact is not None else old.contact,
                   old.active if active is None else bool(active))
    if new == old:
        return old
    if new.name != old.name and store.by_name(ctx.db, new.name):
        raise Refused("supplier_exists", name=new.name)
    with ctx.db.write() as conn:
        store.update(conn, id=old.id, name=new.name, kind=new.kind, contact=new.contact,
                     active=new.active, at=ctx.now_text())
        journal.record(conn, ctx.terminal.id, "supplier", old.id)
        audit_row(conn, ctx, "supplier.edit", "supplier", old.id, before=_fields(old),
                  after=_fields(new))
    return new


def _fields(s: Supplier) -> dict:
    return {"name": s.name, "kind": s.kind, "contact": s.contact, "active": s.active}
