"""Plain words for the touchscreen and the notice board: entries, rules, quantities, names.

Chinese by default, English when the program runs in English (kiosk.i18n); the tables of words
are in kiosk.messages.selfservice, the kinds' words in kiosk.core.kinds.
"""

from __future__ import annotations

from kiosk.core.kinds import REVOKING
from kiosk.core.kinds import entry_words as kind_words
from kiosk.core.names import house_order  # noqa: F401  (callers sort house numbers with it)
from kiosk.core.points import Points
from kiosk.core.quantity import ONE, Measure
from kiosk.core.rules import MEASURED, Rule, Shape
from kiosk.i18n import _, _p
from kiosk.messages.selfservice import CAP_WORDS, UNIT_WORDS


def qty_words(shape: str | None, qty: int | None) -> str:
    """'4 小时', '2 次'; nothing for one act or one period, or when the shape is unknown."""
    if qty is None or shape not in UNIT_WORDS:
        return ""
    shape, measure = Shape(shape), Measure(qty)
    if shape not in MEASURED and measure == ONE:
        return ""
    return f'{measure} {_(UNIT_WORDS[shape])}'


def act_words(rule_name: str | None, shape: str | None, qty: int | None) -> str:
    """'志愿服务（按小时） 4 小时', '环境清扫'."""
    amount = qty_words(shape, qty)
    return f"{rule_name or ''} {amount}".strip()


def reversal_words(words: str) -> str:
    """A reversal names what it takes back: '撤销：乱扔垃圾'."""
    return _("撤销：{what}").format(what=words)


def entry_words(row) -> str:
    """One ledger entry as a resident would say it; a reversal as 撤销 … ."""
    words = _entry_words(row)
    if row["kind"] in REVOKING and "reverses_id" in row.keys() and row["reverses_id"]:
        return reversal_words(words)
    return words


def _entry_words(row) -> str:
    kind = row["kind"]
    if kind in ("award", "deduct"):
        return act_words(row["rule_name"], row["shape"], row["qty"]) or row["note"] or _p("selfservice_words", "积分")
    if kind == "redeem":
        return sale_words(row["first_item"], row["lines"] or 0, row["items"] or 0, row["note"])
    if kind == "adjust":
        return adjustment_words(row["note"])
    return kind_words(kind)


def adjustment_words(note: str) -> str:
    """A manager's correction by its reason: '管理员更正：多记了'."""
    said = kind_words("adjust")
    return f"{said}{_('：')}{note}" if note else said


def sale_words(first: str | None, lines: int, items: int, receipt: str = "") -> str:
    """'兑换 东北大米 5kg', '兑换 香皂 2 件', '兑换 东北大米 5kg 等 3 件' (3: all pieces)."""
    if not first:
        return _("兑换 小票 {receipt}").format(receipt=receipt).strip()
    if lines > 1:
        return _("兑换 {first} 等 {items} 件").format(first=first, items=items)
    if items > 1:
        return _("兑换 {first} {items} 件").format(first=first, items=items)
    return _("兑换 {first}").format(first=first)


def rule_words(rule: Rule) -> str:
    """'每 4 小时 5 分，每月最多 20 分', '每次 5 分', '每次扣 20 分，一年内再犯加倍'."""
    amount = Points(abs(rule.points.hundredths))
    words = _per(rule, amount)
    if rule.cap is not None and rule.cap_period is not None:
        words += _("，{period}最多 {cap} 分").format(period=_(CAP_WORDS[rule.cap_period.value]), cap=rule.cap)
    if rule.is_deduction and rule.doubles_within_days:
        words += _("，{within}再犯加倍").format(within=_within_zh(rule.doubles_within_days),
                                             days=rule.doubles_within_days)
    return words


def _per(rule: Rule, amount: Points) -> str:
    minus = rule.is_deduction
    if rule.shape in MEASURED:
        unit = _(UNIT_WORDS[rule.shape])
        if rule.unit == ONE:
            said = _("每{unit}扣 {amount} 分") if minus else _("每{unit} {amount} 分")
            return said.format(unit=unit, amount=amount)
        said = _("每 {size} {unit}扣 {amount} 分") if minus else _("每 {size} {unit} {amount} 分")
        return said.format(size=rule.unit, unit=unit, amount=amount)
    if rule.shape is Shape.PER_PERIOD:
        return (_("每期扣 {amount} 分") if minus else _("每期 {amount} 分")).format(amount=amount)
    return (_("每次扣 {amount} 分") if minus else _("每次 {amount} 分")).format(amount=amount)


def _within_zh(days: int) -> str:
    if days == 365:
        return "一年内"
    if days % 365 == 0:
        return f"{days // 365} 年内"
    return f"{days} 天内"


def masked(name: str) -> str:
    """'王建军' → '王**': the surname, then a star for every other character."""
    return name[:1] + "*" * (len(name) - 1)


def shown_name(style: str, name: str, house_no: str) -> str:
    """Another household's name per the village's privacy setting (unknown: masked)."""
    if style == "full":
        return name
    if style == "house" or not name:
        return house_no
    return masked(name)
