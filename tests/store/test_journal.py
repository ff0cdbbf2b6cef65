"""Invariant 7: the sync journal numbers records 1..N per terminal, with no holes."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.services.audit.check import run_check
from kiosk.store import journal
from kiosk.services.audit.check_words import traced
from tests.conftest import fingerprint, give

INSERT = "INSERT INTO journal (terminal_id, seq, record_type, record_id) VALUES (?, ?, 'entry', ?)"


def max_seq(db, terminal_id: str) -> int:
    return db.scalar("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal_id = ?",
                     (terminal_id,))


def test_every_mutation_numbers_the_terminal_journal_one_to_n(shop):
    give(shop, "JF000001", 3)
    seqs = [r[0] for r in shop.db.all("SELECT seq FROM journal WHERE terminal_id = ? ORDER BY seq",
                                      (shop.terminal.id,))]
    assert seqs == list(range(1, len(seqs) + 1))
    assert len(seqs) >= 3
    assert journal.gaps(shop.db.conn) == []


def test_record_takes_the_next_number(shop):
    terminal = shop.terminal.id
    top = max_seq(shop.db, terminal)
    with shop.db.write() as conn:
        assert journal.record(conn, terminal, "entry", "rec-a") == top + 1
        assert journal.record(conn, terminal, "entry", "rec-b") == top + 2
    assert journal.record(shop.db.conn, "other-terminal", "entry", "rec-c") == 1


@pytest.mark.parametrize("skip", [2, 3, 100])
def test_a_seq_that_skips_a_number_is_refused(shop, skip):
    terminal = shop.terminal.id
    before = fingerprint(shop.db)
    with pytest.raises(sqlite3.IntegrityError):
        shop.db.execute(INSERT, (terminal, max_seq(shop.db, terminal) + skip, "gap"))
    assert fingerprint(shop.db) == before


def test_a_new_terminal_starts_at_one(shop):
    with pytest.raises(sqlite3.IntegrityError):
        shop.db.execute(INSERT, ("new-terminal", 2, "x"))
    with pytest.raises(sqlite3.IntegrityError):
        shop.db.execute(INSERT, ("new-terminal", 0, "x"))
    shop.db.execute(INSERT, ("new-terminal", 1, "x"))
    assert journal.gaps(shop.db.conn) == []


def test_a_repeated_seq_is_refused(shop):
    terminal = shop.terminal.id
    with pytest.raises(sqlite3.IntegrityError):
        shop.db.execute(INSERT, (terminal, max_seq(shop.db, terminal), "again"))


def test_gaps_names_the_terminal_with_a_hole_and_check_reports_it(shop):
    terminal = shop.terminal.id
    shop.db.execute("DROP TRIGGER journal_gap_free")
    shop.db.execute(INSERT, (terminal, max_seq(shop.db, terminal) + 2, "after-a-hole"))
    shop.db.execute(INSERT, ("clean-terminal", 1, "fine"))
    assert journal.gaps(shop.db.conn) == [terminal]
    report = run_check(shop.db)
    assert not report.ok
    assert any(terminal in traced(problem) for problem in report.problems)
