"""What the touchscreen pages share: read-only books, the runner, the clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kiosk.core.clock import Clock, SystemClock
from kiosk.services.context import SELFSERVICE, Context

if TYPE_CHECKING:
    from kiosk.store.db import Database


@dataclass
class SelfServiceSession:
    db: Database
    runner: object
    clock: Clock = field(default_factory=SystemClock)

    def reader(self) -> Context:
        """The only context the touchscreen has: the self-service role, which reads only."""
        return Context(self.db, SELFSERVICE, self.clock)
