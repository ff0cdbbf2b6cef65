"""Paper anchors: a code printed on the 交班/日结 slip proves later that nobody rewrote the
books up to it, even a rewrite so careful that the chain itself was rehashed after it."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.core import chain_code
from kiosk.services import reports
from kiosk.services.reports import shift
from kiosk.services.audit.check import run_check
from kiosk.store import chain
from kiosk.store.migrations import open_database
from tests.conftest import give


@pytest.fixture
def slip(shop, clock):
    """Day one: awards to 张桂兰, then the 交班 slip; day two: more awards. Closed."""
    give(shop, "JF000004", 2)
    printed = shift.summary(shop)
    clock.advance(days=1)
    give(shop, "JF000001", 2)
    shop.db.close()
    return printed


def rewrite_first_award_and_rehash(path) -> None:
    """An insider's careful rewrite: 张桂兰's first award made 500 points, her balance fixed,
    and every chain link from that record on recomputed by the chain's public rule, as the program's own sealing does."""
    conn = sqlite3.connect(path, isolation_level=None)
    entry = conn.execute("SELECT e.id FROM entry e JOIN resident r ON r.id = e.resident_id"
                         " WHERE r.name = '张桂兰' ORDER BY e.at LIMIT 1").fetchone()[0]
    position = conn.execute("SELECT position FROM chain WHERE record_type = 'entry' AND record_id = ?",
                            (entry,)).fetchone()[0]
    make_entry_500_and_reseal(conn, entry, position)


def make_entry_500_and_reseal(conn, entry: str, position: int) -> None:
    """The entry at `position` made 500 points, its balance fixed, every link from it on recomputed."""
    for trigger in ("entry_no_update", "chain_sealed_once"):
        conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("UPDATE entry SET hundredths = 50000 WHERE id = ?", (entry,))
    conn.execute("UPDATE balance SET hundredths = (SELECT COALESCE(SUM(hundredths), 0) FROM entry"
                 " WHERE entry.account_id = balance.account_id)")
    conn.execute("UPDATE chain SET body = NULL, link_hash = NULL WHERE position >= ?", (position,))
    reseal_as_an_insider(conn)


def check(path, *codes: str):
    db = open_database(path)
    try:
        return run_check(db, [chain_code.parse(code) for code in codes])
    finally:
        db.close()


def test_the_slip_prints_the_chain_head_as_a_short_code(slip):
    assert slip.anchor is not None
    assert str(slip.anchor) in slip.anchor_words and "查出账本有没有被改过" in slip.anchor_words
    position, code = str(slip.anchor).split(":")
    assert int(position) == slip.anchor.position and len(code) == 14 and code.count("-") == 2


def test_a_printed_code_holds_while_the_books_are_untouched(slip, db_path):
    report = check(db_path, str(slip.anchor))
    assert report.problems == []
    assert report.notes and "对得上" in report.notes[0]


def test_a_printed_code_finds_a_rewrite_of_an_earlier_day(slip, db_path):
    rewrite_first_award_and_rehash(db_path)
    assert check(db_path).problems == []      # consistent: only something outside the PC can tell
    found = check(db_path, str(slip.anchor)).problems
    assert len(found) == 1 and f"校验码 {slip.anchor} 对不上" in found[0] and "重写过" in found[0]


def test_a_code_printed_before_the_rewritten_record_still_holds(shop, db_path):
    early = shift.summary(shop)           # before any award
    give(shop, "JF000004", 1)
    shop.db.close()
    rewrite_first_award_and_rehash(db_path)
    assert check(db_path, str(early.anchor)).problems == []


def test_books_cut_short_after_the_slip_are_found(slip, db_path):
    beyond = chain_code.Anchor(slip.anchor.position + 10**6, slip.anchor.code)
    assert "被删短过" in check(db_path, str(beyond)).problems[0]


@pytest.mark.parametrize("name", ["daily", "monthly"])
def test_the_daily_and_monthly_reports_print_the_code(shop, name):
    give(shop, "JF000004", 1)
    report = reports.make(shop, name)
    assert any(str(shift.summary(shop).anchor) in note for note in report.notes)


@pytest.mark.parametrize("text", ["7KQ2-M9XD-4HRT", "12:7KQ2-M9XD", "0:7KQ2-M9XD-4HRT", "12:7KQ2-M9XD-4HRU"])
def test_a_mistyped_code_is_not_read(text):
    assert chain_code.parse(text) is None


def test_a_code_reads_back_with_look_alike_letters():
    assert chain_code.parse("12 7kq2 m9xd 4hrt") == chain_code.parse("12:7KQ2-M9XD-4HRT")
    assert chain_code.parse("12:OOOO-IIII-LLLL") == chain_code.Anchor(12, "000011111111")


def reseal_as_an_insider(conn) -> None:
    """The chain's rule is public (kiosk/store/chain.py): an insider seals his rows with it
    himself, so the program never finds them unsealed (and never notes them as written outside)."""
    chain.seal(conn)
    chain.forget(conn)
    conn.close()
