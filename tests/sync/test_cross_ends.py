"""How an exchange ends when nothing, or something, may have reached the township (kiosk/services/sync/cross_pending.py).

"Never sent" (nothing taken) is said only when no request with the exchange's id can reach the
township afterwards: not while another asking of it (the counter's background round, its own
connection to the books) is on its way, and not for an exchange that failed here before it was
written down (then there is nothing to end, nothing waits, and no later round takes the points
of a visitor who left). And a township's yes to an exchange ended here is never called its no.

The villages of tests/sync/test_cross.py: 王小明 (JF000001) of 青石村 at 桃源村's counter; the
township is the real app, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading

import httpx
import pytest

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.services.setup import create as setup
from kiosk.services.sync import cross_notes, cross_pending, cross_village
from kiosk.store import cross_sales
from kiosk.sync import client, state
from tests.sync.test_cross import NOW, home_balance, publish_rate, qingshi, toothpaste, township, villages  # noqa: F401
from tests.sync.test_cross_pending import debits, system
from tests.sync.test_cross_refusals_signed import lost_exchange, with_points

WAIT_S = 30    # a safety net for a broken test, never a timing assertion


def forwarded(http: httpx.Client, before_redeem=lambda request: None) -> httpx.Client:
    """Every request delivered to the township; `before_redeem` runs as a redeem request leaves."""
    def send(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/cross/redeem":
            before_redeem(request)
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)
    return httpx.Client(transport=httpx.MockTransport(send))


class FirstAsking:
    """确认兑换 pressed on the counter's own thread: its exchange is written down and its request is on
    its way; it fails to connect when `cannot_connect` is called (as a connect time-out would)."""

    def __init__(self, here, visitor, cart) -> None:
        self.on_its_way, self.fail, self.done = threading.Event(), threading.Event(), threading.Event()
        self.outcome: object = None
        self.thread = threading.Thread(target=self._press, args=(here, visitor, cart), daemon=True)

    def _send(self, request: httpx.Request) -> httpx.Response:
        self.on_its_way.set()
        assert self.fail.wait(WAIT_S)
        raise httpx.ConnectTimeout("timed out", request=request)

    def _press(self, here, visitor, cart) -> None:
        try:
            self.outcome = cross_village.redeem(here, httpx.Client(transport=httpx.MockTransport(self._send)),
                                                visitor, cart)
        except Refused as refused:
            self.outcome = refused
        finally:
            self.done.set()

    def start(self) -> None:
        self.thread.start()
        assert self.on_its_way.wait(WAIT_S)

    def cannot_connect(self) -> None:
        self.fail.set()
        self.thread.join(WAIT_S)
        assert self.done.is_set()


def the_background_round(here, http: httpx.Client):
    """The sync job's round: its own connection to the books, as kiosk/ui/sync_job.py opens it."""
    books = setup.open_shop(here.db.path)
    try:
        return cross_village.settle_after_sync(books, http, here.clock)
    finally:
        books.close()


def test_asked_by_the_background_while_the_first_asking_fails_to_connect_it_waits_and_is_sold_once(villages):
    """Found by review: the counter's press cannot connect while the background round's ask of the same
    exchange is on its way. The press ended it "never sent"; the round's ask went through and the
    township took the points; the counter then refused to record them and said "乡镇没有同意…他的分
    没有扣". Now the round's asking is kept before its request leaves, so the press cannot call it
    never sent: it waits, and the round's approval is the sale, one debit."""
    _shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    press = FirstAsking(here, visitor, toothpaste(here))
    press.start()
    settled = the_background_round(here, forwarded(http, before_redeem=lambda _request: press.cannot_connect()))
    assert isinstance(press.outcome, Refused) and press.outcome.code in cross_village.WAITING, press.outcome
    assert "不重复扣分" in press.outcome.message("zh"), "the volunteer is told to wait, not that nothing was taken"
    assert [sale.receipt for sale in settled.sold] == [here.db.scalar("SELECT receipt FROM cross_pending")]
    assert (settled.refused, settled.taken_not_sold, settled.waiting) == ((), (), 0)
    assert [note.outcome for note in cross_notes.notes(settled)] == [cross_notes.SOLD]
    assert debits(store) == 1 and here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1
    assert here.db.scalar("SELECT outcome FROM cross_pending_end") == "sold"
    again = cross_village.redeem(here, http, visitor, toothpaste(here, 1), approval_id=settled.sold[0].id)
    assert again == settled.sold[0] and debits(store) == 1, "pressed again: that sale, not a second debit"


def test_the_first_asking_never_sent_is_not_asked_by_a_round_that_listed_it_before(villages):
    """The other order: the background round listed the exchange as open, then the press failed to connect
    and ended it never sent (the volunteer told nothing was taken, the visitor may go or try again);
    the round must not send it after that: the township would take points the counter said it did not."""
    shop, here, store, http = villages
    with_points(shop, http, "JF000003")
    publish_rate(store)
    older = lost_exchange(here, http, card="JF000003")        # asked first by the round: its turn is the hook
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    press = FirstAsking(here, visitor, toothpaste(here))
    press.start()
    taken = debits(store)
    settled = the_background_round(here, forwarded(http, before_redeem=lambda _request: press.cannot_connect()))
    assert isinstance(press.outcome, Refused) and press.outcome.code == "cross_offline", press.outcome
    assert [sale.receipt for sale in settled.sold] == [older]
    assert (settled.refused, settled.taken_not_sold, settled.waiting) == ((), (), 0), "no word of the township's no"
    assert debits(store) == taken, "the exchange the counter called never sent was never sent"
    assert here.db.scalar("SELECT outcome FROM cross_pending_end WHERE pending_id NOT IN"
                          " (SELECT id FROM cross_sale)") == "not_sent"
    assert client.sync_once(shop.db, http, NOW).ok and home_balance(shop) == 3000


