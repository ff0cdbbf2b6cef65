"""积分互认 approvals are the township's signed word for the very request (kiosk/core/township_asked.py).

An insider with the shop's database file holds the terminal's secret. With it alone they can
run a server on the township's address, or sit in the middle, but cannot make the counter hand
out goods the township never approved (points minted), nor pass an approval the township
signed for another card off as this one's. A township not yet signing is still served.

The villages of tests/sync/test_cross.py: 王小明 (JF000001) of 青石村, 30.00 points, redeems at
桃源村's counter; the township is the real app, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core import township_asked, township_word
from kiosk.core.errors import Refused
from kiosk.services.shop import products
from kiosk.services.sync import cross_village
from kiosk.store import certificates as certificates_store
from kiosk.store import cross_sales, township_key_chained
from kiosk.sync import client, enrolment, state
from tests.conftest import fingerprint, give
from tests.sync import insider
from tests.sync.test_cross_pending import debits, lost, system  # noqa: F401  (lost: a fixture)
from tests.sync.test_cross import (  # noqa: F401  (fixtures)
    NOW,
    PENDING,
    URL,
    publish_rate,
    qingshi,
    toothpaste,
    township,
    villages,
    visiting_counter,
)

TOOTHPASTE = "6920000000012"


def township_books(store) -> tuple:
    """What the real township holds: records, debits kept, and every account's balance."""
    return (store.one("SELECT COUNT(*) AS n FROM record")["n"], store.one("SELECT COUNT(*) AS n FROM cross_redeem")["n"],
            [tuple(row) for row in store.all("SELECT account_id, hundredths FROM account_balance ORDER BY account_id")])


def made_up_approval(signature: str | None):
    """The insider's own server answering the redemption: "approved", 1,000 points at home."""
    def answer(request: httpx.Request) -> httpx.Response:
        asked = json.loads(request.content)
        body = {"approved": True, "id": asked["id"], "amount": asked["amount"], "home_amount": asked["amount"],
                "balance_home": 100000, "entry_record": asked["id"], "name": "王*明", "card": asked["card"],
                "home_village": "青石村", "home_village_id": asked["home_village"], "home_currency": "美德积分",
                "currency": "桃源分", "rate": "1", "balance_here": 100000, "at": "2026-11-03 10:30:00"}
        content = json.dumps(body, ensure_ascii=False).encode()
        headers = {"content-type": "application/json"}
        if signature == "own-key":     # a key of the insider's own: looks like the township's, is not
            digest = township_asked.sha256_of(insider.asked(request), content)
            headers[township_word.HEADER] = township_word.sign(
                Ed25519PrivateKey.generate(), township_word.CROSS_REDEEM, request.headers["x-kiosk-terminal"], digest)
        return httpx.Response(200, content=content, headers=headers)
    return answer


@pytest.mark.parametrize("signature", [None, "own-key"])
def test_an_approval_the_township_never_gave_is_refused_and_nothing_is_written(villages, signature):
    """Attack: points minted. A fake township (holding the secret) approves an exchange the township
    never saw; the counter would hand out goods with no points taken anywhere."""
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    counter_before, township_before = fingerprint(here.db, skip=PENDING), township_books(store)
    fake = insider.server(http, "/v1/cross/redeem", made_up_approval(signature))
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, fake, visitor, toothpaste(here))
    assert refused.value.code == "cross_unsigned_waiting"
    words = refused.value.message("zh")
    assert "没有乡镇的签章" in words and "请不要给商品" in words and "不会重复扣分" in words
    assert fingerprint(here.db, skip=PENDING) == counter_before      # no sale, no entry, no stock move
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0
    assert cross_village.waiting(here) == 1                           # written down, waiting for the township
    assert township_books(store) == township_before
    # the volunteer confirms again once the line is the township's: its own approval, once
    stock, waiting_id = products.resolve(here, TOOTHPASTE).stock, cross_sales.open_pending(here.db)[0]["id"]
    sale = cross_village.redeem(here, http, visitor, toothpaste(here), approval_id=waiting_id)
    assert sale.home_total.hundredths == 1250 and products.resolve(here, TOOTHPASTE).stock == stock - 2
    assert store.one("SELECT COUNT(*) AS n FROM cross_redeem")["n"] == 1 and cross_village.waiting(here) == 0


