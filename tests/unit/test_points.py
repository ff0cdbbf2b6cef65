"""Points are exact integer hundredths; text in and out never goes through a float."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.points import BadPoints, Points, total

LARGEST_TEXT = 10**14 - 1  # twelve whole digits and two decimals


@pytest.mark.parametrize(
    ("text", "hundredths", "shown"),
    [
        ("12", 1200, "12"),
        ("12.5", 1250, "12.5"),
        ("12.50", 1250, "12.5"),
        ("12.25", 1225, "12.25"),
        ("12.05", 1205, "12.05"),
        ("-0.5", -50, "-0.5"),
        ("0", 0, "0"),
        ("-0", 0, "0"),
        ("+3", 300, "3"),
        (" 7.1 ", 710, "7.1"),
        ("0.01", 1, "0.01"),
    ],
)
def test_parse_reads_exact_hundredths_and_shows_trailing_zeros_trimmed(text, hundredths, shown):
    points = Points.parse(text)
    assert points.hundredths == hundredths
    assert str(points) == shown


def test_parse_of_an_int_means_whole_points():
    assert Points.parse(12) == Points(1200)
    assert Points.parse(-3) == Points(-300)


@pytest.mark.parametrize("value", [1.5, 2.0, "12", True, None])
def test_constructor_takes_only_an_int_of_hundredths(value):
    with pytest.raises(TypeError):
        Points(value)


@pytest.mark.parametrize(
    "text", ["1.005", "12.345", "abc", "", " ", "1,5", "1.", ".5", "5-", "1e3", "0x10",
             "12 5", "--1", "1.2.3", "1234567890123", "NaN", "inf"]
)
def test_parse_refuses_junk_and_more_than_two_decimals(text):
    with pytest.raises(BadPoints):
        Points.parse(text)


@pytest.mark.parametrize("value", [True, False])
def test_parse_refuses_a_bool_even_though_bool_is_an_int(value):
    with pytest.raises(BadPoints):
        Points.parse(value)


def test_bad_points_is_a_value_error_so_callers_can_catch_it_generically():
    with pytest.raises(ValueError):
        Points.parse("twelve")


def test_arithmetic_is_exact_where_floats_are_not():
    # 0.1 + 0.2 != 0.3 in floats; in points it must be exactly 0.3
    assert Points.parse("0.1") + Points.parse("0.2") == Points.parse("0.3")
    assert str(Points.parse("0.1") * 3) == "0.3"
    assert 3 * Points.parse("5.5") == Points.parse("16.5")
    assert Points.parse("10") - Points.parse("12.25") == Points.parse("-2.25")
    assert -Points.parse("4.5") == Points.parse("-4.5")


def test_multiplying_by_a_fraction_or_bool_is_refused():
    with pytest.raises(TypeError):
        Points.parse("5") * 1.5
    with pytest.raises(TypeError):
        Points.parse("5") * True


def test_comparisons_order_by_value():
    assert Points.parse("12.5") > Points.parse("12.25")
    assert Points.parse("-1") < Points.zero()
    assert sorted([Points.parse("3"), Points.parse("-1"), Points.parse("0.5")]) == [
        Points.parse("-1"), Points.parse("0.5"), Points.parse("3")]


def test_truthiness_and_sign():
    assert not Points.zero()
    assert Points(1)
    assert Points(-1).is_negative()
    assert not Points(0).is_negative()


def test_signed_shows_a_plus_only_for_gains():
    assert Points.parse("12.5").signed() == "+12.5"
    assert Points.parse("-3").signed() == "-3"
    assert Points.zero().signed() == "0"


def test_total_of_nothing_is_zero():
    assert total([]) == Points.zero()


@given(st.integers(min_value=-LARGEST_TEXT, max_value=LARGEST_TEXT))
def test_text_round_trip_is_exact_for_any_amount(hundredths):
    points = Points(hundredths)
    text = str(points)
    assert str(Points.parse(text)) == text
    assert Points.parse(text) == points
    assert not text.endswith(".") and not ("." in text and text.endswith("0"))


@given(st.lists(st.integers(min_value=-10**8, max_value=10**8), max_size=300))
def test_sum_of_many_parsed_values_equals_the_integer_sum(values):
    parsed = [Points.parse(str(Points(v))) for v in values]
    assert total(parsed).hundredths == sum(values)
    running = Points.zero()
    for p in parsed:
        running = running + p
    assert running.hundredths == sum(values)
