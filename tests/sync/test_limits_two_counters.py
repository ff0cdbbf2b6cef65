"""限购 across two counters: each refuses past what it knows; offline merges are reported."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.services.points import awards
from kiosk.services.shop import checkout, limits, refunds
from kiosk.services.stock import movements as stock
from kiosk.services.sync import admin as sync_admin
from kiosk.services.audit.check import run_check
from tests.sync.test_two_counters import TOOTHPASTE, village  # noqa: F401  (the two counters)


def _limit_toothpaste_to_two_a_month(village) -> None:  # noqa: F811
    for ctx in (village.a, village.b):
        awards.award(ctx, "JF000001", "hjqs", "3")           # 15 + 15: 30 points on each counter's books
        awards.award(ctx, "JF000001", "hjqs", "3")
    limits.set_limit(village.a, TOOTHPASTE, "2", "月")
    stock.receive(village.a, TOOTHPASTE, 10)
    village.sync("a", "b", "a")


def test_the_limit_set_on_one_counter_holds_on_the_other(village):  # noqa: F811
    _limit_toothpaste_to_two_a_month(village)
    checkout.redeem_items(village.a, "JF000001", [f"{TOOTHPASTE}x2"])
    village.sync("a", "b")
    with pytest.raises(Refused) as info:
        checkout.redeem_items(village.b, "JF000002", [TOOTHPASTE])    # same household (3组12号)
    assert info.value.code == "limit_reached" and "本月已换满" in info.value.message()


def test_offline_sales_on_two_counters_may_pass_the_limit_and_are_reported(village):  # noqa: F811
    _limit_toothpaste_to_two_a_month(village)
    checkout.redeem_items(village.a, "JF000001", [f"{TOOTHPASTE}x2"])   # A: the household's 2
    checkout.redeem_items(village.b, "JF000002", [TOOTHPASTE])          # B did not know: 1 more
    for ctx in (village.a, village.b):
        assert limits.passed_words(ctx.db, ctx.clock.now().date()) == []
    village.sync("a", "b", "a")
    for ctx in (village.a, village.b):
        words = limits.passed_words(ctx.db, ctx.clock.now().date())
        assert len(words) == 1 and "3组12号" in words[0] and "换了 3" in words[0] \
            and "每户限 2" in words[0]
        assert sync_admin.overview(ctx).limits_passed == tuple(words)
        assert run_check(ctx.db).problems == []                     # the sales stand
        with pytest.raises(Refused) as info:
            checkout.redeem_items(ctx, "JF000001", [TOOTHPASTE])
        assert info.value.code == "limit_reached"


def test_a_refund_gives_the_household_its_room_back(village):  # noqa: F811
    _limit_toothpaste_to_two_a_month(village)
    sale = checkout.redeem_items(village.a, "JF000001", [f"{TOOTHPASTE}x2"])
    refunds.refund(village.a, sale.receipt, "拿错了", {1: 1})
    household = village.a.db.scalar("SELECT household_id FROM resident WHERE card_code = 'JF000001'")
    product = village.a.db.scalar("SELECT product_id FROM barcode WHERE code = ?", (TOOTHPASTE,))
    left = limits.standing(village.a, household, product)
    assert (left.taken, left.left) == (1, 1) and "还能换 1" in left.words()
