"""A second manager as a village really gets one (回避, kiosk/services/behind.py): added by a
manager with a first PIN, the PIN changed by themselves, then confirmed by the township's clerk."""

from __future__ import annotations

from kiosk.services.people import operators
from kiosk.sync import apply
from tests.sync import remote

FIRST_PIN = "8642"      # the PIN the adding manager chose, and so may know


def township_confirms(db, name: str, pin_version: int | None = None) -> None:
    """The clerk's confirmation of `name` arriving in a pull page."""
    apply.apply_page(db, [remote.manager_confirmed(db, name, pin_version)], None, "2026-11-03 09:00:00")


def vouched_manager(ctx, name: str, pin: str, resident: str | None = None) -> None:
    operators.add_operator(ctx, name, "manager", FIRST_PIN, resident=resident)
    themselves = ctx.as_actor(operators.login(ctx.db, name, FIRST_PIN, ctx.clock.now()))
    operators.reset_pin(themselves, name, pin)
    township_confirms(ctx.db, name)
