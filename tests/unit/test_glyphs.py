"""Which characters are emoji, Han (common or rare) or take no room (kiosk.core.glyphs)."""

from __future__ import annotations

import pytest

from kiosk.core.glyphs import emoji_in, is_han, takes_no_room


@pytest.mark.parametrize(("text", "found"), [
    ("王小明", ""), ("王𠮷祥", ""), ("刘䶮", ""), ("★特价", ""), ("海飞丝®", ""), ("☀", ""),
    ("王😀", "😀"), ("☀️好", "☀️"), ("1️⃣号", "1️⃣"), ("⭐李", "⭐"), ("🇨🇳", "🇨🇳"),
    ("张👨\u200d👩\u200d👧", "👨👩👧"), ("👍🏽", "👍🏽"),
])
def test_emoji_are_what_shows_as_a_picture(text, found):
    assert emoji_in(text) == found


@pytest.mark.parametrize("ch", ["王", "堃", "喆", "䶮", "𠮷", "\U0002a6a5", "\U00030000", "\uf900"])
def test_han_includes_the_rare_blocks(ch):
    assert is_han(ch)


@pytest.mark.parametrize("ch", ["a", "，", "😀", "ア", "\ue000"])
def test_not_han(ch):
    assert not is_han(ch)


@pytest.mark.parametrize(("ch", "none"), [("\u0301", True), ("\u200d", True), ("\ufe0f", True),
                                          ("\udfb7", True), ("a", False), ("王", False)])
def test_marks_and_joiners_take_no_room(ch, none):
    assert takes_no_room(ch) is none
