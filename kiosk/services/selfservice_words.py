"""Plain words for the touchscreen and the notice board: entries, rules, quantities, names.

Chinese by default, English when the program runs in English (kiosk.i18n).
"""

from __future__ import annotations

from kiosk.core.names import house_order  # noqa: F401  (callers sort house numbers with it)
from kiosk.core.points import Points
from kiosk.core.quantity import ONE, Measure
from kiosk.core.rules import MEASURED, Rule, Shape
from kiosk.i18n import tr

UNIT_WORDS = {Shape.PER_HOUR: ("小时", "h"), Shape.PER_M2: ("平方米", "m²"), Shape.PER_MU: ("亩", "mu"),
              Shape.FIXED: ("次", "times"), Shape.PER_PERIOD: ("期", "periods")}
CAP_WORDS = {"day": ("每天", "a day"), "month": ("每月", "a month"), "year": ("每年", "a year")}
KIND_WORDS = {"refund": ("退货退回", "refund"), "adjust": ("管理员更正", "correction by a manager"),
              "expire": ("积分过期", "points expired"), "transfer": ("积分转移", "points moved")}


def qty_words(shape: str | None, qty: int | None) -> str:
    """'4 小时', '2 次'; nothing for one act or one period, or when the shape is unknown."""
    if qty is None or shape not in UNIT_WORDS:
        return ""
    shape, measure = Shape(shape), Measure(qty)
    if shape not in MEASURED and measure == ONE:
        return ""
    return f"{measure} {tr(*UNIT_WORDS[shape])}"


def act_words(rule_name: str | None, shape: str | None, qty: int | None) -> str:
    """'志愿服务（按小时） 4 小时', '环境清扫'."""
    amount = qty_words(shape, qty)
    return f"{rule_name or ''} {amount}".strip()


def entry_words(row) -> str:
    """One ledger entry as a resident would say it."""
    kind = row["kind"]
    if kind in ("award", "deduct"):
        return act_words(row["rule_name"], row["shape"], row["qty"]) or row["note"] or tr("积分", "points")
    if kind == "redeem":
        return sale_words(row["first_item"], row["lines"] or 0, row["items"] or 0, row["note"])
    if kind == "adjust":
        said = tr(*KIND_WORDS["adjust"])
        return f"{said}{tr('：', ': ')}{row['note']}" if row["note"] else said
    return tr(*KIND_WORDS[kind]) if kind in KIND_WORDS else kind


def sale_words(first: str | None, lines: int, items: int, receipt: str = "") -> str:
    """'兑换 东北大米 5kg', '兑换 香皂 2 件', '兑换 东北大米 5kg 等 3 件' (3: all pieces)."""
    if not first:
        return tr(f"兑换 小票 {receipt}", f"Exchange, receipt {receipt}").strip()
    if lines > 1:
        return tr(f"兑换 {first} 等 {items} 件", f"Exchanged {first} and more, {items} items")
    if items > 1:
        return tr(f"兑换 {first} {items} 件", f"Exchanged {first} ×{items}")
    return tr(f"兑换 {first}", f"Exchanged {first}")


def rule_words(rule: Rule) -> str:
    """'每 4 小时 5 分，每月最多 20 分', '每次 5 分', '每次扣 20 分，一年内再犯加倍'."""
    amount = Points(abs(rule.points.hundredths))
    words = _per(rule, amount)
    if rule.cap is not None and rule.cap_period is not None:
        zh, en = CAP_WORDS[rule.cap_period.value]
        words += tr(f"，{zh}最多 {rule.cap} 分", f", at most {rule.cap} points {en}")
    if rule.is_deduction and rule.doubles_within_days:
        words += tr(f"，{_within_zh(rule.doubles_within_days)}再犯加倍",
                    f", doubled if repeated within {rule.doubles_within_days} days")
    return words


def _per(rule: Rule, amount: Points) -> str:
    sign_zh, sign_en = ("扣 ", "minus ") if rule.is_deduction else ("", "")
    if rule.shape in MEASURED:
        zh, en = UNIT_WORDS[rule.shape]
        if rule.unit == ONE:
            return tr(f"每{zh}{sign_zh or ' '}{amount} 分", f"{sign_en}{amount} points per {en}")
        return tr(f"每 {rule.unit} {zh}{sign_zh or ' '}{amount} 分", f"{sign_en}{amount} points per {rule.unit} {en}")
    if rule.shape is Shape.PER_PERIOD:
        return tr(f"每期{sign_zh or ' '}{amount} 分", f"{sign_en}{amount} points per period")
    return tr(f"每次{sign_zh or ' '}{amount} 分", f"{sign_en}{amount} points each time")


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
