"""Who may be behind an operator (回避's sock puppets, DESIGN invariant 11).

Nothing inside one counter can tell a real second manager from a puppet: whoever made an
operator or last reset its PIN may know that PIN, and so may whoever may know THEIR PIN then.
The people behind an operator are the operator and those (operator.pin_known_to); changing
one's own PIN keeps them (but marks the PIN as one's own, operator.pin_own), and only the
township's confirmation of a manager's own PIN, bound to its random stamp operator.pin_set_id
(the clerk knows the village's cadres), empties the list (kiosk/sync/apply.py manager_confirmed).
Operators from before the lists were kept got theirs from the audit trail, replayed with these
rules (migration 0036).
"""

from __future__ import annotations

from kiosk.core.errors import Refused
from kiosk.services.context import Actor, Context
from kiosk.store import conflicts
from kiosk.store import operators as store


def people_behind(ctx: Context, operator_id: str | None) -> list[str]:
    """The operator and everyone who may know its PIN, the operator first."""
    if not operator_id:
        return []
    return [operator_id] + [other for other in store.known_to(ctx.db, operator_id) if other != operator_id]


def known_to_after_set_by(ctx: Context, setter: Actor) -> list[str]:
    """Who may know a PIN `setter` gives (a new operator's, or a reset): setter and who may know theirs."""
    return people_behind(ctx, setter.operator_id)


def households_behind(ctx: Context, actor: Actor) -> list:
    """(household row, the person behind `actor` whose household it is) for every household of anyone
    behind the actor, the actor's own first: those the actor may not decide on alone."""
    behind = people_behind(ctx, actor.operator_id)
    return sorted(conflicts.operators_households(ctx.db, behind), key=lambda row: behind.index(row["operator_id"]))


def own_household_behind(ctx: Context, actor: Actor, touched: set[str]):
    """The first of households_behind that is touched; None when none is touched."""
    return next((row for row in households_behind(ctx, actor) if row["id"] in touched), None)


def own_word(ctx: Context, operator_id: str, code: str) -> str:
    """`code`, or its `_own` words when the operator named has changed their PIN themselves already:
    then only the township's confirmation is wanting, not one more change."""
    return code + "_own" if store.pin_is_own(ctx.db, operator_id) else code


def require_apart(ctx: Context, second: Actor) -> None:
    """The second manager and the actor may not share anyone behind them: one PIN-knower could be both."""
    actor = ctx.actor
    mine, theirs = people_behind(ctx, actor.operator_id), people_behind(ctx, second.operator_id)
    common = [person for person in theirs if person in mine]
    if not common:
        return
    if actor.operator_id in common:
        raise Refused(own_word(ctx, second.operator_id, "conflict_second_pin_known"), second=second.name, actor=actor.name)
    if second.operator_id in common:
        raise Refused(own_word(ctx, actor.operator_id, "conflict_actor_pin_known"), second=second.name, actor=actor.name)
    who = store.names_of(ctx.db, [common[0]]).get(common[0], "")
    both_own = store.pin_is_own(ctx.db, second.operator_id) and store.pin_is_own(ctx.db, actor.operator_id)
    raise Refused("conflict_both_pins_known_own" if both_own else "conflict_both_pins_known",
                  second=second.name, actor=actor.name, behind=who)


def require_second_not_of(ctx: Context, second: Actor, touched: set[str]) -> None:
    """Nobody behind the second manager may be of a household touched."""
    behind = people_behind(ctx, second.operator_id)
    for row in sorted(conflicts.operators_households(ctx.db, behind), key=lambda r: behind.index(r["operator_id"])):
        if row["id"] not in touched:
            continue
        if row["operator_id"] == second.operator_id:
            raise Refused("conflict_second_same_household", second=second.name, house_no=row["house_no"])
        raise Refused(own_word(ctx, second.operator_id, "conflict_second_pin_known_by_household"),
                      second=second.name, behind=row["name"],
                      house_no=row["house_no"])