def test_a_genuine_approval_stripped_of_its_signature_is_not_taken_twice(villages):
    """Found by review: in the middle, the insider passes the exchange to the township, which takes
    the points and signs its approval, then strips the signature. Closed as refused, a new try would
    have taken the points a second time; it waits instead, and the try again settles it once."""
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")

    def stripped(request: httpx.Request) -> httpx.Response:
        real = insider.relayed(insider.forward(http, request))
        headers = {k: v for k, v in real.headers.items() if k.lower() != township_word.HEADER.lower()}
        return httpx.Response(real.status_code, content=real.content, headers=headers)
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, insider.server(http, "/v1/cross/redeem", stripped), visitor, toothpaste(here))
    assert refused.value.code == "cross_unsigned_waiting" and debits(store) == 1
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0 and cross_village.waiting(here) == 1
    waiting_id = cross_sales.open_pending(here.db)[0]["id"]
    with pytest.raises(Refused) as again:       # pressed again, the same middle: the same words, not "press again"
        cross_village.redeem(here, insider.server(http, "/v1/cross/redeem", stripped), visitor, toothpaste(here),
                             approval_id=waiting_id)
    assert again.value.code == "cross_unsigned_waiting" and debits(store) == 1 and cross_village.waiting(here) == 1
    sale = cross_village.redeem(here, http, visitor, toothpaste(here), approval_id=waiting_id)
    assert sale.home_total.hundredths == 1250 and debits(store) == 1
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1 and cross_village.waiting(here) == 0


def test_an_approval_signed_for_another_card_is_refused(villages):
    """Attack: goods for one, paid by another. In the middle, the insider sends the township the
    same exchange for another resident's card (signed again with the secret); the township debits
    that resident and signs its approval, genuinely, for the request it received."""
    shop, here, store, http = villages
    give(shop, "JF000004", 4)
    assert client.sync_once(shop.db, http, NOW).ok
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    before = fingerprint(here.db, skip=PENDING)
    middle = insider.rewriting(http, "/v1/cross/redeem", state.load(here.db).secret,
                               lambda asked: asked.update(card="JF000004"))
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, middle, visitor, toothpaste(here))
    assert refused.value.code == "cross_unsigned_waiting"
    assert store.one("SELECT card FROM cross_redeem")["card"] == "JF000004"    # the township did approve that one
    assert fingerprint(here.db, skip=PENDING) == before
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0


def test_the_approval_is_signed_for_the_request_and_terminal_that_asked(villages):
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    seen = {}

    def keep(request: httpx.Request) -> httpx.Response:
        seen["asked"], answer = insider.asked(request), insider.relayed(insider.forward(http, request))
        seen["answer"], seen["signature"] = answer.content, answer.headers[township_word.HEADER]
        return answer
    cross_village.redeem(here, insider.server(http, "/v1/cross/redeem", keep), visitor, toothpaste(here))
    key, terminal = township_key_chained.trusted(here.db.conn)[0], state.load(here.db).terminal_id
    digest = township_asked.sha256_of(seen["asked"], seen["answer"])
    assert township_word.genuine(key, township_word.CROSS_REDEEM, terminal, digest, seen["signature"])
    other_card = seen["asked"].replace(b"JF000001", b"JF000004")
    assert not township_word.genuine(key, township_word.CROSS_REDEEM, terminal,
                                     township_asked.sha256_of(other_card, seen["answer"]), seen["signature"])
    assert not township_word.genuine(key, township_word.CROSS_REDEEM, "another-terminal", digest, seen["signature"])
    assert not township_word.genuine(key, township_word.REIDENTIFY, terminal, digest, seen["signature"])


def unsigned_answers(http) -> httpx.Client:
    """A township of the version before this one: it signs its pull pages and replies, not its answers."""
    def handle(request: httpx.Request) -> httpx.Response:
        answer = insider.relayed(insider.forward(http, request))
        if request.url.path.startswith("/v1/pull"):
            return answer
        headers = {k: v for k, v in answer.headers.items() if k.lower() != township_word.HEADER.lower()}
        return httpx.Response(answer.status_code, content=answer.content, headers=headers)
    return httpx.Client(transport=httpx.MockTransport(handle))


@pytest.fixture(params=["signs-nothing", "signs-pages-only"])
def older_villages(request, shop, township, tmp_path, monkeypatch):  # noqa: F811
    """The villages of `villages`, enrolled while their township did not sign yet (or signed its
    pages but not yet its answers: the township of the version before this one)."""
    store, http = township
    if request.param == "signs-nothing":
        monkeypatch.setattr(certificates_store, "note_signing", lambda conn, at: None)
    monkeypatch.setattr(certificates_store, "note_signing_answers", lambda conn, at: None)
    shop.clock.set(NOW)
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    give(shop, "JF000001", 6)
    assert client.sync_once(shop.db, http, NOW).ok
    here = visiting_counter(shop, tmp_path, store, http)
    monkeypatch.undo()
    yield shop, here, store, http
    here.db.close()


