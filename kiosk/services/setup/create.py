"""A new village on a new terminal: the village, this terminal, its first manager."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.clock import Clock, SystemClock
from kiosk.core.errors import Refused
from kiosk.core.grades import DEFAULT_SCALE
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.policy import AccountMode
from kiosk.services.context import SYSTEM, Actor, Context, Role
from kiosk.services.people.operators import hash_pin
from kiosk.services.trail import audit_row
from kiosk.store import books
from kiosk.store import operators as operator_store
from kiosk.store import village as store
from kiosk.store.db import Database
from kiosk.store.migrations import open_database


def create_database(path: Path | str) -> Database:
    """A new, empty kiosk database; refuses to touch an existing one."""
    path = Path(path)
    if path.exists() and path.stat().st_size > 0:
        db = open_database(path)
        if store.the_village(db) is not None:
            db.close()
            raise Refused("db_exists", path=str(path))
        return db
    return open_database(path, create=True)


def init_village(db: Database, *, village: str, manager: str, pin: str,
                 currency: str = "美德积分", account_mode: str = AccountMode.HOUSEHOLD,
                 claim_review: bool = True, grade_scale=None,
                 clock: Clock | None = None) -> Context:
    """Set up the village and this counter; returns a context acting as the new manager."""
    if store.the_village(db) is not None:
        raise Refused("db_exists", path=str(db.path))
    village = clean_name(village, "village")
    currency = clean_name(currency, "currency")
    manager = clean_name(manager, "name")
    pin_hash = hash_pin(pin)
    ctx = Context(db, SYSTEM, clock or SystemClock())
    village_id, terminal_id, manager_id = new_id(), new_id(), new_id()
    scale = grade_scale or [(g.label, str(g.minimum)) for g in DEFAULT_SCALE.grades]
    with db.write() as conn:
        at = ctx.now_text()
        store.insert_village(conn, id=village_id, name=village, currency=currency,
                             account_mode=AccountMode(account_mode).value,
                             claim_review=claim_review, grade_scale=scale, at=at)
        store.insert_terminal(conn, id=terminal_id, village_id=village_id, number=1,
                              kind="counter", name="收银台 1", at=at)
        operator_store.insert(conn, id=manager_id, name=manager, role=Role.MANAGER,
                              pin_hash=pin_hash, at=at)    # known to nobody else: the first manager
        operator_store.journal_manager(conn, manager_id)   # the township knows the village's managers
        # what the village row is set to: kiosk check holds it to that (services/audit/settings_check.py)
        audit_row(conn, ctx, "village.init", "village", village_id,
                  after={"name": village, "currency": currency, "manager": manager,
                         "claim_review": bool(claim_review), "account_mode": AccountMode(account_mode).value,
                         "grade_scale": scale})

    return ctx.as_actor(Actor(manager, Role.MANAGER, manager_id))


def open_shop(path: Path | str) -> Database:
    """Open an existing village database (migrating an older one)."""
    return open_database(path)


def is_demo(db: Database) -> bool:
    return books.is_demo(db)


def has_village(db: Database) -> bool:
    return books.count(db, "village") > 0


def open_for_reading(path: Path | str) -> Database:
    """Open the books so that nothing can be written (the self-service screen)."""
    from kiosk.store.migrations import open_read_only

    return open_read_only(path)
