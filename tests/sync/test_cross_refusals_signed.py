"""积分互认: a refusal closes an exchange only as the township's signed word, and one exchange that
cannot settle never holds up the others (kiosk/services/sync/cross_pending.py).

An insider in the middle passes the exchange on (the township takes the points) and answers
"no" himself: closed on it, the visitor would have paid for nothing, and the volunteer's new
try would take the points again. The township signs every refusal of its cross routes once it
knows the terminal (kiosk/township/cross.py _signed); a counter that knows its township signs
waits on any other answer. The villages of tests/sync/test_cross.py, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json

import httpx
import pytest

from kiosk.core import township_asked, township_word
from kiosk.core.cart import Cart
from kiosk.core.errors import Refused
from kiosk.services.shop import products
from kiosk.services.sync import cross_pending, cross_village
from kiosk.store import cross_sales, township_key_chained
from kiosk.sync import client, state
from kiosk.sync.client import Township
from kiosk.township import cross as township_cross
from kiosk.township.words import TownshipRefused
from tests.conftest import fingerprint, give
from tests.sync import insider
from tests.sync.test_cross_pending import cut_after_commit, debits, offline, system
from tests.sync.test_signed_cross import older_villages, unsigned_answers  # noqa: F401  (older_villages: a fixture)
from tests.sync.test_cross import (  # noqa: F401  (fixtures)
    NOW,
    PENDING,
    URL,
    publish_rate,
    qingshi,
    toothpaste,
    township,
    villages,
)

TOOTHPASTE = "6920000000012"


def sales(ctx) -> int:
    return ctx.db.scalar("SELECT COUNT(*) FROM cross_sale")


def made_up(status: int) -> dict:
    return {400: {"error": "body_bad_shape", "message": "请求格式不对"}, 413: {"error": "body_too_big", "limit": 20},
            422: {"detail": [{"loc": ["body"], "msg": "field required"}]},
            429: {"error": "rate_limited", "message": "太频繁了"}}[status]


def forwarded_then(http, status: int, only: set | None = None) -> httpx.Client:
    """In the middle: the exchange passed on to the township (it takes the points), then a made-up,
    unsigned refusal answered in its place (for the exchange ids in `only`, when given)."""
    def answer(request: httpx.Request) -> httpx.Response:
        real = insider.relayed(insider.forward(http, request))
        if only is not None and json.loads(request.content)["id"] not in only:
            return real
        return httpx.Response(status, json=made_up(status))
    return insider.server(http, "/v1/cross/redeem", answer)


@pytest.mark.parametrize("status", [400, 413, 422, 429])
def test_a_refusal_made_up_after_the_township_took_the_points_leaves_the_exchange_waiting(villages, status):
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    stock, before = products.resolve(here, TOOTHPASTE).stock, fingerprint(here.db, skip=PENDING)
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, forwarded_then(http, status), visitor, toothpaste(here))
    assert refused.value.code == "cross_unsigned_waiting" and "请不要给商品" in refused.value.message("zh")
    assert debits(store) == 1 and sales(here) == 0 and cross_village.waiting(here) == 1
    assert fingerprint(here.db, skip=PENDING) == before
    waiting_id = cross_sales.open_pending(here.db)[0]["id"]       # the volunteer confirms again: settled once
    sale = cross_village.redeem(here, http, visitor, toothpaste(here), approval_id=waiting_id)
    assert sale.home_total.hundredths == 1250 and products.resolve(here, TOOTHPASTE).stock == stock - 2
    assert debits(store) == 1 and sales(here) == 1 and cross_village.waiting(here) == 0


def test_a_made_up_refusal_on_the_reconciler_leaves_it_waiting_too(villages):
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    with pytest.raises(Refused):
        cross_village.redeem(here, forwarded_then(http, 400), visitor, toothpaste(here))
    assert cross_village.settle_pending(system(here), forwarded_then(http, 400)) == cross_pending.Settled(waiting=1)
    assert len(cross_village.settle_pending(system(here), http).sold) == 1
    assert debits(store) == 1 and sales(here) == 1


def refuse_with_bad_shape(store, terminal, data):
    raise TownshipRefused("body_bad_shape", 400, detail="'summary' is not what this township reads")


@pytest.mark.parametrize("refusal", ["bad-shape", "too-many"])
def test_the_townships_own_signed_refusal_closes_the_exchange(villages, monkeypatch, refusal):
    """Its plain 400 (a township of a newer version reading the exchange otherwise) and its 429 (too
    many look-ups from this terminal) are signed for the request: nothing was taken, the exchange ends."""
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    if refusal == "bad-shape":
        monkeypatch.setattr(township_cross, "redeem", refuse_with_bad_shape)
    else:
        for _ in range(11):      # 12 a minute (kiosk/township/tables/card_lookups.py)
            cross_village.look_up(here, http, qingshi(here), "JF000001")
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, http, visitor, toothpaste(here))
    assert refused.value.code == ("cross_refused" if refusal == "bad-shape" else "cross_too_many")
    assert "HTTP" not in refused.value.message("zh") and "400" not in refused.value.message("zh")
    ended = here.db.one("SELECT outcome, code FROM cross_pending_end")
    assert tuple(ended) == ("refused", refused.value.code)
    assert debits(store) == 0 and sales(here) == 0 and cross_village.waiting(here) == 0


def test_every_refusal_of_the_cross_routes_is_signed_for_its_request(villages):
    """Once the terminal is known: a body not JSON, a wrong shape, an empty card, a village unknown.
    A request whose signature check fails (401) is not: the township does not know who asked."""
    _shop, here, store, http = villages
    current = state.load(here.db)
    key = township_key_chained.trusted(here.db.conn)[0]
    township = Township(http, URL, current.terminal_id, current.secret, NOW)
    asked = [("POST", "/v1/cross/redeem", b"{not json", township_word.CROSS_REDEEM, 400),
             ("POST", "/v1/cross/redeem", b'{"id": 5}', township_word.CROSS_REDEEM, 400),
             ("GET", "/v1/cross/resident?village=x&card=", b"", township_word.CROSS_RESIDENT, 400),
             ("GET", "/v1/cross/resident?village=nowhere&card=JF000001", b"", township_word.CROSS_RESIDENT, 404)]
    for method, path, body, purpose, status in asked:
        answer = township.call(method, path, body)
        assert answer.status_code == status, path
        digest = township_asked.sha256_of(township_asked.asked(method, path, body), answer.content)
        assert township_word.genuine(key, purpose, current.terminal_id, digest,
                                     answer.headers.get(township_word.HEADER)), (path, body)
    stranger = Township(http, URL, current.terminal_id, "0" * 64, NOW).call("POST", "/v1/cross/redeem", b"{}")
    assert stranger.status_code == 401 and township_word.HEADER not in stranger.headers


def lost_exchange(here, http, qty: int = 1, card: str = "JF000001") -> str:
    """An exchange the township took whose answer was cut on the way: its receipt. One visitor has one
    exchange open at most (another asked while one waits asks that one): several need several cards."""
    visitor = cross_village.look_up(here, http, qingshi(here), card)
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, cut_after_commit(http, {"left": 1}), visitor, toothpaste(here, qty))
    assert refused.value.code == "cross_unconfirmed"
    return refused.value.params["receipt"]


def with_points(shop, http, *cards: str) -> None:
    """More visitors from 青石村: each card given 20 points there, synced."""
    for card in cards:
        give(shop, card, 4)
    assert client.sync_once(shop.db, http, NOW).ok


def test_an_exchange_that_cannot_settle_does_not_hold_up_the_ones_after_it(villages):
    """The first keeps getting a made-up answer in the middle; the two after it settle all the same."""
    shop, here, store, http = villages
    with_points(shop, http, "JF000003", "JF000004")
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    with pytest.raises(Refused):
        cross_village.redeem(here, forwarded_then(http, 400), visitor, toothpaste(here, 1))
    stuck = {cross_sales.open_pending(here.db)[0]["id"]}
    lost_exchange(here, http, card="JF000003"), lost_exchange(here, http, card="JF000004")
    assert cross_village.waiting(here) == 3 and debits(store) == 3
    settled = cross_village.settle_pending(system(here), forwarded_then(http, 400, only=stuck))
    assert (len(settled.sold), settled.refused, settled.waiting) == (2, (), 1)
    assert [row["id"] for row in cross_sales.open_pending(here.db)] == list(stuck)
    assert len(cross_village.settle_pending(system(here), http).sold) == 1
    assert debits(store) == 3 and sales(here) == 3 and cross_village.waiting(here) == 0


def test_offline_the_round_stops_at_the_first_exchange(villages):
    """The township not reached: the others would wait their own time-out for nothing."""
    shop, here, store, http = villages
    with_points(shop, http, "JF000003")
    publish_rate(store)
    lost_exchange(here, http), lost_exchange(here, http, card="JF000003")
    tries = []

    def dead_line(request: httpx.Request) -> httpx.Response:
        tries.append(request.url.path)
        raise httpx.ConnectError("no route to host", request=request)
    settled = cross_village.settle_pending(system(here), httpx.Client(transport=httpx.MockTransport(dead_line)))
    assert settled == cross_pending.Settled(waiting=2) and tries == ["/v1/cross/redeem"]
    assert cross_village.settle_pending(system(here), offline()).waiting == 2


def _card_changed_on_the_way(villages):
    """JF000001 visiting, and a middle that sends the township each exchange for JF000004 instead."""
    shop, here, store, http = villages
    give(shop, "JF000004", 4)
    assert client.sync_once(shop.db, http, NOW).ok
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    return visitor, insider.rewriting(http, "/v1/cross/redeem", state.load(here.db).secret,
                                      lambda asked: asked.update(card="JF000004"))


def test_an_exchange_the_township_took_for_another_card_is_closed_and_the_clerk_called_once(villages):
    """A middle sent the township this exchange for another resident's card: the township holds its id
    for that card. Asked again for this one it says so, signed: the exchange ends (this visitor was
    never debited under it, nor can be), it is never recorded as the other card's, and the words say
    to call the township's clerk, once; the exchange after it settles."""
    shop, here, store, http = villages
    visitor, middle = _card_changed_on_the_way(villages)
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, middle, visitor, toothpaste(here, 1))
    assert refused.value.code == "cross_unsigned_waiting"
    held = refused.value.params["receipt"]
    with_points(shop, http, "JF000003")
    after = lost_exchange(here, http, card="JF000003")
    settled = cross_village.settle_pending(system(here), http)
    assert [sale.receipt for sale in settled.sold] == [after] and [e.receipt for e in settled.held_for_another] == [held]
    assert (settled.refused, settled.waiting) == ((), 0)
    words = cross_village.settled_words(settled)
    assert len(words) == 2 and held in words[1] and "乡镇管理员" in words[1] and "不要给" in words[1]
    assert here.db.scalar("SELECT card_code FROM cross_sale") == "JF000003"    # the one after: its own card
    assert tuple(here.db.one("SELECT e.outcome, e.code FROM cross_pending_end e JOIN cross_pending p"
                             " ON p.id = e.pending_id WHERE p.receipt = ?", (held,))) == ("refused", "cross_id_reused")
    assert cross_village.settle_pending(system(here), http) == cross_pending.Settled()   # said once
    audit = here.db.one("SELECT target_id, after FROM audit WHERE action = 'sale.cross_held_for_another'")
    assert held in audit["after"] and "JF000001" in audit["after"]        # for the managers, whoever closed it
    assert debits(store) == 2 and sales(here) == 1


