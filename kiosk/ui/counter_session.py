"""What the counter screens share: the shop, the runner, who is logged in.

The screens call services only through this object, so a test can hand them a
session on a temporary village with an ImmediateRunner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.clock import Clock, SystemClock
from kiosk.services import operators
from kiosk.services.context import SELFSERVICE, Actor, Context

if TYPE_CHECKING:
    from kiosk.store.db import Database


@dataclass
class CounterSession:
    db: "Database"
    runner: object                      # TaskRunner or ImmediateRunner
    clock: Clock = field(default_factory=SystemClock)
    receipts_dir: Path | None = None    # PDFs of every sale: the shop's paper trail
    actor: Actor | None = None
    printer: object | None = None       # a printing profile, or None for PDF only

    def reader(self) -> Context:
        return Context(self.db, SELFSERVICE, self.clock)

    def context(self) -> Context:
        """The logged-in operator's context (services check the role again)."""
        if self.actor is None:
            raise RuntimeError("nobody is logged in")
        return Context(self.db, self.actor, self.clock)

    def login(self, name: str, pin: str) -> Actor:
        self.actor = operators.login(self.db, name, pin, self.clock.now())
        return self.actor

    def logout(self) -> None:
        self.actor = None
