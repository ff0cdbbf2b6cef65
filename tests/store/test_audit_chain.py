"""Invariant 9: every mutation leaves a hash-chained audit row; `check` sees tampering."""

from __future__ import annotations

import pytest

from kiosk.services.audit.check import run_check
from kiosk.store import audit
from kiosk.store.migrations import open_database
from kiosk.services.audit.check_words import traced
from tests.conftest import fingerprint, give


def _audit_columns() -> list[str]:
    db = open_database(":memory:", create=True)
    try:
        return [row["name"] for row in db.all("PRAGMA table_info(audit)")]
    finally:
        db.close()


AUDIT_COLUMNS = _audit_columns()   # a column added later is held to the hash too


@pytest.fixture
def audited(shop):
    give(shop, "JF000001", 3)
    assert shop.db.scalar("SELECT COUNT(*) FROM audit") >= 5
    return shop


def audit_problems(report) -> list[str]:
    return [p for p in report.problems if "audit" in traced(p)]


def unlock(db) -> None:
    db.execute("DROP TRIGGER audit_no_update")
    db.execute("DROP TRIGGER audit_no_delete")


def middle_seq(db) -> int:
    return db.scalar("SELECT MAX(seq) FROM audit") // 2 + 1


def test_an_intact_chain_passes(audited):
    assert audit.verify_chain(audited.db.conn) is None
    report = run_check(audited.db)
    assert report.ok, report.problems


def test_every_mutation_adds_one_linked_row(audited):
    before = audited.db.scalar("SELECT MAX(seq) FROM audit")
    give(audited, "JF000004")
    rows = audited.db.all("SELECT seq, prev_hash, hash FROM audit ORDER BY seq")
    assert rows[-1]["seq"] == before + 1
    assert rows[0]["prev_hash"] == audit.GENESIS
    for earlier, later in zip(rows, rows[1:]):
        assert later["prev_hash"] == earlier["hash"]
        assert later["seq"] == earlier["seq"] + 1


def test_check_detects_a_changed_after_text(audited):
    db = audited.db
    unlock(db)
    seq = middle_seq(db)
    db.execute("UPDATE audit SET after = ? WHERE seq = ?", ('{"points":"500"}', seq))
    broken = audit.verify_chain(db.conn)
    assert broken is not None and broken.seq == seq and broken.problem == "changed"
    assert audit_problems(run_check(db))


@pytest.mark.parametrize("column", ["operator_name", "at", "action", "before", "target_id"])
def test_check_detects_a_change_to_any_recorded_field(audited, column):
    db = audited.db
    unlock(db)
    db.execute(f"UPDATE audit SET {column} = {column} || 'x' WHERE seq = 2")
    assert audit_problems(run_check(db))


@pytest.mark.parametrize("column", AUDIT_COLUMNS)
def test_the_audit_hash_covers_every_column(audited, column):
    """Each column changed alone, behind the program's back: verification names that very row."""
    db = audited.db
    unlock(db)
    seq = db.scalar("SELECT MAX(seq) FROM audit WHERE operator_id IS NOT NULL AND seq > 1 AND before != ''"
                    " AND target_type != '' AND seq < (SELECT MAX(seq) FROM audit)")
    changed = "seq + 1000" if column == "seq" else f"'x' || {column}"
    db.execute(f"UPDATE audit SET {column} = {changed} WHERE seq = ?", (seq,))
    broken = audit.verify_chain(db.conn)
    assert broken is not None and broken.seq == seq, column


def test_check_detects_a_deleted_middle_row(audited):
    db = audited.db
    unlock(db)
    seq = middle_seq(db)
    db.execute("DELETE FROM audit WHERE seq = ?", (seq,))
    broken = audit.verify_chain(db.conn)
    assert broken is not None and broken.seq == seq
    assert audit_problems(run_check(db))


def test_check_detects_a_deleted_middle_row_even_with_seqs_renumbered(audited):
    db = audited.db
    unlock(db)
    seq = middle_seq(db)
    db.execute("DELETE FROM audit WHERE seq = ?", (seq,))
    db.execute("UPDATE audit SET seq = seq - 1 WHERE seq > ?", (seq,))
    assert audit_problems(run_check(db))


def test_check_detects_a_deleted_last_row(audited):
    db = audited.db
    unlock(db)
    db.execute("DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)")
    assert audit.verify_chain(db.conn) is not None
    assert audit_problems(run_check(db))


def test_check_detects_every_audit_row_deleted(audited):
    db = audited.db
    unlock(db)
    db.execute("DELETE FROM audit")
    assert audit_problems(run_check(db))


def test_check_detects_a_row_rehashed_without_relinking_the_next(audited):
    db = audited.db
    unlock(db)
    row = db.one("SELECT * FROM audit WHERE seq = 2")
    forged_after = '{"forged":true}'
    digest = audit.row_hash(row["prev_hash"], row["seq"], row["at"], row["operator_id"],
                            row["operator_name"], row["action"], row["target_type"],
                            row["target_id"], row["before"], forged_after)
    db.execute("UPDATE audit SET after = ?, hash = ? WHERE seq = 2", (forged_after, digest))
    broken = audit.verify_chain(db.conn)
    assert broken is not None and broken.seq == 3 and broken.problem == "relinked"


def test_reading_the_audit_changes_nothing(audited):
    before = fingerprint(audited.db)
    run_check(audited.db)
    assert fingerprint(audited.db) == before
