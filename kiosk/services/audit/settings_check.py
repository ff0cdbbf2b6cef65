"""`kiosk check` for the settings that decide who gets how many points.

Settings are not in the books' chain, but every change through the program writes a chained
audit row saying what it set (kiosk/services/setup/settings.py, grades_admin.set_grades, the
village's creation). A setting that is not what its last such row set (never changed: not its
default) was set with sqlite3 behind the program's back: 审核 switched off for a day, expiry
moved, the grade table lowered … and put back, it would otherwise leave nothing.
"""

from __future__ import annotations

import json

from kiosk.config import (ADJUST_MONTH_MOST, BACKDATE_MONTHS, CLAIM_REVIEW, CREDIT_AFTER_NOTICE, EXPIRY_MONTHS,
                          EXPIRY_POLICY, EXPIRY_RESET_DATE, LEAVE_POINTS, NOTICE_DAYS, TOWNSHIP_AWARD_MOST,
                          TOWNSHIP_RULE_MOST)
from kiosk.i18n import _
from kiosk.messages.marks import N_
from kiosk.services.audit.check_words import Found, said
from kiosk.store import settings as store

# The township's limits (township.rule_most, township.award_most) too: the village's settings
# screen never shows them and settings.change refuses them, so no path of this program writes
# them; one stored other than its default was put there by hand (its audit row, when the
# township comes to publish them, will be what they are held to, as for the others).
GUARDED = (CLAIM_REVIEW, CREDIT_AFTER_NOTICE, NOTICE_DAYS, EXPIRY_POLICY, EXPIRY_RESET_DATE, EXPIRY_MONTHS,
           BACKDATE_MONTHS, ADJUST_MONTH_MOST, LEAVE_POINTS, TOWNSHIP_RULE_MOST, TOWNSHIP_AWARD_MOST)
# Village columns only its creation sets (the grade table also 'grades.set'): (column, words).
SET_AT_START = (("account_mode", N_("积分账户按户还是按人")), ("grade_scale", N_("信用等次表")))
INIT, CHANGE, GRADES = "village.init", "setting.change", "grades.set"


def problems(conn) -> list[str]:
    """One line for each guarded setting that is not what the program last set it to."""
    texts, village = store.stored_now(conn)
    if village is None:   # not set up yet: nothing is in force
        return []
    last = _last_set(store.set_by_program(conn))
    out = []
    for setting in GUARDED:
        now = setting.parse(str(village[setting.column]) if setting.column else texts.get(setting.key) or None)
        said = last.get(setting.key, last.get(setting.column) if setting.column else None)
        expected = setting.parse(None if said is None else _text(said))
        if now != expected:
            out.append(_words(_(setting.zh), setting.key, _shown(now), _shown(expected)))
    for column, words in SET_AT_START:
        if column in last and _json(village[column]) != last[column]:
            out.append(_words(_(words), column, str(village[column]), json.dumps(last[column], ensure_ascii=False)))
    return out


def _last_set(rows: list[tuple[str, str, dict]]) -> dict[str, object]:
    """Setting key (or village column) → what the last audit row setting it said."""
    last: dict[str, object] = {}
    for action, target, after in rows:
        if action == INIT:
            last.update({key: value for key, value in after.items() if key in ("claim_review", "account_mode",
                                                                                "grade_scale")})
        elif action == CHANGE and "value" in after:
            last[target] = after["value"]
        elif action == GRADES and "grades" in after:
            last["grade_scale"] = after["grades"]
    return last


def _text(value) -> str:
    return str(int(value)) if isinstance(value, bool) else str(value)


def _json(text: str):
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text


def _words(label: str, key: str, now: str, expected: str) -> str:
    return Found(said("setting_changed", label=label, now=now, expected=expected),
                 f"setting {key} is {now}, the last chained change set {expected}")


def _shown(value) -> str:
    if isinstance(value, bool):
        return said("yes") if value else said("no")
    return str(value)
