"""Plain Chinese for the touchscreen: entries, rules, quantities, other people's names."""

from __future__ import annotations

import re

from kiosk.core.points import Points
from kiosk.core.quantity import ONE, Measure
from kiosk.core.rules import MEASURED, Rule, Shape

UNIT_WORDS = {Shape.PER_HOUR: "小时", Shape.PER_M2: "平方米", Shape.PER_MU: "亩",
              Shape.FIXED: "次", Shape.PER_PERIOD: "期"}
CAP_WORDS = {"day": "每天", "month": "每月", "year": "每年"}
KIND_WORDS = {"refund": "退货退回", "adjust": "管理员更正", "expire": "积分过期", "transfer": "积分转移"}


def qty_words(shape: str | None, qty: int | None) -> str:
    """'4 小时', '2 次'; nothing for one act or one period, or when the shape is unknown."""
    if qty is None or shape not in UNIT_WORDS:
        return ""
    shape, measure = Shape(shape), Measure(qty)
    if shape not in MEASURED and measure == ONE:
        return ""
    return f"{measure} {UNIT_WORDS[shape]}"


def act_words(rule_name: str | None, shape: str | None, qty: int | None) -> str:
    """'志愿服务（按小时） 4 小时', '环境清扫'."""
    amount = qty_words(shape, qty)
    return f"{rule_name or ''} {amount}".strip()


def entry_words(row) -> str:
    """One ledger entry as a resident would say it."""
    kind = row["kind"]
    if kind in ("award", "deduct"):
        return act_words(row["rule_name"], row["shape"], row["qty"]) or row["note"] or "积分"
    if kind == "redeem":
        return sale_words(row["first_item"], row["lines"] or 0, row["items"] or 0, row["note"])
    if kind == "adjust":
        return f"管理员更正：{row['note']}" if row["note"] else "管理员更正"
    return KIND_WORDS.get(kind, kind)


def sale_words(first: str | None, lines: int, items: int, receipt: str = "") -> str:
    """'兑换 东北大米 5kg', '兑换 香皂 2 件', '兑换 东北大米 5kg 等 3 件' (3: all pieces)."""
    if not first:
        return f"兑换 小票 {receipt}".strip()
    if lines > 1:
        return f"兑换 {first} 等 {items} 件"
    return f"兑换 {first} {items} 件" if items > 1 else f"兑换 {first}"


def rule_words(rule: Rule) -> str:
    """'每 4 小时 5 分，每月最多 20 分', '每次 5 分', '每次扣 20 分，一年内再犯加倍'."""
    if rule.shape in MEASURED:
        unit = UNIT_WORDS[rule.shape]
        per = f"每{unit}" if rule.unit == ONE else f"每 {rule.unit} {unit}"
    else:
        per = "每期" if rule.shape is Shape.PER_PERIOD else "每次"
    amount = Points(abs(rule.points.hundredths))
    words = f"{per}扣 {amount} 分" if rule.is_deduction else f"{per} {amount} 分"
    if rule.cap is not None and rule.cap_period is not None:
        words += f"，{CAP_WORDS[rule.cap_period.value]}最多 {rule.cap} 分"
    if rule.is_deduction and rule.doubles_within_days:
        words += f"，{_within(rule.doubles_within_days)}再犯加倍"
    return words


def _within(days: int) -> str:
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


def house_order(house_no: str) -> tuple:
    """'3组2号' before '3组12号': numbers compare as numbers."""
    parts = re.split(r"(\d+)", house_no)  # text, number, text, number, ... text
    return tuple(int(part) if i % 2 else part for i, part in enumerate(parts))
