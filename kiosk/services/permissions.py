"""Who may do what. Checked in every service, not only by the screens."""

from __future__ import annotations

from enum import StrEnum

from kiosk.core.errors import Refused
from kiosk.services.context import Actor, Role


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
