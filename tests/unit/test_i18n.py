"""Every refusal the program can raise has words in Chinese and English that format.

The Chinese is in the program (MESSAGES); the English comes from the gettext catalogue,
looked up with the refusal code as its context.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import kiosk
from kiosk.core.errors import Refused
from kiosk.i18n import MESSAGES, _, _p, message
from kiosk.messages.values import ACTION_WORDS, ROLE_WORDS

KIOSK_DIR = Path(kiosk.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def _codes_in(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _codes_in(node.body) + _codes_in(node.orelse)
    return []


def refusals() -> list[tuple[str, str, frozenset[str] | None]]:
    """(code, where, keyword names or None when **params are passed) for every Refused(...)."""
    found = []
    for path in sorted(KIOSK_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "Refused":
                continue
            names = [kw.arg for kw in node.keywords]
            params = None if None in names else frozenset(names)
            where = f"{path.relative_to(KIOSK_DIR.parent)}:{node.lineno}"
            found.extend((code, where, params) for code in _codes_in(node.args[0]))
    return found


REFUSALS = refusals()
CODES = sorted({code for code, _, _ in REFUSALS})


def both(code: str) -> tuple[str, str]:
    return MESSAGES[code], _p(code, MESSAGES[code], "en")


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_the_scan_finds_the_refusals():
    # Guards the scan itself: these are raised in core and store.
    assert {"qty_absurd", "db_locked", "db_not_kiosk", "barcode_bad_check_digit"} <= set(CODES)
    assert len(CODES) > 40


@pytest.mark.parametrize("code", CODES)
def test_every_refusal_code_has_a_chinese_and_an_english_message(code):
    assert code in MESSAGES, f"no words for Refused({code!r})"
    zh, en = both(code)
    assert CJK.search(zh), f"zh message of {code} has no Chinese: {zh!r}"
    assert not CJK.search(en), f"en message of {code} is not English: {en!r}"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_use_the_same_placeholders(code):
    zh, en = both(code)
    assert placeholders(zh) == placeholders(en)


CHECKABLE = [r for r in REFUSALS if r[2] is not None]


@pytest.mark.parametrize(("code", "where", "params"), CHECKABLE,
                         ids=[f"{code}@{where}" for code, where, _ in CHECKABLE])
def test_every_raise_site_passes_what_its_message_needs(code, where, params):
    if code not in MESSAGES:
        pytest.fail(f"{where}: no message for {code}")
    missing = placeholders(MESSAGES[code]) - params
    assert not missing, f"{where}: Refused({code!r}) lacks {sorted(missing)}"


@pytest.mark.parametrize("code", sorted(MESSAGES))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_messages_format_with_their_params_in_both_languages(code, lang):
    values = {name: f"<{name}>" for name in placeholders(MESSAGES[code])}
    text = message(code, lang, **values)
    for value in values.values():
        assert value in text
    assert "{" not in text and "}" not in text


def test_refused_message_uses_the_language_asked_for_and_kiosk_lang_by_default(monkeypatch):
    refused = Refused("qty_absurd", qty="1000", most=999)
    assert refused.message("zh") == "数量“1000”太大了（最多 999）。请核对。"
    assert "at most 999" in refused.message("en")
    monkeypatch.setenv("KIOSK_LANG", "en_US.UTF-8")
    assert str(refused) == refused.message("en")
    monkeypatch.setenv("KIOSK_LANG", "zh_CN")
    assert str(refused) == refused.message("zh")
    monkeypatch.setenv("KIOSK_LANG", "fr")
    assert str(refused) == refused.message("zh")


def test_role_and_action_codes_are_shown_as_words():
    refused = Refused("not_allowed", who="张晓燕", role="volunteer", action="adjust_points")
    assert refused.message("zh") == "张晓燕（志愿者）不能调整积分。请找管理员。"
    assert "(volunteer) may not adjust points" in refused.message("en")


def test_every_role_and_action_word_exists_in_both_languages():
    for table in (ROLE_WORDS, ACTION_WORDS):
        for zh in table.values():
            en = _(zh, "en")
            assert CJK.search(zh) and en and not CJK.search(en)


@pytest.mark.parametrize("code", ["barcode_bad_format", "barcode_exists", "rule_exists"])
def test_a_refusal_with_a_param_named_code_can_be_raised(code):
    # Refused(code, **params): a message placeholder called {code} must still work.
    params = {name: "6901234567892" for name in placeholders(MESSAGES[code])}
    refused = Refused(code, **params)
    assert refused.code == code
    assert "6901234567892" in refused.message("zh")
