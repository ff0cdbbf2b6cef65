"""Receipt numbers: date, terminal, sale of the day; typed or scanned forms normalised."""

from __future__ import annotations

from datetime import date

import pytest

from kiosk.core.receipts import barcode_digits, normalise_receipt, receipt_number


def test_receipt_number_format():
    assert receipt_number(date(2026, 11, 22), 1, 7) == "261122-01-0007"
    assert receipt_number(date(2027, 1, 5), 12, 1234) == "270105-12-1234"


def test_receipt_numbers_of_a_day_sort_in_sale_order():
    numbers = [receipt_number(date(2026, 11, 22), 1, n) for n in (1, 2, 10, 100, 999)]
    assert sorted(numbers) == numbers


@pytest.mark.parametrize(
    "typed", ["261122-01-0007", "261122010007", " 261122-01-0007 ", "261122-010007", "26112201-0007"]
)
def test_typed_and_scanned_forms_normalise_to_the_shown_form(typed):
    assert normalise_receipt(typed) == "261122-01-0007"


@pytest.mark.parametrize(
    "bad", ["", "abc", "26112201000", "2611220100071", "261122_01_0007", "261122-1-0007",
            "261122-01-0007x", "大米"]
)
def test_anything_else_normalises_to_none(bad):
    assert normalise_receipt(bad) is None


def test_full_width_receipt_typed_with_a_chinese_ime_is_ascii_or_none():
    result = normalise_receipt("２６１１２２－０１－０００７")
    assert result is None or result == "261122-01-0007"
    result = normalise_receipt("２６１１２２０１０００７")
    assert result is None or result == "261122-01-0007"


def test_barcode_digits_round_trip():
    number = receipt_number(date(2026, 11, 22), 3, 42)
    assert barcode_digits(number) == "261122030042"
    assert normalise_receipt(barcode_digits(number)) == number
