"""What the counter says for a township hold: the household, the amount, what to do, one full stop."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.services.shop import checkout
from kiosk.sync import apply
from kiosk.sync.wire import Record
from tests.conftest import give
from tests.sync import remote

AT = "2026-11-03 10:05:00"
REASON = ("3组12号王小明家在两台收银机上用了同一笔积分，合并后余额是 -20 分，暂停兑换。"
          "村里补发积分、余额回到 0 或以上就自动解冻（还差 20 分），或请乡镇管理员处理。")


def test_a_held_household_is_told_why_in_words_without_a_doubled_full_stop(shop):
    give(shop, "JF000001", 2)
    account_id, _ = remote.account_of(shop.db, "JF000001")
    hold = Record.make("hold-1", "township", 1, "hold", {"account_id": account_id, "reason": REASON})
    apply.apply_page(shop.db, [hold], "1", AT)
    with pytest.raises(Refused) as refused:
        checkout.redeem_items(shop, "JF000001", ["6920000000012"])
    words = refused.value.message()
    assert "3组12号王小明家" in words and "-20 分" in words and "自动解冻" in words
    assert "。。" not in words and account_id not in words
