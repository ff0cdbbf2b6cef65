"""What the counter screens share: the shop, the runner, who is logged in.

The screens call services only through this object, so a test can hand them a
session on a temporary village with an ImmediateRunner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.clock import Clock, SystemClock
from kiosk.core.errors import Refused
from kiosk.services.people import operators
from kiosk.services.context import SELFSERVICE, Actor, Context, Role

if TYPE_CHECKING:
    from kiosk.store.db import Database


@dataclass
class CounterSession:
    db: Database
    runner: object                      # TaskRunner or ImmediateRunner
    clock: Clock = field(default_factory=SystemClock)
    receipts_dir: Path | None = None    # PDFs of every sale: the shop's paper trail
    actor: Actor | None = None
    printer: object | None = None       # a printing profile, or None for PDF only
    second: Actor | None = None         # a second manager confirming the call running now (回避)

    def __post_init__(self) -> None:
        from kiosk.ui.widgets.second_manager import SecondManagerRunner

        if not isinstance(self.runner, SecondManagerRunner):
            self.runner = SecondManagerRunner(self.runner, self)

    def reader(self) -> Context:
        return Context(self.db, SELFSERVICE, self.clock)

    def context(self) -> Context:
        """The logged-in operator's context (services check the role again)."""
        if self.actor is None:
            raise RuntimeError("nobody is logged in")
        return Context(self.db, self.actor, self.clock).with_second(self.second)

    def login(self, name: str, pin: str) -> Actor:
        self.actor = operators.login(self.db, name, pin, self.clock.now())
        return self.actor

    def logout(self) -> None:
        self.actor = None

    def restore(self, backup_file: str):
        """A manager puts a checked backup in place: the books are closed, swapped, reopened.

        Whatever happens, the session holds an open database afterwards (the restored
        one, or the untouched one when the restore was refused).
        """
        from kiosk.services.setup import backup, create as setup

        actor = self.actor
        if actor is None or actor.role is not Role.MANAGER:
            raise Refused("restore_not_allowed", who=actor.name if actor else "?",
                          role=actor.role.value if actor else "selfservice")
        db_path = Path(self.db.path)
        village_id = self.reader().village.id
        self.db.close()
        try:
            return backup.restore(db_path, backup_file, village_id, operator=actor.name)
        finally:
            self.db = setup.open_shop(db_path)