def test_a_township_not_yet_signing_still_approves(older_villages, request):
    _shop, here, store, http = older_villages
    pages_only = request.node.callspec.params["older_villages"] == "signs-pages-only"
    assert township_key_chained.trusted(here.db.conn)[1] is pages_only
    assert township_key_chained.trusted_answers(here.db.conn)[1] is False
    publish_rate(store)
    older = unsigned_answers(http) if pages_only else insider.unsigned(http)
    with pytest.raises(Refused) as unknown:                 # its "no", unsigned, taken as it was
        cross_village.look_up(here, older, qingshi(here), "JF999999")
    assert unknown.value.code == "cross_card_unknown"
    visitor = cross_village.look_up(here, older, qingshi(here), "JF000001")
    sale = cross_village.redeem(here, older, visitor, toothpaste(here))
    assert sale.home_total.hundredths == 1250
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1


def test_a_signed_cross_answer_teaches_the_counter_that_its_township_signs_answers(older_villages):
    """A counter of a township upgraded since (here: the real one, signing) learns it from the first
    signed 积分互认 answer, not only at its next push: an unsigned approval after it is not taken."""
    _shop, here, store, http = older_villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")     # signed: learnt
    assert township_key_chained.trusted_answers(here.db.conn)[1] is True
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, insider.server(http, "/v1/cross/redeem", made_up_approval(None)), visitor,
                             toothpaste(here))
    assert refused.value.code == "cross_unsigned_waiting"
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0


def made_up_found(request: httpx.Request) -> httpx.Response:
    """The insider's server saying what the township found: a village list of its own, a rich visitor."""
    if request.url.path == "/v1/cross/villages":
        return httpx.Response(200, json={"villages": [{"id": "insider-village", "name": "青石村", "currency": "美德积分"}]})
    return httpx.Response(200, json={"name": "王*明", "card": "JF000001", "home_village": "青石村", "home_currency": "美德积分",
                                     "currency": "桃源分", "rate": "1", "balance_home": 100000, "balance_here": 100000,
                                     "home_village_id": "insider-village"})


@pytest.mark.parametrize("path", ["/v1/cross/villages", "/v1/cross/resident"])
def test_what_the_township_found_is_taken_only_as_its_signed_word(villages, path):
    """Attack: a village list of the insider's making, kept for the 外村村民 list (a card then asked
    for in another village), or a visitor with 1,000 points; the counter keeps and shows neither."""
    _shop, here, store, http = villages
    publish_rate(store)
    before = fingerprint(here.db)
    fake = insider.server(http, path, made_up_found)
    with pytest.raises(Refused) as refused:
        if path == "/v1/cross/villages":
            cross_village.learn_villages(here, fake)
        else:
            cross_village.look_up(here, fake, qingshi(here), "JF000001")
    assert refused.value.code == "cross_not_township"
    assert fingerprint(here.db) == before
    assert cross_village.look_up(here, http, qingshi(here), "JF000001").balance_home == 3000


def test_a_visitor_found_for_another_card_is_refused(villages):
    """In the middle, the look-up sent on for another card (signed again with the secret): the
    township's genuine answer about that card is not its word about the card asked for."""
    shop, here, store, http = villages
    publish_rate(store)
    secret = state.load(here.db).secret

    def other_card(request: httpx.Request) -> httpx.Response:
        path = request.url.raw_path.decode().replace("JF000001", "JF000004")
        return insider.relayed(insider.forward(http, request, secret=secret, path=path))
    with pytest.raises(Refused) as refused:
        cross_village.look_up(here, insider.server(http, "/v1/cross/resident", other_card), qingshi(here), "JF000001")
    assert refused.value.code == "cross_not_township"


def made_up_refusal(request: httpx.Request) -> httpx.Response:
    return httpx.Response(409, json={"error": "cross_short", "message": "积分不够", "balance": "0.00", "needed": "12.50",
                                     "home": "青石村"})


@pytest.mark.parametrize("answer", ["refusal", "approval"])
def test_a_made_up_answer_does_not_settle_an_exchange_the_township_took(lost, answer):  # noqa: F811
    """Attack: points taken with no sale. The township took 12.50 for 王小明's exchange but its answer
    was lost; asked again, the insider's server says "no" (the counter would close the exchange and
    the home village pay for nothing) or "approved" with its own figures. It stays waiting until the
    township's own answer settles it, once."""
    _shop, here, store, http = lost
    fake = insider.server(http, "/v1/cross/redeem", made_up_refusal if answer == "refusal" else made_up_approval(None))
    settled = cross_village.settle_pending(system(here), fake)
    assert (settled.sold, settled.refused, settled.waiting) == ((), (), 1)
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0
    settled = cross_village.settle_pending(system(here), http)
    assert len(settled.sold) == 1 and settled.sold[0].home_total.hundredths == 1250 and debits(store) == 1
