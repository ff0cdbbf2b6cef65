"""What a round settled of 外村兑换 outlives the counter window, and reaches it from `kiosk sync now` (pytest-qt).

The volunteer told 陈美玲 (青石村, JF200007) "we'll know later". A round records her sale; the note
above the cart must not die with the window: closed and opened again on the same books, the note is
there (its slip prints), until someone taps 知道了, then never again. A round `kiosk sync now` ran in
another program, on its own connection, shows in the open window at its next look (the minute's tick,
or its own next round). The counter and township of tests/sync/test_cross_ui.py.
"""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext

import pytest

from kiosk.cli.sync import township as cli_sync
from kiosk.services.setup import create as setup
from kiosk.services.sync import cross_pending
from kiosk.ui import sync_job
from kiosk.ui.counter.main_window import CounterWindow
from kiosk.ui.counter_session import CounterSession
from kiosk.ui.tasks import ImmediateRunner
from tests.sync.test_cross import NOW, township  # noqa: F401  (fixture)
from tests.sync.test_cross_settled_ui import _relay, _round, waited  # noqa: F401  (waited: a fixture)
from tests.sync.test_cross_ui import _click, home  # noqa: F401  (home: a fixture)
from tests.ui.conftest import log_in


@pytest.fixture
def reopen(qtbot, shop, tmp_path):
    """Another counter window on the same books, as the program started again opens them."""
    opened = []

    def window() -> CounterWindow:
        books = setup.open_shop(shop.db.path)
        session = CounterSession(books, ImmediateRunner(), clock=shop.clock, receipts_dir=tmp_path / "receipts")
        counter = CounterWindow(session, "桃源村积分超市 · 收银台")
        qtbot.addWidget(counter)
        counter.resize(1366, 768)
        counter.show()
        counter.start()
        opened.append((counter, books))
        return counter
    yield window
    for counter, books in opened:
        counter.close()
        books.close()


def test_a_note_outlives_the_window_until_acknowledged_and_its_slip_still_prints(
        qtbot, counter, shop, waited, reopen, tmp_path):
    page, http, receipt = waited
    _round(counter, _relay(http))
    words = page.visitor_mode.notes.texts()
    assert len(words) == 1 and f"小票 {receipt}" in words[0] and "可以给了" in words[0], words
    counter.close()                                    # nobody tapped 知道了: the program closed

    second = reopen()
    log_in(qtbot, second, "刘建军", "2580")
    notes = second.exchange.visitor_mode.notes
    assert notes.isVisible() and notes.texts() == words, "opened again: the note is there"
    (row,) = notes.rows
    slips = tmp_path / "receipts"
    assert not list(slips.rglob(f"{receipt}*.pdf"))
    _click(qtbot, row.print_button)
    assert len(list(slips.rglob(f"{receipt}*.pdf"))) == 1, list(slips.rglob("*"))
    _click(qtbot, row.done)
    assert not notes.isVisible() and notes.rows == []
    seen = shop.db.one("SELECT o.name FROM cross_note n JOIN operator o ON o.id = n.seen_by")
    assert seen["name"] == "刘建军", "who tapped 知道了 is kept with the note"
    second.close()

    third = reopen()
    log_in(qtbot, third, "刘建军", "2580")
    assert not third.exchange.visitor_mode.notes.isVisible() and third.exchange.visitor_mode.notes.rows == []


@pytest.mark.parametrize("look", ["minute", "round"])
def test_a_round_kiosk_sync_now_ran_shows_in_the_open_window_at_its_next_look(
        qtbot, counter, shop, waited, kiosk, monkeypatch, look):
    page, http, receipt = waited
    notes = page.visitor_mode.notes
    job = sync_job.start(counter, runner=ImmediateRunner(), http=lambda: nullcontext(_relay(http)), draw=lambda: 0.5)
    try:
        assert not notes.isVisible()
        monkeypatch.setattr(cli_sync, "_http", lambda: _relay(http))
        monkeypatch.setattr(cli_sync, "_now", lambda: NOW)
        monkeypatch.setattr(cross_pending, "SystemClock", lambda: shop.clock)
        done = kiosk("--db", str(shop.db.path), "sync", "now")
        assert done.code == 0 and f"小票 {receipt}" in done.out, (done.out, done.err)
        assert not notes.isVisible(), "the window has not looked yet"
        if look == "minute":
            job.refresh()                          # the status label's tick, every minute
        else:
            job.sync()                             # its own round: nothing left to settle
            assert job.last.ok, job.last
        assert notes.isVisible() and len(notes.rows) == 1
        words = notes.texts()[0]
        assert f"小票 {receipt}" in words and "陈*玲（青石村）" in words and "可以给了" in words, words
        assert not page.visitor_mode.banner.isVisible(), "nothing waits any more"
    finally:
        job.stop()


def test_a_second_window_that_acknowledged_it_takes_it_off_the_first_at_its_next_look(
        qtbot, counter, shop, waited, reopen):
    page, http, _receipt = waited
    _round(counter, _relay(http))
    other = reopen()
    log_in(qtbot, other, "刘建军", "2580")
    _click(qtbot, other.exchange.visitor_mode.notes.rows[0].done)
    assert page.visitor_mode.notes.isVisible(), "not looked again yet"
    counter.cross_notes_due()
    assert not page.visitor_mode.notes.isVisible() and page.visitor_mode.notes.rows == []


def test_the_books_busy_as_it_is_acknowledged_keep_the_note_shown_and_say_so(qtbot, counter, shop, waited):
    """Another program writing the books as 知道了 is tapped: nothing written, so the row stays (it
    would come back at the next look anyway); the volunteer is told, and taps again."""
    page, http, _receipt = waited
    _round(counter, _relay(http))
    notes = page.visitor_mode.notes
    shop.db.conn.execute("PRAGMA busy_timeout = 0")      # said at once, not after 5 s
    other = sqlite3.connect(shop.db.path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        _click(qtbot, notes.rows[0].done)
        assert notes.isVisible() and len(notes.rows) == 1
        assert "另一个程序" in page.feedback.text(), page.feedback.text()
        other.execute("ROLLBACK")
    finally:
        other.close()
    _click(qtbot, notes.rows[0].done)
    assert not notes.isVisible() and shop.db.scalar("SELECT COUNT(*) FROM cross_note WHERE seen_at IS NULL") == 0
