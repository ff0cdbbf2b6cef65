"""`kiosk check` for the settings that decide who gets how many points.

Settings are not in the books' chain, but every change through the program writes a chained
audit row saying what it set (kiosk/services/setup/settings.py). A setting that is not what
its last chained change set (or, never changed, not its default or what the village was
created with) was set with sqlite3 behind the program's back: 审核 switched off for a day,
expiry moved, the monthly bound on adjustments raised … and put back, it would leave nothing.
"""

from __future__ import annotations

from kiosk.config import (ADJUST_MONTH_MOST, BACKDATE_MONTHS, CLAIM_REVIEW, CREDIT_AFTER_NOTICE, EXPIRY_MONTHS,
                          EXPIRY_POLICY, EXPIRY_RESET_DATE, LEAVE_POINTS, NOTICE_DAYS, Setting)
from kiosk.store import settings as store

# Not the township's limits (township.rule_most, township.award_most): the township publishes
# them, and no path of this program writes them yet with an audit row to compare with.
GUARDED = (CLAIM_REVIEW, CREDIT_AFTER_NOTICE, NOTICE_DAYS, EXPIRY_POLICY, EXPIRY_RESET_DATE, EXPIRY_MONTHS,
           BACKDATE_MONTHS, ADJUST_MONTH_MOST, LEAVE_POINTS)


def problems(conn) -> list[str]:
    """One line for each guarded setting that is not what the program last set it to."""
    texts, village = store.stored_now(conn)
    if village is None:   # not set up yet: nothing is in force
        return []
    changed = store.last_changes(conn)
    out = []
    for setting in GUARDED:
        now = setting.parse(_stored(setting, texts, village))
        expected = setting.parse(_expected(conn, setting, changed))
        if now != expected:
            out.append(f"设置“{setting.zh}”现在是 {_shown(now)}，可程序最后一次记下的是 {_shown(expected)}："
                       f"有人绕过程序直接改了数据库文件。请改回来，并核对改动期间记的积分"
                       f" (setting {setting.key} is {now!r}, its last chained change set {expected!r})")
    return out


def _stored(setting: Setting, texts: dict[str, str], village) -> str | None:
    if setting.column:
        return str(village[setting.column])
    return texts.get(setting.key) or None


def _expected(conn, setting: Setting, changed: dict[str, str | None]) -> str | None:
    if setting.key in changed:
        return changed[setting.key]
    return store.set_at_start(conn, setting.column) if setting.column else None


def _shown(value) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)
