"""Names: pinyin initials for search; typed text cleaned but never rewritten."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.core.names import MAX_NAME, clean_name, initials


@pytest.mark.parametrize(
    ("name", "expected"),
    [("王小明", "wxm"), ("李秀英", "lxy"), ("张桂兰", "zgl"), ("王晓明", "wxm"), ("刘建军", "ljj")],
)
def test_initials_of_chinese_names(name, expected):
    assert initials(name) == expected


def test_initials_drop_emoji_and_punctuation():
    assert initials("王小明😀") == "wxm"
    assert initials("王·小明！") == "wxm"
    assert initials("🎉") == ""


def test_initials_keep_ascii_letters_and_digits_lowercased():
    # Documented: "letters and digits kept" — goods are searched as 大米5kg → dm5kg.
    assert initials("大米5kg") == "dm5kg"
    assert initials("3组王小明") == "3zwxm"


def test_initials_are_plain_lowercase_ascii():
    result = initials("欧阳娜娜")
    assert result == "oynn"
    assert result.isascii() and result == result.lower()


@pytest.mark.parametrize(
    ("typed", "clean"),
    [("  王小明  ", "王小明"), ("王  小明", "王 小明"), ("王小明\n", "王小明"),
     ("王\x00小明", "王小明"), ("王\u3000小明", "王 小明")],
)
def test_clean_name_trims_single_spaces_and_drops_control_characters(typed, clean):
    assert clean_name(typed) == clean


def test_clean_name_keeps_emoji_as_typed_even_joined_ones():
    assert clean_name("王小明😀") == "王小明😀"
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # one emoji held by ZWJs
    assert clean_name(f"王家{family}") == f"王家{family}"


def test_a_zero_width_space_pasted_from_a_chat_app_does_not_make_a_different_name():
    # U+200B is invisible: "王\u200b小明" must be stored as 王小明 or refused, never as a
    # look-alike that the counter's search for 王小明 cannot find.
    try:
        cleaned = clean_name("王\u200b小明")
    except Refused:
        return
    assert cleaned == "王小明"


@pytest.mark.parametrize(
    "text",
    ["Robert'); DROP TABLE resident;--", "O'Brien", 'say "hi"', "50% off_%", "a\\b", "王;--"],
)
def test_sql_metacharacters_and_quotes_are_kept_as_text(text):
    assert clean_name(text) == text


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "\u3000", "\x00", "\u200b", " \u200b\u200b "])
def test_empty_or_invisible_name_is_refused(text):
    with pytest.raises(Refused) as refused:
        clean_name(text, "姓名")
    assert refused.value.code == "name_empty"
    assert refused.value.params["what"] == "姓名"


def test_name_of_exactly_the_most_characters_is_accepted():
    assert clean_name("王" * MAX_NAME) == "王" * MAX_NAME
    assert MAX_NAME == 60


def test_name_longer_than_the_most_is_refused_with_its_length():
    with pytest.raises(Refused) as refused:
        clean_name("王" * 61)
    assert refused.value.code == "name_too_long"
    assert refused.value.params["length"] == 61
    assert refused.value.params["most"] == 60


def test_length_is_counted_after_trimming():
    assert clean_name("  " + "王" * 60 + "  ") == "王" * 60


def test_house_numbers_sort_as_people_count():
    from kiosk.core.names import house_order

    houses = ["1组10号", "1组2号", "10组1号", "2组1号", "1组1号"]
    assert sorted(houses, key=house_order) == ["1组1号", "1组2号", "1组10号", "2组1号", "10组1号"]
