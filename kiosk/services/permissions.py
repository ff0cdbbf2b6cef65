"""Who may do what. Checked in every service, not only by the screens."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from kiosk.core.errors import Refused
from kiosk.services import behind
from kiosk.services.context import Actor, Context, Role
from kiosk.store import conflicts


class Action(StrEnum):
    SELL = "sell"
    AWARD = "award"                  # post points at once
    FILE_CLAIM = "file_claim"        # ask for points, a manager reviews
    APPROVE_CLAIM = "approve_claim"
    ADJUST_POINTS = "adjust_points"
    REFUND = "refund"
    EDIT_RULES = "edit_rules"
    EDIT_PRODUCTS = "edit_products"
    RECEIVE_STOCK = "receive_stock"
    ADJUST_STOCK = "adjust_stock"
    EDIT_RESIDENTS = "edit_residents"
    MANAGE_OPERATORS = "manage_operators"
    CHANGE_SETTINGS = "change_settings"
    VIEW_REPORTS = "view_reports"
    MANAGE_BACKUPS = "manage_backups"
    PRINT_CERTIFICATE = "print_certificate"   # 积分证明 for a bank


_VOLUNTEER = {Action.SELL, Action.FILE_CLAIM, Action.RECEIVE_STOCK}
ALLOWED: dict[Role, frozenset[Action]] = {
    Role.MANAGER: frozenset(Action),
    Role.SYSTEM: frozenset(Action),
    Role.VOLUNTEER: frozenset(_VOLUNTEER),
    Role.SELFSERVICE: frozenset(),
}


def may(actor: Actor, action: Action) -> bool:
    return action in ALLOWED[actor.role]


def require(actor: Actor, action: Action) -> None:
    if not may(actor, action):
        raise Refused("not_allowed", who=actor.name, role=actor.role.value, action=action.value)


class Act(StrEnum):
    """What an operator is doing to a household, for the 回避 refusal's words."""
    AWARD = "award"
    APPROVE = "approve"
    ADJUST = "adjust"
    REVOKE = "revoke"
    OBJECTION = "objection"
    HOUSEHOLD = "household"


def require_second_if_own(ctx: Context, household_ids: Iterable[str | None], act: Act) -> None:
    """回避: touching the acting operator's own household needs a second manager right now.

    An operator counts as the people behind it (kiosk/services/behind.py): itself and whoever may
    know its PIN. The second manager (ctx.second, who gave their PIN) must fit
    require_second_may_confirm."""
    if ctx.actor.role in (Role.SYSTEM, Role.SELFSERVICE):
        return
    touched = {h for h in household_ids if h}
    own = behind.own_household_behind(ctx, ctx.actor, touched)
    if own is None:
        return
    second = ctx.second
    if second is None:
        if own["operator_id"] != ctx.actor.operator_id:
            raise Refused(behind.own_word(ctx, ctx.actor.operator_id, "conflict_second_needed_behind"),
                          name=ctx.actor.name, behind=own["name"],
                          house_no=own["house_no"], doing=act.value)
        raise Refused("conflict_second_needed", name=ctx.actor.name, house_no=own["house_no"],
                      doing=act.value)
    require_second_may_confirm(ctx, second, touched)


def require_second_may_confirm(ctx: Context, second: Actor, touched: set[str]) -> None:
    """`second` may confirm ctx.actor's act on the households `touched` (one of which is behind the
    actor): a manager, someone else, sharing nobody behind them with the actor, nobody behind them
    of a household touched."""
    if second.role is not Role.MANAGER:
        raise Refused("conflict_second_not_manager", second=second.name)
    if second.operator_id == ctx.actor.operator_id:
        raise Refused("conflict_second_is_self", name=ctx.actor.name)
    behind.require_apart(ctx, second)
    behind.require_second_not_of(ctx, second, touched)


def household_of_account(ctx: Context, account_id: str) -> str | None:
    return conflicts.household_of_account(ctx.db, account_id)