def test_the_volunteer_asking_again_is_told_to_call_the_clerk(villages):
    shop, here, store, http = villages
    visitor, middle = _card_changed_on_the_way(villages)
    with pytest.raises(Refused):
        cross_village.redeem(here, middle, visitor, toothpaste(here, 1))
    waiting_id = cross_sales.open_pending(here.db)[0]["id"]
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, http, visitor, toothpaste(here, 1), approval_id=waiting_id)
    assert refused.value.code == "cross_held_for_another" and "乡镇管理员" in refused.value.message("zh")
    assert sales(here) == 0 and cross_village.waiting(here) == 0
    assert cross_village.settle_pending(system(here), http) == cross_pending.Settled()


def test_a_township_not_yet_signing_still_closes_an_exchange_it_refuses(older_villages, request):  # noqa: F811
    """Its refusals are unsigned, taken as before: the exchange ends on its "no" (here: points short)."""
    _shop, here, store, http = older_villages
    pages_only = request.node.callspec.params["older_villages"] == "signs-pages-only"
    publish_rate(store)
    older = unsigned_answers(http) if pages_only else insider.unsigned(http)
    visitor = cross_village.look_up(here, older, qingshi(here), "JF000001")
    rice, cart = products.resolve(here, "6901234567892"), Cart()
    cart.add(rice.id, rice.name, rice.price, 1)           # 62.50 at home; he has 30.00
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, older, visitor, cart)
    assert refused.value.code == "cross_short"
    assert tuple(here.db.one("SELECT outcome, code FROM cross_pending_end")) == ("refused", "cross_short")
    assert township_key_chained.trusted_answers(here.db.conn)[1] is False


