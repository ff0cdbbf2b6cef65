"""Two villages with the same card numbers, through the counter's code and the real township app.

青石村 (the `shop` books): JF000001 is 王小明, 30.00 points. 新村 (its own fresh books):
JF000001 is 宋凤兰, 50.00 points. Both visit 桃源村's counter, which names the village
with the card; 1 point of either village = 1 桃源分.
"""

from __future__ import annotations

import httpx
import pytest

from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.core.rules import Rule, Shape
from kiosk.services.people import residents
from kiosk.services.points import rules
from kiosk.services.setup import create as setup
from kiosk.services.sync import cross_village
from kiosk.store import ledger
from kiosk.sync import client, enrolment
from kiosk.township.tables import card_lookups
from tests.conftest import fingerprint, give
from tests.sync import remote
from tests.sync.test_cross import NOW, URL, publish_rate, soap, toothpaste, township, villages  # noqa: F401


@pytest.fixture
def xincun(villages, tmp_path):  # noqa: F811
    """新村's own counter: 宋凤兰 gets the first card, JF000001, and 50.00 points; synced."""
    shop, here, store, http = villages
    store.add_village("新村", "新村分")
    db = setup.create_database(tmp_path / "xincun.sqlite")
    ctx = setup.init_village(db, village="新村", manager="赵村长", pin="1357", currency="新村分", clock=shop.clock)
    song = residents.add_resident(ctx, name="宋凤兰", house_no="1组1号")
    assert song.card_code == "JF000001"
    rules.add_rule(ctx, Rule("hjqs", "环境清扫", "环境卫生", Shape.FIXED, Points.parse(5)))
    give(ctx, "JF000001", 10)
    enrolment.enrol(db, http, URL, store.issue_code("新村")["code"], NOW)
    assert client.sync_once(db, http, NOW).ok
    publish_rate(store, "1")
    with store.write() as conn:
        store.publish(conn, "rate", {"from_village": store.village("新村")["id"], "from_name": "新村",
                                     "to_village": store.village("桃源村")["id"], "to_name": "桃源村", "rate": "1"}, None)
    cross_village.learn_villages(here, http)
    yield ctx
    db.close()


def _village(ctx, name: str) -> str:
    return next(v.id for v in cross_village.villages(ctx) if v.name == name)


def _balance(ctx) -> int:
    account_id, _ = remote.account_of(ctx.db, "JF000001")
    return ledger.balance(ctx.db, account_id)


def test_the_counter_lists_the_other_villages_of_the_township(villages, xincun):
    _shop, here, _store, _http = villages
    assert sorted(v.name for v in cross_village.villages(here)) == ["新村", "青石村"]


def test_cross_village_redemption_debits_the_right_resident_every_time(villages, xincun):
    shop, here, _store, http = villages
    taken = {"青石村": 0, "新村": 0}
    for n in range(4):          # 8 look-ups and redemptions: under the township's 12 a minute
        village = ("新村", "青石村")[n % 2]
        visitor = cross_village.look_up(here, http, _village(here, village), "JF000001")
        assert (visitor.name, visitor.home_village) == (("宋*兰", "新村") if village == "新村" else ("王*明", "青石村"))
        sale = cross_village.redeem(here, http, visitor, soap(here))
        assert sale.visitor.home_village == village
        taken[village] += sale.home_total.hundredths
    assert client.sync_once(shop.db, http, NOW).ok and client.sync_once(xincun.db, http, NOW).ok
    assert _balance(shop) == 3000 - taken["青石村"]
    assert _balance(xincun) == 5000 - taken["新村"]
    assert taken["青石村"] > 0 and taken["新村"] > 0


def test_a_card_without_its_village_is_not_asked(villages, xincun):
    _shop, here, _store, _http = villages
    refusing = httpx.Client(transport=httpx.MockTransport(lambda request: pytest.fail("nothing may be asked")))
    with pytest.raises(Refused) as refused:
        cross_village.look_up(here, refusing, None, "JF000001")
    assert refused.value.code == "cross_village_needed" and "哪个村" in refused.value.message("zh")


def test_walking_cards_is_stopped_and_the_counter_says_so_in_words(villages, xincun):
    _shop, here, _store, http = villages
    before = fingerprint(here.db)
    most = card_lookups.WINDOWS[0][1]
    for k in range(1, most + 1):
        try:
            cross_village.look_up(here, http, _village(here, "新村"), f"JF{k:06d}")
        except Refused as refused:
            assert refused.code == "cross_card_unknown" and "新村没有卡号" in refused.message("zh")
    with pytest.raises(Refused) as refused:
        cross_village.look_up(here, http, _village(here, "新村"), "JF000001")
    assert refused.value.code == "cross_too_many"
    words = refused.value.message("zh")
    assert "查卡太频繁" in words and "60 秒内最多 12 次" in words and "1 分钟后再试" in words, words
    assert fingerprint(here.db) == before, "a look-up writes nothing at the counter"


def test_a_redemption_past_the_limit_takes_nothing_and_ends_refused(villages, xincun):
    _shop, here, _store, http = villages
    visitor = cross_village.look_up(here, http, _village(here, "新村"), "JF000001")
    for k in range(2, card_lookups.WINDOWS[0][1] + 1):
        with pytest.raises(Refused):
            cross_village.look_up(here, http, _village(here, "新村"), f"JF{k:06d}")
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, http, visitor, toothpaste(here, 1))
    assert refused.value.code == "cross_too_many"
    assert here.db.scalar("SELECT outcome FROM cross_pending_end") == "refused"
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0 and cross_village.waiting(here) == 0
    assert client.sync_once(xincun.db, http, NOW).ok and _balance(xincun) == 5000


def test_a_counter_learns_the_villages_at_sync(villages, xincun):
    _shop, _here, _store, http = villages
    assert cross_village.villages(xincun) == []
    cross_village.settle_after_sync(xincun.db, http, xincun.clock)
    assert sorted(v.name for v in cross_village.villages(xincun)) == ["桃源村", "青石村"]
