"""Retail barcodes: GS1 check digits, UPC-A as EAN-13, in-store codes starting with 2."""

from __future__ import annotations

import pytest

from kiosk.core.barcodes import check_digit, in_store_code, looks_like_barcode, normalise
from kiosk.core.errors import Refused

# Published codes: Wikipedia's EAN-13 and EAN-8 examples, GS1's sample, a real UPC-A.
EAN13 = ["4006381333931", "5901234123457", "6901234567892"]
EAN8 = ["96385074", "73513537"]
UPCA = "036000291452"


@pytest.mark.parametrize("code", EAN13 + EAN8)
def test_check_digit_of_published_codes(code):
    assert check_digit(code[:-1]) == code[-1]


@pytest.mark.parametrize("code", EAN13 + EAN8)
def test_valid_codes_normalise_to_themselves(code):
    assert normalise(code) == code
    assert normalise(f"  {code}\n") == code


def test_upc_a_becomes_its_ean13_form():
    assert check_digit(UPCA[:-1]) == "2"
    assert normalise(UPCA) == "0" + UPCA
    assert normalise("0" + UPCA) == "0" + UPCA


@pytest.mark.parametrize(
    ("code", "expected"),
    [("4006381333932", "1"), ("96385075", "4"), ("036000291451", "2")],
)
def test_wrong_check_digit_is_refused_naming_the_expected_digit(code, expected):
    with pytest.raises(Refused) as refused:
        normalise(code)
    assert refused.value.code == "barcode_bad_check_digit"
    assert refused.value.params["expected"] == expected
    assert refused.value.params["code"] == code


@pytest.mark.parametrize("code", ["", "123", "1234567", "1234567890", "40063813339311",
                                  "abcdefghijklm", "4006381-33393", "69012345678 2"])
def test_wrong_length_or_non_digits_is_bad_format(code):
    with pytest.raises(Refused) as refused:
        normalise(code)
    assert refused.value.code == "barcode_bad_format"


def test_superscript_digits_are_refused_not_a_crash():
    # '²'.isdigit() is True in Python but int('²') fails: must still be a Refused.
    with pytest.raises(Refused):
        normalise("²" * 13)


def test_full_width_digits_typed_with_a_chinese_ime_never_come_back_full_width():
    typed = "６９０１２３４５６７８９２"  # 6901234567892 in full-width digits
    try:
        result = normalise(typed)
    except Refused:
        return
    assert result == "6901234567892"


@pytest.mark.parametrize("number", [1, 2, 41, 99999, 10**11 - 1])
def test_in_store_codes_start_with_2_and_validate(number):
    code = in_store_code(number)
    assert len(code) == 13 and code.startswith("2")
    assert normalise(code) == code
    assert int(code[1:12]) == number


def test_in_store_codes_are_distinct():
    codes = {in_store_code(n) for n in range(1, 500)}
    assert len(codes) == 499


@pytest.mark.parametrize("number", [0, -1, 10**11])
def test_in_store_number_out_of_range_is_an_error(number):
    with pytest.raises(ValueError):
        in_store_code(number)


def test_looks_like_barcode_tells_codes_from_names():
    assert looks_like_barcode("4006381333931")
    assert looks_like_barcode(UPCA)
    assert not looks_like_barcode("大米")
    assert not looks_like_barcode("12345")
