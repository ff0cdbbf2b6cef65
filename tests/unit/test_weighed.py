"""Weighed goods: typed decimals become whole steps; points round half up to the hundredth."""

from __future__ import annotations

import pytest

from kiosk.core.cart import Cart
from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.core.weighed import amount, refund_amount, scale_of_step, shown, steps


@pytest.mark.parametrize("step, scale", [("1", 1), ("0.1", 10), ("0.01", 100), ("0.001", 1000),
                                         ("０.１", 10), ("", 1)])
def test_steps_a_manager_types(step, scale):
    assert scale_of_step(step) == scale


@pytest.mark.parametrize("step", ["0.5", "2", "0.2", "斤", "-0.1"])
def test_other_steps_are_refused(step):
    with pytest.raises(Refused) as info:
        scale_of_step(step)
    assert info.value.code == "qty_step_bad"


@pytest.mark.parametrize("typed, scale, count", [("1.5", 10, 15), ("2", 10, 20), (3, 10, 30),
                                                 ("0.1", 10, 1), ("1.50", 10, 15),
                                                 ("0.25", 100, 25), ("1.234", 1000, 1234)])
def test_typed_amounts_become_steps(typed, scale, count):
    assert steps(typed, scale) == count


@pytest.mark.parametrize("typed, scale, code", [("1.55", 10, "qty_finer_than_step"),
                                                ("0", 10, "qty_not_positive"),
                                                ("-1.5", 10, "qty_not_positive"),
                                                ("一斤", 10, "qty_not_number"),
                                                ("1e3", 10, "qty_not_number"),
                                                ("1000", 10, "qty_absurd"),
                                                ("1.5", 1, "qty_not_whole")])
def test_bad_amounts_are_refused_with_what_is_wrong(typed, scale, code):
    with pytest.raises(Refused) as info:
        steps(typed, scale)
    assert info.value.code == code


@pytest.mark.parametrize("count, scale, text", [(15, 10, "1.5"), (20, 10, "2"), (1, 10, "0.1"),
                                                (-5, 10, "-0.5"), (1250, 1000, "1.25"),
                                                (7, 1, "7")])
def test_steps_are_shown_as_people_read_them(count, scale, text):
    assert shown(count, scale) == text


@pytest.mark.parametrize("price, count, scale, expected", [
    ("6.33", 15, 10, "9.5"),        # 9.495 → 9.50: half up
    ("6.33", 5, 10, "3.17"),        # 3.165 → 3.17
    ("6.33", 3, 10, "1.9"),         # 1.899 → 1.90
    ("0.01", 5, 10, "0.01"),        # 0.005 → 0.01
    ("0.01", 4, 10, "0"),           # 0.004 → 0
    ("5.5", 3, 1, "16.5"),
])
def test_points_round_half_up_to_the_hundredth(price, count, scale, expected):
    assert str(amount(Points.parse(price), count, scale)) == expected


def test_refunds_of_a_line_add_up_to_exactly_what_it_cost():
    price, bought = Points.parse("6.33"), 15
    back = [refund_amount(price, 5, n * 5, 10) for n in range(3)]
    assert sum(p.hundredths for p in back) == amount(price, bought, 10).hundredths
    assert [str(p) for p in back] == ["3.17", "3.16", "3.17"]


def test_a_cart_line_of_a_weighed_item():
    cart = Cart()
    cart.add("egg", "散装鸡蛋", Points.parse("6.33"), 15, scale=10)
    cart.add("egg", "散装鸡蛋", Points.parse("6.33"), 3, scale=10)
    assert cart.lines[0].shown_qty == "1.8" and str(cart.total()) == "11.39"
    with pytest.raises(Refused):
        cart.add("egg", "散装鸡蛋", Points.parse("6.33"), 0, scale=10)
