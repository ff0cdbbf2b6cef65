"""Counts of goods are whole numbers 1..999; measured amounts are exact hundredths."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.core.quantity import MAX_GOODS_COUNT, ONE, Measure, goods_count


@pytest.mark.parametrize(("value", "count"), [("1", 1), (3, 3), (" 12 ", 12), ("999", 999)])
def test_goods_count_accepts_whole_numbers_from_one_to_the_most(value, count):
    assert goods_count(value) == count


@pytest.mark.parametrize("value", ["0", 0, "-1", -5, "-0"])
def test_goods_count_refuses_zero_and_negative(value):
    with pytest.raises(Refused) as refused:
        goods_count(value)
    assert refused.value.code == "qty_not_positive"


@pytest.mark.parametrize("value", ["1.5", 1.5, "2.0", "1/2"])
def test_goods_count_refuses_fractions(value):
    with pytest.raises(Refused) as refused:
        goods_count(value)
    assert refused.value.code == "qty_not_whole"


@pytest.mark.parametrize("value", ["abc", "", "   ", "x2", "三"])
def test_goods_count_refuses_text_that_is_no_number(value):
    with pytest.raises(Refused) as refused:
        goods_count(value)
    assert refused.value.code in ("qty_not_whole", "qty_not_number")


@pytest.mark.parametrize("value", [1000, "1000", "99999"])
def test_goods_count_refuses_absurd_counts_and_says_the_most(value):
    with pytest.raises(Refused) as refused:
        goods_count(value)
    assert refused.value.code == "qty_absurd"
    assert refused.value.params["most"] == MAX_GOODS_COUNT == 999


@pytest.mark.parametrize("value", ["--1", "-+1", "²", "1²", "9" * 5000])
def test_goods_count_refuses_odd_input_instead_of_crashing(value):
    # Invariant 10: bad input gives a Refused with a message, never a ValueError.
    with pytest.raises(Refused):
        goods_count(value)


@pytest.mark.parametrize(
    ("text", "hundredths", "shown"),
    [("1", 100, "1"), ("1.5", 150, "1.5"), ("0.25", 25, "0.25"), ("6", 600, "6"),
     (" 2.50 ", 250, "2.5"), (4, 400, "4")],
)
def test_measure_parses_exact_hundredths(text, hundredths, shown):
    measure = Measure.parse(text)
    assert measure.hundredths == hundredths
    assert str(measure) == shown


@pytest.mark.parametrize("text", ["0", "0.0", "0.00", "-1", "-0.5"])
def test_measure_refuses_zero_and_negative(text):
    with pytest.raises(Refused) as refused:
        Measure.parse(text)
    assert refused.value.code == "qty_not_positive"


@pytest.mark.parametrize("text", ["abc", "", "1.234", "1,5", "1e2", "1.5h"])
def test_measure_refuses_junk_and_more_than_two_decimals(text):
    with pytest.raises(Refused) as refused:
        Measure.parse(text)
    assert refused.value.code == "qty_not_number"


def test_measure_wholeness_and_order():
    assert Measure.parse("3").is_whole()
    assert not Measure.parse("3.5").is_whole()
    assert Measure.parse("1.5") < Measure.parse("2")
    assert ONE == Measure.parse("1")
