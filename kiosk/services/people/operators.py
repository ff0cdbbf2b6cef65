"""Operators and PIN login: scrypt hashes, lockout after repeated wrong PINs."""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.core.clock import stamp
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.pins import check_pin_format, hash_pin, pin_matches  # noqa: F401  (re-exported)
from kiosk.services import behind
from kiosk.services.context import Actor, Context, Role
from kiosk.services.people.operator_links import link_resident  # noqa: F401  (re-exported)
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import operators as store
from kiosk.store.db import Database


def add_operator(ctx: Context, name: str, role: str, pin: str, resident: str | None = None) -> Actor:
    """A new volunteer or manager; `resident` names the villager they are (回避)."""
    require(ctx.actor, Action.MANAGE_OPERATORS)
    name = clean_name(name, "name")
    if role not in (Role.VOLUNTEER, Role.MANAGER):
        raise Refused("role_unknown")
    pin_hash = hash_pin(pin)
    if store.by_name(ctx.db, name):
        raise Refused("operator_exists", name=name)
    operator_id = new_id()
    with ctx.db.write() as conn:
        store.insert(conn, id=operator_id, name=name, role=role, pin_hash=pin_hash,
                     at=ctx.now_text(), known_to=behind.known_to_after_set_by(ctx, ctx.actor))
        audit_row(conn, ctx, "operator.add", "operator", operator_id, after={"name": name, "role": role})
        sent_to_township(conn, ctx, operator_id, role)
    if resident:
        link_resident(ctx, name, resident)
    return Actor(name, Role(role), operator_id)


def login(db: Database, name: str, pin: str | None, now: datetime,
          lockout_after: int = 5, lockout_minutes: int = 15) -> Actor:
    """The operator behind `name` if `pin` is theirs; wrong PINs count toward a lockout."""
    row = store.by_name(db, clean_name(name, "name"))
    if row is None:
        raise Refused("operator_unknown", name=name)
    if not row["active"]:
        raise Refused("operator_inactive", name=name)
    if row["locked_until"] and row["locked_until"] > stamp(now):
        raise Refused("pin_locked", until=row["locked_until"][11:16])
    if not pin:
        raise Refused("pin_missing")
    if pin_matches(pin, row["pin_hash"]):
        if row["failed_pins"]:
            with db.write() as conn:
                store.clear_failures(conn, row["id"])
        return Actor(row["name"], Role(row["role"]), row["id"])
    _count_failure(db, row, now, lockout_after, lockout_minutes)


def _count_failure(db: Database, row, now: datetime, after: int, minutes: int) -> None:
    failed = row["failed_pins"] + 1
    locked = failed >= after
    until = stamp(now + timedelta(minutes=minutes)) if locked else None
    with db.write() as conn:
        store.record_failure(conn, row["id"], 0 if locked else failed, until)
    if locked:
        raise Refused("pin_locked", until=until[11:16])
    raise Refused("pin_wrong", left=after - failed, minutes=minutes)


def second_manager(ctx: Context, name: str | None, pin: str | None) -> Context:
    """`ctx` with a second manager who has just given their PIN (wrong PINs count as at login)."""
    if not name:
        return ctx
    second = login(ctx.db, name, pin, ctx.clock.now())
    if second.role is not Role.MANAGER:
        raise Refused("conflict_second_not_manager", second=second.name)
    if second.operator_id == ctx.actor.operator_id:
        raise Refused("conflict_second_is_self", name=ctx.actor.name)
    return ctx.with_second(second)


def reset_pin(ctx: Context, name: str, new_pin: str) -> None:
    """A new PIN (and no lockout): a manager for anyone, anyone for themselves.

    Who may know it (回避, kiosk/services/behind.py): after a reset, the manager who reset it and
    whoever may know theirs; after one's own change, whoever could before (nobody can tell who typed it),
    but the PIN is marked as one's own (pin_own), which the township's clerk waits for before confirming."""
    row = _operator(ctx, name)
    own = row["id"] == ctx.actor.operator_id
    if not own:
        require(ctx.actor, Action.MANAGE_OPERATORS)
    pin_hash = hash_pin(new_pin)
    known_to = store.known_to(ctx.db, row["id"]) if own else behind.known_to_after_set_by(ctx, ctx.actor)
    with ctx.db.write() as conn:
        store.set_pin_hash(conn, row["id"], pin_hash, known_to, own=own)
        audit_row(conn, ctx, "operator.reset_pin", "operator", row["id"], after={"name": row["name"]})
        sent_to_township(conn, ctx, row["id"], row["role"])


def sent_to_township(conn, ctx: Context, operator_id: str, role: str) -> None:
    """A manager's name, link, PIN version and stamp, whether the PIN is their own and who may know
    it (never the PIN) go to the township, whose clerk confirms the village's managers
    (kiosk/sync/apply.py manager_confirmed)."""
    if role == Role.MANAGER:
        store.journal_manager(conn, operator_id)


def set_active(ctx: Context, name: str, active: bool) -> None:
    """Deactivate (can no longer log in; their records stay) or take back on.

    The last active manager stays: without one nobody could manage the shop."""
    require(ctx.actor, Action.MANAGE_OPERATORS)
    row = _operator(ctx, name)
    if bool(row["active"]) == active:
        raise Refused("operator_already_active" if active else "operator_already_inactive", name=row["name"])
    with ctx.db.write() as conn:
        if not active and row["role"] == Role.MANAGER and store.active_managers(conn) <= 1:
            raise Refused("operator_last_manager", name=row["name"])
        store.set_active(conn, row["id"], active)
        audit_row(conn, ctx, "operator.activate" if active else "operator.deactivate", "operator",
                  row["id"], before={"active": bool(row["active"])}, after={"active": active})
        sent_to_township(conn, ctx, row["id"], row["role"])


def _operator(ctx: Context, name: str):
    row = store.by_name(ctx.db, clean_name(name, "name"))
    if row is None:
        raise Refused("operator_unknown", name=name)
    return row


def list_operators(db: Database) -> list[dict]:
    return [
        {"name": r["name"], "role": r["role"], "active": bool(r["active"]),
         "locked_until": r["locked_until"], "resident": r["resident_name"],
         "card": r["resident_card"], "house_no": r["resident_house_no"]}
        for r in store.all_operators(db)
    ]