def test_a_township_not_yet_signing_keeps_an_exchange_waiting_on_an_id_said_reused(older_villages, request):  # noqa: F811
    """As before its township signs: a "this id is another exchange's" it cannot tell from a made-up
    one leaves the exchange waiting (nothing ends on it), and the township's own answer settles it."""
    _shop, here, store, http = older_villages
    pages_only = request.node.callspec.params["older_villages"] == "signs-pages-only"
    publish_rate(store)
    older = unsigned_answers(http) if pages_only else insider.unsigned(http)
    visitor = cross_village.look_up(here, older, qingshi(here), "JF000001")
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, cut_after_commit(older, {"left": 1}), visitor, toothpaste(here))
    assert refused.value.code == "cross_unconfirmed"

    def id_reused(request: httpx.Request) -> httpx.Response:
        return httpx.Response(409, json={"error": "cross_id_reused", "id": json.loads(request.content)["id"]})
    settled = cross_village.settle_pending(system(here), insider.server(http, "/v1/cross/redeem", id_reused))
    assert settled == cross_pending.Settled(waiting=1)
    assert len(cross_village.settle_pending(system(here), older).sold) == 1 and debits(store) == 1



def test_a_signed_no_kept_in_the_middle_cannot_be_shown_after_the_same_exchange_went_through(villages):
    """Attack: the visitor pays for nothing. In the middle, the exchange is sent on while the township
    says no (too many look-ups from this terminal this minute), its signed "no" kept and the line cut;
    once the minute is over the same exchange is sent on again, and the kept "no" shown to the counter,
    which closes the exchange on the township's word. The township answers a refused id the same for
    ever (kiosk/township/cross.py cross_refused): the second time it takes nothing either."""
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    for _ in range(11):      # 12 a minute (kiosk/township/tables/card_lookups.py)
        cross_village.look_up(here, http, qingshi(here), "JF000001")
    kept: dict = {}

    def cut_and_keep(request: httpx.Request) -> httpx.Response:
        kept["request"], kept["no"] = request, insider.relayed(insider.forward(http, request))
        raise httpx.ReadError("connection reset", request=request)
    with pytest.raises(Refused) as first:
        cross_village.redeem(here, insider.server(http, "/v1/cross/redeem", cut_and_keep), visitor, toothpaste(here))
    assert first.value.code == "cross_unconfirmed" and kept["no"].status_code == 429
    store.clock = lambda: NOW.timestamp() + 120                        # the minute is over
    again = insider.forward(http, kept["request"], secret=state.load(here.db).secret)
    assert again.status_code == 429 and debits(store) == 0               # refused again: nothing taken
    waiting_id = cross_sales.open_pending(here.db)[0]["id"]
    with pytest.raises(Refused) as shown:
        cross_village.redeem(here, insider.server(http, "/v1/cross/redeem", lambda request: kept["no"]),
                             visitor, toothpaste(here), approval_id=waiting_id)
    assert shown.value.code == "cross_too_many"
    assert debits(store) == 0 and sales(here) == 0 and cross_village.waiting(here) == 0
    fresh = cross_village.redeem(here, http, visitor, toothpaste(here))    # a new exchange goes through
    assert fresh.home_total.hundredths == 1250 and debits(store) == 1 and sales(here) == 1


def test_an_exchange_asked_again_with_the_look_up_limit_full_gets_its_approval(villages):
    """The answer stored for an exchange comes before the limit, in the one transaction that would
    count the look-up (under the township's writer lock): a "too many" in its place would close an
    exchange whose points were taken."""
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    for _ in range(10):
        cross_village.look_up(here, http, qingshi(here), "JF000001")
    cut = {"left": 1}
    with pytest.raises(Refused):                                  # the 12th ask of the minute: taken, answer lost
        cross_village.redeem(here, cut_after_commit(http, cut), visitor, toothpaste(here))
    assert debits(store) == 1
    waiting_id = cross_sales.open_pending(here.db)[0]["id"]
    sale = cross_village.redeem(here, http, visitor, toothpaste(here), approval_id=waiting_id)
    assert sale.home_total.hundredths == 1250 and debits(store) == 1 and sales(here) == 1
