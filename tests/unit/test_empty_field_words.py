"""A field left empty is refused with what to type, in plain words: "请填写村名，例如：青石村。",
never "村名不能为空。" (which says what went wrong but not what to do)."""

from __future__ import annotations

import pytest

from kiosk import config
from kiosk.core.errors import Refused
from kiosk.core.names import clean_name
from kiosk.i18n import MESSAGES, message
from kiosk.messages.values import FIELD_EXAMPLE_WORDS, FIELD_WORDS


def test_every_field_a_name_can_be_missing_from_has_an_example():
    assert set(FIELD_EXAMPLE_WORDS) == set(FIELD_WORDS)


@pytest.mark.parametrize("field", sorted(FIELD_WORDS))
def test_an_empty_field_says_what_to_type_with_an_example(field):
    with pytest.raises(Refused) as refused:
        clean_name("   ", field)
    zh = refused.value.message("zh")
    assert zh.startswith("请填写") and f"例如：{FIELD_EXAMPLE_WORDS[field]}" in zh
    english = refused.value.message("en")
    assert english != zh and "e.g." in english


def test_an_empty_village_name_says_what_to_type():
    with pytest.raises(Refused) as refused:
        clean_name("", "village")
    assert refused.value.message("zh") == "请填写村名，例如：青石村。"


@pytest.mark.parametrize("setting, said", [
    (config.VILLAGE_NAME, "请填写“村名”，例如：青石村。"),
    (config.CURRENCY, "请填写“积分名称（如 美德积分、爱心积分）”。")])
def test_an_empty_setting_says_what_to_type(setting, said):
    with pytest.raises(Refused) as refused:
        setting.check("  ")
    assert refused.value.message("zh") == said


def test_no_refusal_only_says_a_field_cannot_be_empty():
    told_nothing = {code: words for code, words in MESSAGES.items() if "不能为空" in words or "不能空" in words}
    assert told_nothing == {}


def test_the_empty_field_message_takes_an_example():
    assert "{example}" in MESSAGES["name_empty"]
    assert message("name_empty", "zh", what="house_no", example="house_no") == "请填写门牌号，例如：3组12号。"
