"""The counter's cart: merged lines, exact totals, what the balance cannot cover."""

from __future__ import annotations

import pytest

from kiosk.core.cart import Cart
from kiosk.core.errors import Refused
from kiosk.core.points import Points

RICE, SOAP, PASTE = ("rice", "大米 5kg", Points.parse("50")), ("soap", "香皂", Points.parse("5.5")), \
    ("paste", "牙膏", Points.parse("5"))


def cart_of(*items) -> Cart:
    cart = Cart()
    for (product_id, name, price), qty in items:
        cart.add(product_id, name, price, qty)
    return cart


def test_total_is_exact_sum_of_price_times_quantity():
    cart = cart_of((RICE, 1), (SOAP, 3))
    assert cart.total() == Points.parse("66.5")
    assert [line.amount for line in cart.lines] == [Points.parse("50"), Points.parse("16.5")]


def test_adding_the_same_product_again_merges_into_one_line():
    cart = cart_of((SOAP, 1), (RICE, 1), (SOAP, 2))
    assert [(line.product_id, line.qty) for line in cart.lines] == [("soap", 3), ("rice", 1)]
    assert cart.counts() == {"soap": 3, "rice": 1}


def test_empty_cart_totals_zero():
    assert Cart().total() == Points.zero()
    assert Cart().unaffordable(Points.zero()) == []


def test_set_quantity_changes_the_line_and_zero_removes_it():
    cart = cart_of((RICE, 1), (SOAP, 1))
    cart.set_qty("soap", 4)
    assert cart.counts() == {"rice": 1, "soap": 4}
    cart.set_qty("soap", 0)
    assert cart.counts() == {"rice": 1}
    cart.remove("rice")
    assert cart.lines == []


def test_set_quantity_above_the_most_is_refused_and_line_unchanged():
    cart = cart_of((SOAP, 2))
    with pytest.raises(Refused) as refused:
        cart.set_qty("soap", 1000)
    assert refused.value.code == "qty_absurd"
    assert cart.counts() == {"soap": 2}


def test_adding_onto_a_line_past_the_most_is_refused_and_line_unchanged():
    cart = cart_of((SOAP, 990))
    with pytest.raises(Refused):
        cart.add(*SOAP, 10)
    assert cart.counts() == {"soap": 990}


def test_a_new_line_above_the_most_is_refused_like_any_other():
    cart = Cart()
    with pytest.raises(Refused) as refused:
        cart.add(*RICE, 5000)
    assert refused.value.code == "qty_absurd"
    assert cart.lines == []


@pytest.mark.parametrize("qty", [0, -1])
def test_a_new_line_never_has_a_zero_or_negative_quantity(qty):
    cart = Cart()
    try:
        cart.add(*RICE, qty)
    except Refused:
        pass
    assert all(line.qty > 0 for line in cart.lines)
    assert cart.total() == Points.zero()


def test_unaffordable_lists_lines_past_the_balance_in_cart_order():
    cart = cart_of((SOAP, 1), (RICE, 1), (PASTE, 1))   # running 5.5, 55.5, 60.5
    assert cart.unaffordable(Points.parse("60.5")) == []
    assert [line.product_id for line in cart.unaffordable(Points.parse("55.5"))] == ["paste"]
    assert [line.product_id for line in cart.unaffordable(Points.parse("10"))] == ["rice", "paste"]


def test_shortfall_is_what_is_missing_and_never_negative():
    cart = cart_of((RICE, 1), (SOAP, 1))
    assert cart.shortfall(Points.parse("50")) == Points.parse("5.5")
    assert cart.shortfall(Points.parse("55.5")) == Points.zero()
    assert cart.shortfall(Points.parse("100")) == Points.zero()
