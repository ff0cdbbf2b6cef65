"""A few days of 青石村's November for the report tests, and raw-SQL sums to check them by.

The sums here read entry / sale / sale_line / refund_line / stock_move directly,
never through kiosk.store.reports, so a report that adds up wrongly cannot agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.services.people import operators
from kiosk.services.points import awards
from kiosk.services.shop import checkout, refunds
from kiosk.services.stock import movements as stock
from kiosk.services.context import Context
from tests.conftest import VOLUNTEER_PIN, give

NOW = datetime(2026, 11, 20, 18, 0)


@dataclass
class November:
    soap_receipt: str      # 3 Nov: 王小明 香皂 ×2 (11); 4 Nov one 香皂 handed back (5.5)
    paste_receipt: str     # 4 Nov: 张桂兰 牙膏 ×1 (5), sold by the volunteer 张晓燕


def play_november(shop: Context) -> November:
    """3 Nov: awards, a sale. 4 Nov: awards, a deduction, a volunteer's sale, a refund, a
    correction. 5 Nov: toothpaste delivered. Then the clock stands at 20 Nov, 18:00."""
    clock = shop.clock
    clock.set(datetime(2026, 11, 3, 9, 30))
    give(shop, "JF000001", 4)                                    # 20, 环境卫生
    awards.award(shop, "JF000004", "zyfw", qty=8)                # 2, 志愿服务
    soap = checkout.redeem_items(shop, "JF000001", ["香皂x2"])    # 11
    clock.set(datetime(2026, 11, 4, 10, 0))
    give(shop, "JF000003", 2)                                    # 10
    awards.award(shop, "JF000003", "kf_dubo")                    # -20, 扣分事项
    give(shop, "JF000004", 3)                                    # 15
    volunteer = shop.as_actor(operators.login(shop.db, "张晓燕", VOLUNTEER_PIN, clock.now()))
    paste = checkout.redeem_items(volunteer, "JF000004", ["6920000000012"])   # 5
    refunds.refund(shop, soap.receipt, "拿错了规格", {1: 1})      # 5.5 back
    awards.adjust(shop, "JF000001", "2.5", "补记上月漏记")
    clock.set(datetime(2026, 11, 5, 8, 0))
    stock.receive(shop, "6920000000012", 10)
    clock.set(NOW)
    return November(soap.receipt, paste.receipt)


# raw sums --------------------------------------------------------------------------------

def owed_before(db, moment: str) -> int:
    return db.scalar("SELECT COALESCE(SUM(hundredths), 0) FROM entry WHERE at < ?", (moment,))


def kind_sum(db, kind: str, start: str, end: str) -> tuple[int, int]:
    row = db.one("SELECT COUNT(*), COALESCE(SUM(hundredths), 0) FROM entry WHERE kind = ?"
                 " AND at >= ? AND at < ?", (kind, start, end))
    return row[0], row[1]


def by_category(db, kind: str, start: str, end: str) -> dict[str, tuple[int, int]]:
    rows = db.all("SELECT u.category, COUNT(*), SUM(e.hundredths) FROM entry e JOIN rule u"
                  " ON u.id = e.rule_id WHERE e.kind = ? AND e.at >= ? AND e.at < ?"
                  " GROUP BY u.category", (kind, start, end))
    return {r[0]: (r[1], r[2]) for r in rows}


def goods_net(db, start: str, end: str) -> dict[str, tuple[int, int]]:
    """name -> (pieces out less pieces back, points less points back)."""
    out: dict[str, list[int]] = {}
    for name, qty, points in db.all(
            "SELECT p.name, SUM(l.qty), SUM(l.qty * l.price) FROM sale s JOIN sale_line l"
            " ON l.sale_id = s.id JOIN product p ON p.id = l.product_id"
            " WHERE s.at >= ? AND s.at < ? GROUP BY p.id", (start, end)):
        out.setdefault(name, [0, 0])
        out[name][0] += qty
        out[name][1] += points
    for name, qty, points in db.all(
            "SELECT p.name, SUM(rl.qty), SUM(rl.qty * l.price) FROM refund f"
            " JOIN refund_line rl ON rl.refund_id = f.id JOIN sale_line l"
            " ON l.sale_id = f.sale_id AND l.line_no = rl.line_no JOIN product p ON p.id = l.product_id"
            " WHERE f.at >= ? AND f.at < ? GROUP BY p.id", (start, end)):
        out.setdefault(name, [0, 0])
        out[name][0] -= qty
        out[name][1] -= points
    return {k: (v[0], v[1]) for k, v in out.items()}


def earned_by_house(db, start: str, end: str) -> dict[str, int]:
    """house_no -> awards less deductions with activity in [start, end)."""
    return dict(db.all(
        "SELECT h.house_no, SUM(e.hundredths) FROM entry e JOIN account a ON a.id = e.account_id"
        " LEFT JOIN resident r ON r.id = a.resident_id"
        " JOIN household h ON h.id = COALESCE(a.household_id, r.household_id)"
        " WHERE e.kind IN ('award', 'deduct') AND e.activity_date >= ? AND e.activity_date < ?"
        " GROUP BY h.house_no", (start, end)))


def stock_at(db, moment: str) -> dict[str, int]:
    return dict(db.all("SELECT p.name, SUM(m.qty) FROM stock_move m JOIN product p"
                       " ON p.id = m.product_id WHERE m.at < ? GROUP BY p.id", (moment,)))


def moved(db, start: str, end: str) -> dict[tuple[str, str], int]:
    return {(r[0], r[1]): r[2] for r in db.all(
        "SELECT p.name, m.kind, SUM(m.qty) FROM stock_move m JOIN product p ON p.id = m.product_id"
        " WHERE m.at >= ? AND m.at < ? GROUP BY p.id, m.kind", (start, end))}


def column(table, title: str) -> int:
    return [c.title for c in table.columns].index(title)


def rows_by(table, key_title: str, value_title: str) -> dict:
    k, v = column(table, key_title), column(table, value_title)
    return {row[k]: row[v] for row in table.rows}


# the demo village ------------------------------------------------------------------------

DEMO_TODAY = datetime(2026, 11, 20, 18, 0)


def demo_village(path) -> Context:
    """The demo village (60 households, a year of life up to 20 Nov 2026) as its manager."""
    from kiosk.core.clock import FixedClock
    from kiosk.services.setup.demo import build_demo
    from kiosk.store.migrations import open_database

    build_demo(path, today=DEMO_TODAY.date(), households=60)
    db = open_database(path)
    clock = FixedClock(DEMO_TODAY)
    return Context(db, operators.login(db, "刘建军", "2580", clock.now()), clock)
