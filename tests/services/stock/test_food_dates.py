"""Food dates: best-before per delivery line, the near-expiry list, expired write-offs."""

from __future__ import annotations

from kiosk.services.setup import settings
from kiosk.services.shop import checkout, products
from kiosk.services.stock import deliveries, food_dates
from kiosk.services.audit.check import run_check
from tests.conftest import give
from tests.services._support import refuse

MILK_DAYS = {"old": "2026-11-01", "soon": "2026-11-08", "later": "2026-12-20"}   # today 2026-11-03


def _milk(shop) -> str:
    code = products.add_product(shop, name="鲜牛奶", price="3", unit="盒").code
    for qty, when in ((6, "old"), (4, "soon"), (5, "later")):
        deliveries.receive_delivery(shop, [deliveries.Line(code, qty, best_before=MILK_DAYS[when])],
                                    source="采购")
    return code


def _listed(found) -> list[tuple[str, int, bool]]:
    return [(b.best_before, b.left, b.expired) for b in found]


def test_near_expiry_lists_what_is_left_of_each_batch_by_its_date(shop):
    _milk(shop)
    assert _listed(food_dates.near_expiry(shop)) == [("2026-11-01", 6, True), ("2026-11-08", 4, False)]
    assert _listed(food_dates.near_expiry(shop, days=60))[-1] == ("2026-12-20", 5, False)


def test_the_days_ahead_are_a_setting(shop):
    _milk(shop)
    settings.change(shop, {"stock.expiry_days": "2"})
    assert _listed(food_dates.near_expiry(shop)) == [("2026-11-01", 6, True)]


def test_sales_empty_the_oldest_batch_first(shop):
    code = _milk(shop)
    give(shop, "JF000001", 2)
    checkout.redeem_items(shop, "JF000001", [f"{code}x3"])
    assert _listed(food_dates.near_expiry(shop)) == [("2026-11-01", 3, True), ("2026-11-08", 4, False)]


def test_writing_off_expired_goods_takes_the_expired_batch(shop):
    code = _milk(shop)
    change = food_dates.write_off_expired(shop, code)
    assert (change.before, change.after) == (15, 9)
    note = shop.db.one("SELECT why, note FROM stock_move WHERE kind = 'damage'")
    assert note["why"] == "expired" and "2026-11-01" in note["note"] and "RK" in note["note"]
    assert [b.best_before for b in food_dates.near_expiry(shop)] == ["2026-11-08"]
    refuse(shop.db, "nothing_expired", food_dates.write_off_expired, shop, code)
    assert run_check(shop.db).ok


def test_a_bad_best_before_date_refuses_the_whole_delivery(shop):
    code = products.add_product(shop, name="鲜牛奶", price="3", unit="盒").code
    exc = refuse(shop.db, "delivery_line_best_before", deliveries.receive_delivery, shop,
                 [deliveries.Line(code, 2), deliveries.Line(code, 3, best_before="2026-13-01")],
                 source="采购")
    assert "第 2 行" in exc.message()


def test_goods_without_dates_are_never_near_expiry(shop):
    code = products.add_product(shop, name="洗衣粉", price="8", unit="袋").code
    deliveries.receive_delivery(shop, [deliveries.Line(code, 5)], source="采购")
    assert food_dates.near_expiry(shop, days=3650) == []
