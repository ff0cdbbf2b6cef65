"""Rules: how many points an act earns or costs, and which rules are refused."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape, cap_room, check_quantity, points_for, validate_rule


def rule(shape=Shape.FIXED, points="5", unit="1", **kw) -> Rule:
    return Rule("r", "测试标准", "测试", shape, Points.parse(points), Measure.parse(unit), **kw)


def pts(text: str) -> Points:
    return Points.parse(text)


def qty(text: str) -> Measure:
    return Measure.parse(text)


def test_fixed_rule_gives_its_points_per_act():
    assert points_for(rule(points="5"), qty("1")) == pts("5")
    assert points_for(rule(points="5"), qty("3")) == pts("15")
    assert points_for(rule(points="2.5"), qty("3")) == pts("7.5")


def test_per_hour_with_a_four_hour_unit_is_proportional():
    volunteering = rule(Shape.PER_HOUR, points="1", unit="4")
    assert points_for(volunteering, qty("6")) == pts("1.5")
    assert points_for(volunteering, qty("4")) == pts("1")
    assert points_for(volunteering, qty("1")) == pts("0.25")


def test_per_m2_per_five_square_metres():
    garden = rule(Shape.PER_M2, points="2", unit="5")
    assert points_for(garden, qty("20")) == pts("8")
    assert points_for(garden, qty("12.5")) == pts("5")


def test_per_mu_and_per_period():
    assert points_for(rule(Shape.PER_MU, points="10", unit="1"), qty("2.5")) == pts("25")
    assert points_for(rule(Shape.PER_PERIOD, points="20", max_qty=qty("2")), qty("2")) == pts("40")


def test_rounding_is_half_away_from_zero_for_gains_and_deductions():
    # 1 point per 8 hours, 1 hour -> 0.125 -> 0.13 (not banker's 0.12)
    assert points_for(rule(Shape.PER_HOUR, points="1", unit="8"), qty("1")) == pts("0.13")
    assert points_for(rule(Shape.PER_HOUR, points="-1", unit="8"), qty("1")) == pts("-0.13")
    # 1 point per 3 hours, 1 hour -> 0.333.. -> 0.33; 2 hours -> 0.666.. -> 0.67
    assert points_for(rule(Shape.PER_HOUR, points="1", unit="3"), qty("1")) == pts("0.33")
    assert points_for(rule(Shape.PER_HOUR, points="1", unit="3"), qty("2")) == pts("0.67")


def test_deduction_is_negative_and_doubles_when_repeated():
    gambling = rule(points="-20", doubles_within_days=365)
    assert gambling.is_deduction
    assert points_for(gambling, qty("1")) == pts("-20")
    assert points_for(gambling, qty("1"), repeated=True) == pts("-40")


def test_repetition_does_not_double_without_a_doubling_period_or_for_gains():
    assert points_for(rule(points="-20"), qty("1"), repeated=True) == pts("-20")
    assert points_for(rule(points="5", doubles_within_days=30), qty("1"), repeated=True) == pts("5")


@pytest.mark.parametrize("shape", [Shape.FIXED, Shape.PER_PERIOD])
def test_counted_rules_refuse_fractional_quantities(shape):
    with pytest.raises(Refused) as refused:
        points_for(rule(shape), qty("1.5"))
    assert refused.value.code == "qty_not_whole"


@pytest.mark.parametrize(
    ("shape", "too_much"),
    [(Shape.FIXED, "101"), (Shape.PER_PERIOD, "13"), (Shape.PER_HOUR, "745"),
     (Shape.PER_MU, "10001")],
)
def test_absurd_quantities_are_refused(shape, too_much):
    with pytest.raises(Refused) as refused:
        check_quantity(rule(shape), qty(too_much))
    assert refused.value.code == "qty_absurd"
    assert "most" in refused.value.params


def test_the_largest_sensible_quantity_is_accepted():
    check_quantity(rule(Shape.PER_HOUR, max_qty=qty("744")), qty("744"))
    check_quantity(rule(Shape.FIXED, max_qty=qty("100")), qty("100"))


@pytest.mark.parametrize(("shape", "most", "past"), [
    (Shape.FIXED, "5", "6"), (Shape.PER_PERIOD, "1", "2"), (Shape.PER_HOUR, "160", "160.25"),
    (Shape.PER_M2, "1000", "1001"), (Shape.PER_MU, "50", "744")])
def test_each_shape_has_a_sensible_most_per_award_by_default(shape, most, past):
    check_quantity(rule(shape), qty(most))
    with pytest.raises(Refused) as refused:
        check_quantity(rule(shape), qty(past))
    assert refused.value.code == "qty_over_rule_most" and refused.value.params["most"] == most


def test_a_well_formed_rule_validates():
    validate_rule(rule(Shape.PER_HOUR, points="1", unit="4", cap=pts("40"), cap_period=Period.MONTH))
    validate_rule(rule(points="-1000"))


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        (dict(points="0"), "rule_zero_points"),
        (dict(points="1000.01"), "rule_absurd_points"),
        (dict(points="-5000"), "rule_absurd_points"),
        (dict(cap=Points.parse("40")), "rule_cap_incomplete"),
        (dict(cap_period=Period.MONTH), "rule_cap_incomplete"),
        (dict(cap=Points.parse("0"), cap_period=Period.DAY), "rule_cap_not_positive"),
        (dict(cap=Points.parse("-1"), cap_period=Period.DAY), "rule_cap_not_positive"),
        (dict(unit="4"), "rule_unit_not_measured"),
    ],
)
def test_bad_rules_are_refused_with_their_reason(bad, code):
    with pytest.raises(Refused) as refused:
        validate_rule(rule(Shape.FIXED, **bad))
    assert refused.value.code == code


def test_cap_room_is_what_is_left_and_never_negative():
    capped = rule(Shape.PER_HOUR, unit="4", cap=pts("40"), cap_period=Period.MONTH)
    assert cap_room(capped, pts("0")) == pts("40")
    assert cap_room(capped, pts("30.5")) == pts("9.5")
    assert cap_room(capped, pts("40")) == pts("0")
    assert cap_room(capped, pts("55")) == pts("0")


def test_uncapped_rule_has_no_room_limit():
    assert cap_room(rule(), pts("1000000")) is None
