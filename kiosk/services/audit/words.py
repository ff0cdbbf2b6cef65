"""The audit trail in plain words: what each action, target and before/after key is called."""

from __future__ import annotations

import json

from kiosk.config import BY_KEY
from kiosk.i18n import _, word
from kiosk.messages.audit import ACCOUNT_MODE_WORDS, ACTION_WORDS, CREDIT_WORDS, KEY_WORDS, KIND_WORDS, TARGET_WORDS
from kiosk.messages.values import ROLE_WORDS, STATUS_WORDS

VALUE_WORDS = {"role": ROLE_WORDS, "status": STATUS_WORDS, "credit": CREDIT_WORDS, "account_mode": ACCOUNT_MODE_WORDS}
HIDDEN_WHEN_NAMED = ("code",)         # a rule's or product's code, when its name is there too


def did(action: str) -> str:
    return _(ACTION_WORDS[action]) if action in ACTION_WORDS else _("其他操作")


def kind_code(typed: str | None) -> str | None:
    text = (typed or "").strip()
    return KIND_WORDS.get(text, text) or None


def target(target_type: str, target_id: str) -> str:
    """'设置：审核通过的积分等公示期满后才入账', '积分标准' — never an id (whom: in the change)."""
    if target_type == "setting" and target_id in BY_KEY:
        return f"{_(TARGET_WORDS['setting'])}{_('：')}{_(BY_KEY[target_id].zh)}"
    return _(TARGET_WORDS[target_type]) if target_type in TARGET_WORDS else _("其他")


def change(before, after, names: dict[str, str] | None = None) -> str:
    """'分值: 5 → 3；名称: 环境清扫' — what changed, before → after."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return f"{_shown(before)} → {_shown(after)}"
    parts, names = [], names or {}
    for key in dict.fromkeys([*before, *after]):
        if key in HIDDEN_WHEN_NAMED and ("name" in before or "name" in after):
            continue
        old, new = _value(key, before.get(key), names), _value(key, after.get(key), names)
        if _is_id(old) or _is_id(new):
            continue                   # an id says nothing to a villager; the names say whom
        label = _(KEY_WORDS[key]) if key in KEY_WORDS else key
        if key in before and key in after:
            if old != new:
                parts.append(f"{label}: {_shown(old)} → {_shown(new)}")
        else:
            parts.append(f"{label}: {_shown(new if key in after else old)}")
    return _("；").join(parts)


def _value(key: str, value, names: dict[str, str]):
    if key == "rule" and isinstance(value, str):
        return names.get(value, value)                # a rule's code → its name
    if key in VALUE_WORDS and isinstance(value, str):
        return word(VALUE_WORDS[key], value)
    return value


def _is_id(value) -> bool:
    return isinstance(value, str) and len(value) == 36 and value.count("-") == 4


def _shown(value) -> str:
    if value is None or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
