"""A second manager as a village really gets one (回避, kiosk/services/behind.py): added by a
manager with a first PIN, the PIN changed by themselves, then confirmed by the township's clerk."""

from __future__ import annotations

from kiosk.services.people import operators
from kiosk.store import township_key_chained
from kiosk.sync import apply, certificates
from tests.sync import remote

FIRST_PIN = "8642"      # the PIN the adding manager chose, and so may know


TOWNSHIP_KEY = "ab" * 32


def township_signs(db) -> None:
    """The counter knows its township's key and takes its pages only signed (as an enrolled one does):
    only then does it apply a `manager_confirmed`."""
    if not township_key_chained.trusted(db.conn):
        certificates.learn_key(db, TOWNSHIP_KEY, "2026-11-03 08:00:00", signs=True)


def township_confirms(db, name: str, pin_set_id: str | None = None, signed: bool = True) -> None:
    """The clerk's confirmation of `name` arriving in a pull page (on a counter taking pages only signed)."""
    if signed:
        township_signs(db)
    apply.apply_page(db, [remote.manager_confirmed(db, name, pin_set_id)], None, "2026-11-03 09:00:00")


def vouched_manager(ctx, name: str, pin: str, resident: str | None = None) -> None:
    operators.add_operator(ctx, name, "manager", FIRST_PIN, resident=resident)
    themselves = ctx.as_actor(operators.login(ctx.db, name, FIRST_PIN, ctx.clock.now()))
    operators.reset_pin(themselves, name, pin)
    township_confirms(ctx.db, name)
