"""Rules (积分标准): how many points an act earns or costs.

Shapes seen in the field: a fixed amount per act, an amount per N hours,
per N m², per N mu, or per assessment period; caps per day/month/year;
deductions that double when repeated within a validity period.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from kiosk.core.errors import Refused
from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.core.quantity import ONE, Measure

MAX_RULE_POINTS = Points(1000_00)
MAX_DOUBLING_DAYS = 3 * 366   # a validity period of up to three years


class Shape(StrEnum):
    FIXED = "fixed"          # per act: count
    PER_HOUR = "per_hour"    # per N hours
    PER_M2 = "per_m2"        # per N square metres
    PER_MU = "per_mu"        # per N mu
    PER_PERIOD = "per_period"  # per assessment period: count


MEASURED = {Shape.PER_HOUR, Shape.PER_M2, Shape.PER_MU}
LARGEST_QTY = {
    Shape.FIXED: Measure(100_00),
    Shape.PER_PERIOD: Measure(12_00),
    Shape.PER_HOUR: Measure(744_00),       # every hour of a month
    Shape.PER_M2: Measure(100_000_00),
    Shape.PER_MU: Measure(10_000_00),
}
# The most one award may record when a rule names no limit of its own (issue 16: 744 mu is
# no one's field): a few acts, one month of someone's hours, a large yard, a family's land.
DEFAULT_MOST_QTY = {
    Shape.FIXED: Measure(5_00),
    Shape.PER_PERIOD: Measure(1_00),
    Shape.PER_HOUR: Measure(160_00),
    Shape.PER_M2: Measure(1_000_00),
    Shape.PER_MU: Measure(50_00),
}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    category: str
    shape: Shape
    points: Points                 # per `unit` of the shape; negative for a deduction
    unit: Measure = ONE            # e.g. 4 hours, 5 m²
    cap: Points | None = None      # most a resident may earn under this rule per cap_period
    cap_period: Period | None = None
    doubles_within_days: int | None = None  # a repeated deduction within N days doubles
    needs_review: bool = True
    active: bool = True
    max_qty: Measure | None = None  # the most one award may record (None: DEFAULT_MOST_QTY)
    version: int = 1                # each edit makes a new version; entries keep theirs

    @property
    def is_deduction(self) -> bool:
        return self.points.is_negative()


def validate_rule(rule: Rule) -> None:
    if not rule.points:
        raise Refused("rule_zero_points", rule=rule.name)
    if abs(rule.points.hundredths) > MAX_RULE_POINTS.hundredths:
        raise Refused("rule_absurd_points", rule=rule.name, most=str(MAX_RULE_POINTS))
    if rule.unit.hundredths <= 0:
        raise Refused("qty_not_positive", qty=str(rule.unit))
    if rule.shape not in MEASURED and rule.unit != ONE:
        raise Refused("rule_unit_not_measured", rule=rule.name)
    if (rule.cap is None) != (rule.cap_period is None):
        raise Refused("rule_cap_incomplete", rule=rule.name)
    if rule.cap is not None and rule.cap.hundredths <= 0:
        raise Refused("rule_cap_not_positive", rule=rule.name)
    if rule.doubles_within_days is not None:
        _check_doubling(rule)
    if rule.max_qty is not None:
        _check_max_qty(rule)


def _check_max_qty(rule: Rule) -> None:
    most = rule.max_qty
    if most.hundredths <= 0 or most > LARGEST_QTY[rule.shape] or (
            rule.shape not in MEASURED and not most.is_whole()):
        raise Refused("rule_max_qty_bad", rule=rule.name, qty=str(most), most=str(LARGEST_QTY[rule.shape]))


def most_qty(rule: Rule) -> Measure:
    """The largest quantity one award may record under `rule`."""
    return rule.max_qty or DEFAULT_MOST_QTY[rule.shape]


def _check_doubling(rule: Rule) -> None:
    if not rule.is_deduction:
        raise Refused("rule_doubling_not_deduction", rule=rule.name)
    if not 0 < rule.doubles_within_days <= MAX_DOUBLING_DAYS:
        raise Refused("rule_doubling_days_bad", rule=rule.name, days=rule.doubles_within_days,
                      most=MAX_DOUBLING_DAYS)


def check_quantity(rule: Rule, qty: Measure) -> None:
    if rule.shape not in MEASURED and not qty.is_whole():
        raise Refused("qty_not_whole", qty=str(qty))
    if qty > LARGEST_QTY[rule.shape]:
        raise Refused("qty_absurd", qty=str(qty), most=str(LARGEST_QTY[rule.shape]))
    if qty > most_qty(rule):
        raise Refused("qty_over_rule_most", rule=rule.name, qty=str(qty), most=str(most_qty(rule)),
                      shape=rule.shape.value)


def points_for(rule: Rule, qty: Measure, repeated: bool = False) -> Points:
    """Points for `qty` of the act: proportional, rounded half away from zero."""
    check_quantity(rule, qty)
    numerator = abs(rule.points.hundredths) * qty.hundredths
    hundredths = (2 * numerator + rule.unit.hundredths) // (2 * rule.unit.hundredths)
    if rule.is_deduction:
        hundredths = -hundredths
        if repeated and rule.doubles_within_days:
            hundredths *= 2
    return Points(hundredths)


def cap_room(rule: Rule, earned_in_period: Points) -> Points | None:
    """How much more the rule may give in its cap period (None: no cap)."""
    if rule.cap is None:
        return None
    return Points(max(0, rule.cap.hundredths - earned_in_period.hundredths))
