"""Operators are people of the village: the resident each one is, and the second manager
who confirms with their PIN when an operator's own household is touched (回避)."""

from __future__ import annotations

from kiosk.core.errors import Refused
from kiosk.core.names import clean_name
from kiosk.services import behind
from kiosk.services.people import residents
from kiosk.services.context import Actor, Context, Role
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import conflicts
from kiosk.store import operators as store


def link_resident(ctx: Context, name: str, resident_ref: str) -> residents.Resident:
    """Say which villager operator `name` is. Changing an existing link needs a second manager."""
    require(ctx.actor, Action.MANAGE_OPERATORS)
    row = store.by_name(ctx.db, clean_name(name, "name"))
    if row is None:
        raise Refused("operator_unknown", name=name)
    resident = residents.resolve(ctx, resident_ref)
    taken = conflicts.operator_linked_to(ctx.db, resident.id)
    if taken is not None and taken["id"] != row["id"]:
        raise Refused("operator_resident_taken", resident=resident.label(), name=taken["name"])
    before = residents.by_id(ctx, row["resident_id"]) if row["resident_id"] else None
    if before is not None and before.id != resident.id:
        _require_second_for_relink(ctx, row["name"], before)
    with ctx.db.write() as conn:
        conflicts.set_resident(conn, row["id"], resident.id)
        audit_row(conn, ctx, "operator.link", "operator", row["id"],
                  before={"name": row["name"], "resident": before.label() if before else None},
                  after={"name": row["name"], "resident": resident.label()})
        if row["role"] == Role.MANAGER:   # the township shows whom each manager is
            store.journal_manager(conn, row["id"])
    return resident


def _require_second_for_relink(ctx: Context, name: str, before: residents.Resident) -> None:
    second = ctx.second
    if second is None or second.role is not Role.MANAGER or second.operator_id == ctx.actor.operator_id:
        raise Refused("operator_relink_needs_second", name=name, resident=before.label())
    behind.require_apart(ctx, second)


def own_resident(ctx: Context, actor: Actor) -> residents.Resident | None:
    row = store.by_name(ctx.db, actor.name)
    return residents.by_id(ctx, row["resident_id"]) if row is not None and row["resident_id"] else None
