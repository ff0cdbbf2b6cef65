"""积分互认 when the township no longer knows this counter (its clerk retired it, or its secret changed).

The township answers 401 before it reads the request, unsigned (it cannot bind the answer to a terminal
it does not know). An exchange asked of a township that signs stays waiting on it, as on any answer not
its word; the volunteer is told plainly to call the township, not that someone sits in the middle. A
look-up, and an exchange with a township not signing yet, are taken as they come: nothing was written.

The villages of tests/sync/test_cross.py: 王小明 (JF000001) of 青石村 at 桃源村's counter.
"""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.services.sync import cross_pending, cross_village
from kiosk.store import cross_sales
from kiosk.sync import enrolment, state
from kiosk.township.tables import terminals
from tests.conftest import fingerprint
from tests.sync.test_cross_pending import debits, system
from tests.sync.test_cross import NOW, PENDING, URL, publish_rate, qingshi, toothpaste, township, villages  # noqa: F401
from tests.sync.test_signed_cross import older_villages, unsigned_answers  # noqa: F401  (older_villages: a fixture)


def retire(store, here) -> str:
    """The clerk retires 桃源村's counter at the township: whatever it signs is refused (401)."""
    terminal_id = state.load(here.db).terminal_id
    with store.write() as conn:
        terminals.retire(conn, terminal_id, "2026-11-03 10:31:00", "clerk", "换了新电脑")
    return terminal_id


def asked_once_retired(villages):
    """王小明's exchange asked once at a counter the clerk has retired: it waits."""
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    retire(store, here)
    with pytest.raises(Refused):
        cross_village.redeem(here, http, visitor, toothpaste(here))
    return here, store, http, visitor


def test_an_exchange_the_township_refuses_as_unknown_waits_and_says_call_the_township(villages):
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    terminal_id = retire(store, here)
    before = fingerprint(here.db, skip=PENDING)
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, http, visitor, toothpaste(here))
    assert refused.value.code == "cross_not_known_waiting"
    assert refused.value.code in cross_village.WAITING, "the counter keeps the id to ask again"
    words = refused.value.message("zh")
    receipt = cross_sales.open_pending(here.db)[0]["receipt"]
    assert "不认这台电脑" in words and "联系乡镇管理员" in words and "请不要给商品" in words
    assert f"小票 {receipt}" in words and "不会白扣" in words
    assert "签章" not in words and terminal_id not in words
    assert fingerprint(here.db, skip=PENDING) == before and debits(store) == 0
    assert cross_village.waiting(here) == 1


def test_asked_again_it_still_says_call_the_township_and_still_waits(villages):
    """Found by review: the second press of 确认兑换 said "no answer came, press again", and the
    volunteer kept pressing instead of calling the township. Every try, and the background round,
    keep the 401's own words; none closes the exchange."""
    here, store, http, visitor = asked_once_retired(villages)
    waiting = cross_sales.open_pending(here.db)[0]
    for _ in range(2):
        with pytest.raises(Refused) as again:
            cross_village.redeem(here, http, visitor, toothpaste(here), approval_id=waiting["id"])
        assert again.value.code == "cross_not_known_waiting" and again.value.code in cross_village.WAITING
        assert "联系乡镇管理员" in again.value.message("zh") and f"小票 {waiting['receipt']}" in again.value.message("zh")
    settled = cross_village.settle_pending(system(here), http)
    assert settled == cross_pending.Settled(waiting=1), "no note: it was not closed"
    assert cross_village.waiting(here) == 1 and debits(store) == 0


def test_the_waiting_exchange_settles_once_the_counter_is_enrolled_again(villages):
    here, store, http, visitor = asked_once_retired(villages)
    assert cross_village.settle_pending(system(here), http).waiting == 1, "asked again, still unknown: it waits"
    enrolment.enrol(here.db, http, URL, store.issue_code("桃源村")["code"], NOW)
    settled = cross_village.settle_pending(system(here), http)
    assert len(settled.sold) == 1 and settled.waiting == 0 and debits(store) == 1


def test_a_look_up_refused_as_unknown_says_so_with_no_id(villages):
    _shop, here, store, http = villages
    terminal_id = retire(store, here)
    with pytest.raises(Refused) as refused:
        cross_village.look_up(here, http, qingshi(here), "JF000001")
    words = refused.value.message("zh")
    assert refused.value.code == "cross_terminal_not_known"
    assert "不认这台电脑" in words and "联系乡镇管理员" in words and "什么也没记" in words
    assert terminal_id not in words and "HTTP" not in words


def test_a_township_not_signing_yet_closes_the_exchange_on_its_401(older_villages):  # noqa: F811
    """As before signatures: its 4xx is its word (it took nothing); only the words are new."""
    _shop, here, store, http = older_villages
    publish_rate(store)
    http = unsigned_answers(http)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    retire(store, here)
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, http, visitor, toothpaste(here))
    assert refused.value.code == "cross_terminal_not_known" and cross_village.waiting(here) == 0
    assert debits(store) == 0
