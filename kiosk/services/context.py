"""Who is acting, on which database, on which terminal, at what time."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from kiosk.core.clock import Clock, SystemClock, stamp
from kiosk.core.errors import Refused
from kiosk.core.grades import DEFAULT_SCALE, GradeScale
from kiosk.core.policy import AccountMode, VillagePolicy
from kiosk.store import village as village_store
from kiosk.store.db import Database


class Role(StrEnum):
    VOLUNTEER = "volunteer"
    MANAGER = "manager"
    SELFSERVICE = "selfservice"  # the touchscreen: reads only
    SYSTEM = "system"            # start-up jobs and the demo builder


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role
    operator_id: str | None = None


SELFSERVICE = Actor("自助查询", Role.SELFSERVICE)
SYSTEM = Actor("系统", Role.SYSTEM)


@dataclass(frozen=True)
class Village:
    id: str
    name: str
    currency: str
    policy: VillagePolicy
    grades: GradeScale


@dataclass(frozen=True)
class Terminal:
    id: str
    number: int
    kind: str


@dataclass
class Context:
    db: Database
    actor: Actor
    clock: Clock = field(default_factory=SystemClock)
    second: Actor | None = None  # a second manager who confirmed with their PIN just now (回避)

    def as_actor(self, actor: Actor) -> Context:
        other = Context(self.db, actor, self.clock)
        other.__dict__.update({k: v for k, v in self.__dict__.items() if k in ("village", "terminal")})
        return other

    def with_second(self, second: Actor | None) -> Context:
        """The same operator, with a second manager standing by (checked by the caller)."""
        other = self.as_actor(self.actor)
        other.second = second
        return other

    @cached_property
    def village(self) -> Village:
        row = village_store.the_village(self.db)
        if row is None:
            raise Refused("not_set_up")
        policy = VillagePolicy(AccountMode(row["account_mode"]), bool(row["claim_review"]))
        scale = village_store.grade_scale(row) or DEFAULT_SCALE
        return Village(row["id"], row["name"], row["currency"], policy, scale)

    @cached_property
    def terminal(self) -> Terminal:
        row = village_store.local_terminal(self.db)
        if row is None:
            raise Refused("not_set_up")
        return Terminal(row["id"], row["number"], row["kind"])

    def now_text(self) -> str:
        return stamp(self.clock.now())