def test_the_books_failing_before_an_exchange_is_written_down_leave_nothing_to_take_later(villages, monkeypatch):
    """Found by review: a books read failing as the counter set out to ask (before any byte left) left the
    exchange waiting; the visitor gone, a later round made the first debit and recorded a sale whose
    goods were never given. What asking needs is now read before the exchange is written down: nothing
    written, nothing sent, and the volunteer told to press again."""
    shop, here, store, http = villages
    publish_rate(store)
    visitor = cross_village.look_up(here, http, qingshi(here), "JF000001")
    read = state.load

    def books_fail_once(db):
        monkeypatch.setattr(state, "load", read)
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(state, "load", books_fail_once)
    approval_id = new_id()      # what the counter keeps for the next press
    with pytest.raises(Refused) as refused:
        cross_village.redeem(here, forwarded(http), visitor, toothpaste(here), approval_id)
    assert state.load is read, "the failing read was made"
    assert refused.value.code == cross_pending.BOOKS_NOT_SENT and refused.value.code not in cross_village.WAITING
    words = refused.value.message("zh")
    assert "没有发给乡镇" in words and "他的分没有扣" in words and "再点确认兑换" in words
    assert cross_village.waiting(here) == 0 and cross_sales.open_pending(here.db) == []
    assert the_background_round(here, http) == cross_pending.Settled(), "the visitor left: nothing asked later"
    assert debits(store) == 0 and here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0
    sale = cross_village.redeem(here, forwarded(http), visitor, toothpaste(here), approval_id)   # pressed again
    assert debits(store) == 1 and sale.id == approval_id
    assert client.sync_once(shop.db, http, NOW).ok and home_balance(shop) == 3000 - 1250


def _ended_while_its_yes_is_on_the_way(villages):
    """An exchange whose answer was lost, and a line to the township that ends it here (never sent)
    as the next ask of it leaves: (counter, township, receipt, the exchange, that line)."""
    _shop, here, store, http = villages
    publish_rate(store)
    receipt = lost_exchange(here, http, qty=2)
    pending = cross_sales.open_pending(here.db)[0]

    def ended_meanwhile(_request):
        with here.db.write() as conn:
            cross_sales.end_pending(conn, pending["id"], "not_sent", "cross_offline", "2026-11-03 10:31:00")
    return here, store, receipt, pending, forwarded(http, before_redeem=ended_meanwhile)


def test_the_townships_yes_to_an_exchange_ended_here_is_never_said_as_its_no(villages):
    """Should an exchange end here with no sale while its approval is on the way (a counter from before
    this fix, the township or a middle answering one id two ways), the points are taken: the note says
    so, with the clerk to give them back, and no sale is recorded (the visitor was told nothing was
    taken; the goods stayed). Before, it read "乡镇没有同意…他的分没有扣"."""
    here, store, receipt, pending, ending = _ended_while_its_yes_is_on_the_way(villages)
    settled = cross_village.settle_pending(system(here), ending)
    assert (settled.sold, settled.refused) == ((), ())
    assert [ended.receipt for ended in settled.taken_not_sold] == [receipt] and debits(store) == 1
    words = cross_notes.notes(settled)[0].text
    assert cross_notes.notes(settled)[0].outcome == cross_notes.TAKEN
    assert "扣了他青石村 12.5 分" in words and "把这 12.5 分退给这位村民" in words and f"小票号 {receipt}" in words
    assert "没有同意" not in words and "分没有扣" not in words
    assert here.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0
    audit = here.db.one("SELECT target_id FROM audit WHERE action = 'sale.cross_taken_not_sold'")
    assert audit["target_id"] == pending["id"]


def test_a_press_that_meets_the_townships_yes_to_an_ended_exchange_leaves_the_note_too(villages):
    """The same, met by the volunteer pressing 确认兑换 again rather than by a background round: the
    feedback line says it, and the note stays until someone taps 知道了 (the next words would cover it)."""
    here, _store, receipt, pending, ending = _ended_while_its_yes_is_on_the_way(villages)
    with pytest.raises(Refused) as pressed:
        cross_pending.ask(here, ending, pending)
    assert pressed.value.code == cross_pending.TAKEN_NOT_SOLD
    kept = [note for note in cross_notes.kept(here) if note.outcome == cross_notes.TAKEN]
    assert len(kept) == 1 and f"小票号 {receipt}" in kept[0].text


def test_a_round_that_finds_this_pc_no_longer_enrolled_stops_and_calls_nothing_refused(villages, monkeypatch):
    """Asked again by a round while the books say this PC is not enrolled (the township not reached):
    the exchange, whose points the township took, waits; nothing is said as the township's no."""
    _shop, here, store, http = villages
    publish_rate(store)
    receipt = lost_exchange(here, http)
    read = state.load
    monkeypatch.setattr(state, "load", lambda db: dataclasses.replace(read(db), secret=None))
    settled = cross_pending.settle_pending(system(here), http)
    assert (settled.sold, settled.refused, settled.taken_not_sold) == ((), (), ())
    assert [p["receipt"] for p in cross_sales.open_pending(here.db)] == [receipt]
    assert not any("没有同意" in note.text for note in cross_notes.notes(settled))
