"""Whose household's acts each manager cannot confirm as the second manager right now (回避,
DESIGN invariant 11), and why: what the counter would say if he tried.

Nothing here decides anything: each act a second manager could be asked for (an active manager
acting on a household of someone behind him, kiosk/services/behind.py) is put to the very check
the counter makes (permissions.require_second_may_confirm), and its refusal is the answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.services import behind
from kiosk.services.context import Actor, Context, Role
from kiosk.services.permissions import require_second_may_confirm
from kiosk.store import conflicts
from kiosk.store import operators as store


@dataclass(frozen=True)
class ConfirmLimit:
    """The second manager may not confirm `actor`'s acts on household `house_no`: `refusal` says
    why and what to do, in the counter's own words."""
    actor: str
    house_no: str
    refusal: Refused

    def words(self, lang: str | None = None) -> str:
        return self.refusal.message(lang)


def limits_by_manager(ctx: Context) -> dict[str, list[ConfirmLimit]]:
    """Each active manager's name → the households whose acts he may not confirm now, one refusal
    each (the household's own manager's act first, for its words say "本户"); a manager with none is
    left out. His own household is never his to confirm, so it is no limit to lift and is not named."""
    managers = [Actor(r["name"], Role.MANAGER, r["id"]) for r in store.all_operators(ctx.db)
                if r["active"] and r["role"] == Role.MANAGER]
    acts = _acts_needing_a_second(ctx, managers)
    found = {}
    for second in managers:
        limits = _limits_of(ctx, second, [(actor, household) for actor, household in acts if actor != second])
        if limits:
            found[second.name] = limits
    return found


def _acts_needing_a_second(ctx: Context, managers: list[Actor]) -> list[tuple[Actor, object]]:
    """(actor, household) for every household of someone behind each manager; his own before others'."""
    acts = [(actor, household) for actor in managers
            for household in behind.households_behind(ctx.as_actor(actor), actor)]
    return sorted(acts, key=lambda act: act[1]["operator_id"] != act[0].operator_id)


def _limits_of(ctx: Context, second: Actor, acts: list[tuple[Actor, object]]) -> list[ConfirmLimit]:
    home = conflicts.operator_household(ctx.db, second.operator_id)
    limits, households, said = [], set(), set()
    for actor, household in acts:
        if household["id"] in households or (home is not None and household["id"] == home["id"]):
            continue
        try:
            require_second_may_confirm(ctx.as_actor(actor), second, {household["id"]})
        except Refused as refusal:
            households.add(household["id"])
            key = (refusal.code, tuple(sorted(refusal.params.items())))
            if key not in said:       # a refusal about PINs alone is the same for each of his households
                said.add(key)
                limits.append(ConfirmLimit(actor.name, household["house_no"], refusal))
    return limits
