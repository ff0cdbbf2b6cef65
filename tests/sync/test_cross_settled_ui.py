"""The counter's background sync settles a 外村兑换 that waited, and the counter says so (pytest-qt).

The volunteer told 陈美玲 (青石村, JF200007) "we'll know later" and served the next resident. The
next background round (kiosk/ui/sync_job.py) asks the township again: the exchange page shows the
sale above the cart, by receipt and name, with its slip to print, until someone taps 知道了. The
counter and township of tests/sync/test_cross_ui.py.
"""

from __future__ import annotations

from contextlib import nullcontext

import httpx
import pytest

from kiosk.core.ids import new_id
from kiosk.services.sync import cross_pending, cross_village
from kiosk.store import cross_notes as note_store
from kiosk.store import cross_sales
from kiosk.ui import sync_job
from kiosk.ui.tasks import ImmediateRunner
from tests.sync.test_cross import township  # noqa: F401  (fixture)
from tests.sync.test_cross_ui import CARD, _ask, _click, home  # noqa: F401  (home: a fixture)
from tests.ui.conftest import log_in


def _relay(http, cut_redeem: bool = False) -> httpx.Client:
    """The line to the township; `cut_redeem`: an exchange's answer lost after the township took it."""
    def send(request: httpx.Request) -> httpx.Response:
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        if cut_redeem and request.url.path == "/v1/cross/redeem":
            raise httpx.ReadError("connection reset", request=request)
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)
    return httpx.Client(transport=httpx.MockTransport(send))


@pytest.fixture
def waited(qtbot, counter, shop, township, home):  # noqa: F811
    """陈美玲's exchange asked, its answer lost; the volunteer moved on to the next resident."""
    _store, http = township
    log_in(qtbot, counter, "刘建军", "2580")
    page = counter.exchange
    page.visitor_mode.http = http
    _click(qtbot, _ask(qtbot, page, CARD).use)
    page.on_scan("6920000000012")
    page.visitor_mode.http = _relay(http, cut_redeem=True)
    _click(qtbot, page.confirm)
    assert "已记下" in page.feedback.text(), page.feedback.text()
    page.reset()
    assert page.visitor_mode.banner.text() == "有 1 笔外村兑换等待乡镇确认"
    return page, http, shop.db.scalar("SELECT receipt FROM cross_pending")


def _round(counter, line) -> None:
    job = sync_job.start(counter, runner=ImmediateRunner(), http=lambda: nullcontext(line), draw=lambda: 0.5)
    try:
        job.sync()
        assert job.last.ok, job.last
    finally:
        job.stop()


def test_a_sale_settled_in_the_background_is_said_until_acknowledged_and_its_slip_prints(
        qtbot, counter, shop, waited, tmp_path):
    page, http, receipt = waited
    notes = page.visitor_mode.notes
    assert not notes.isVisible()
    _round(counter, _relay(http))
    assert shop.db.scalar("SELECT COUNT(*) FROM cross_sale") == 1
    assert notes.isVisible() and len(notes.rows) == 1
    words = notes.texts()[0]
    assert f"小票 {receipt}" in words and "陈*玲（青石村）" in words and "可以给了" in words, words
    assert not page.visitor_mode.banner.isVisible(), "nothing waits any more"
    counter.grab().save(str(tmp_path / "settled.png"))
    counter.lock()                                  # the next volunteer still sees it
    log_in(qtbot, counter, "刘建军", "2580")
    assert notes.isVisible() and notes.texts() == [words]
    row, slips = notes.rows[0], tmp_path / "receipts"
    assert not list(slips.rglob("W*.pdf")), "no slip was printed while the answer was lost"
    _click(qtbot, row.print_button)
    assert len(list(slips.rglob(f"{receipt}*.pdf"))) == 1, list(slips.rglob("*"))
    assert row.print_button.text() == "再打印一张"
    _click(qtbot, row.done)
    assert not notes.isVisible() and notes.rows == []


def test_what_the_round_could_not_settle_stays_waiting_and_says_nothing_new(qtbot, counter, shop, waited):
    page, http, _receipt = waited
    _round(counter, _relay(http, cut_redeem=True))
    assert shop.db.scalar("SELECT COUNT(*) FROM cross_sale") == 0
    assert not page.visitor_mode.notes.isVisible()
    assert page.visitor_mode.banner.isVisible()
    assert page.visitor_mode.banner.text() == "有 1 笔外村兑换等待乡镇确认"


def kept(shop, receipt: str, card: str, hundredths: int, outcome: str, code: str, params: dict[str, str]) -> None:
    """An exchange a round closed, its note kept in the books as the round keeps it (the words: the
    service's, read back by the window)."""
    pending_id, village = new_id(), cross_village.villages(shop)[0].id       # 青石村, as the counter learnt it
    with shop.db.write() as conn:
        cross_sales.insert_pending(conn, id=pending_id, card_code=card, home_village_id=village, amount=hundredths,
                                   receipt=receipt, lines="[]", operator_id=shop.actor.operator_id,
                                   terminal_id="t", created_at="2026-11-03 10:30:00")
        cross_sales.end_pending(conn, pending_id, "refused", code, "2026-11-03 10:35:00")
        note_store.add(conn, new_id(), pending_id, outcome, code, params, "2026-11-03 10:35:00")


def _look(counter) -> None:
    """The window reads the kept notes again, as after a round or at its minute's tick."""
    counter.cross_notes_due()


def test_several_settled_show_one_at_a_time_saying_how_many_follow(qtbot, counter, shop, home):
    """The cart and 确认兑换 keep their room: one note shows, its 知道了 counts the rest."""
    log_in(qtbot, counter, "刘建军", "2580")
    kept(shop, "W261103-01-0002", "JF200031", 5000, "refused", "cross_short",
         {"balance": "30.00", "needed": "62.50", "home": "青石村"})
    kept(shop, "W261103-01-0003", "JF200012", 500, "held", "cross_id_reused", {})
    _look(counter)
    notes = counter.exchange.visitor_mode.notes
    first, second = notes.rows
    assert first.isVisible() and not second.isVisible() and first.done.text() == "知道了（还有 1 条）"
    assert "W261103-01-0002" in first.text.text() and not hasattr(first, "print_button"), "nothing to print"
    _click(qtbot, first.done)
    assert second.isVisible() and second.done.text() == "知道了" and "W261103-01-0003" in second.text.text()
    _look(counter)
    assert notes.rows == [second], "read again: the one acknowledged stays gone, the other stays"
    _click(qtbot, second.done)
    assert not notes.isVisible()


def test_points_taken_for_an_exchange_ended_here_show_as_a_call_to_the_clerk(qtbot, counter, shop, home):
    """The township's yes to an exchange this counter had ended: no sale, nothing to print; the clerk
    gives the points back (kiosk/services/sync/cross_pending.py record)."""
    log_in(qtbot, counter, "刘建军", "2580")
    kept(shop, "W261103-01-0004", "JF000001", 1000, "taken", cross_pending.TAKEN_NOT_SOLD,
         {"receipt": "W261103-01-0004", "home_village": "青石村", "home_total": "12.5"})
    _look(counter)
    notes = counter.exchange.visitor_mode.notes
    (row,) = notes.rows
    assert row.isVisible() and not hasattr(row, "print_button"), "no sale: nothing to print"
    words = row.text.text()
    assert words.startswith("青石村，卡号 JF000001：小票 W261103-01-0004") and "乡镇管理员" in words
    assert "把这 12.5 分退给这位村民" in words and "没有同意" not in words
    _click(qtbot, row.done)
    assert not notes.isVisible()
