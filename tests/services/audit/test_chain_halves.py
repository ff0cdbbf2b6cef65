"""`kiosk check` recomputes a long chain's links a few blocks at a time on two connections
at once (chain_verify.SharedWalk): a change in either half is found, and a printed code after
a change in the first half is checked from the recomputed links, not from the stored links
between the parts."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from kiosk.core import chain_code
from kiosk.services.reports import shift
from kiosk.services.audit.check import run_check
from kiosk.store import chain, chain_verify
from kiosk.store.migrations import open_database
from tests.conftest import give


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of 4 rows taken 2 at a time: the village's 100 rows make 25 blocks, 13 parts."""
    monkeypatch.setattr(chain, "BLOCK", 4)
    monkeypatch.setattr(chain_verify, "BLOCK", 4)
    monkeypatch.setattr(chain_verify, "PART_BLOCKS", 2)


@pytest.fixture
def books(small_blocks, shop, db_path):
    give(shop, "JF000004", 6)
    printed = shift.summary(shop).anchor
    shop.db.close()
    return db_path, printed


def _check(path, *codes):
    db = open_database(path)
    try:
        return run_check(db, [chain_code.parse(str(code)) for code in codes]).problems
    finally:
        db.close()


EARLY = ("audit_no_update", "UPDATE audit SET operator_name = 'x' WHERE seq = 2", "操作记录第 2 条")
LATE = ("entry_no_update", "UPDATE entry SET note = 'x' WHERE id = (SELECT id FROM entry ORDER BY at DESC LIMIT 1)",
        "积分流水")


def _edit(path, edit) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"DROP TRIGGER {edit[0]}")
    conn.execute(edit[1])
    conn.close()


def _position(path) -> int:
    return int(_check(path)[0].split(" 条")[0].removeprefix("第 "))


def test_clean_halves_pass(books):
    path, printed = books
    assert chain_verify.sealed_length(sqlite3.connect(path)) > 8 * 4
    assert _check(path, printed) == []


@pytest.mark.parametrize("edit", [EARLY, LATE], ids=["first half", "second half"])
def test_a_change_in_either_half_is_found(books, edit):
    path, _ = books
    _edit(path, edit)
    found = _check(path)
    assert len(found) == 1 and edit[2] in found[0]
    half = chain_verify.sealed_length(sqlite3.connect(path)) // 4 // 2 * 4
    assert (_position(path) <= half) == (edit is EARLY)


def test_a_code_in_the_second_half_after_a_change_in_the_first(books):
    path, printed = books
    _edit(path, EARLY)
    found = _check(path, printed)
    assert any(f"校验码 {printed} 对不上" in problem for problem in found)


def test_parts_nobody_took_are_walked_at_the_end(books):
    """A taker that stopped (a crashed thread) leaves parts undone: the result walks them."""
    path, _ = books
    conn = sqlite3.connect(path)
    try:
        alone = chain_verify.walk(conn)
        shared = chain_verify.SharedWalk(conn)
        shared._next()   # one part taken and never walked
        found = shared.result(conn)
    finally:
        conn.close()
    assert len(shared.parts) > 8 and found.first_broken is None and found.end == alone.end


def test_two_connections_share_the_walk(books):
    path, printed = books
    conns = [sqlite3.connect(path, check_same_thread=False) for _ in range(2)]
    try:
        shared = chain_verify.SharedWalk(conns[0], {printed.position})
        helper = threading.Thread(target=shared.take_part, args=(conns[1],))
        helper.start()
        shared.take_part(conns[0])
        helper.join()
        found = shared.result(conns[0])
        alone = chain_verify.walk(conns[0], {printed.position})
    finally:
        for conn in conns:
            conn.close()
    assert all(part is not None for part in shared.found)
    assert (found.first_broken, found.end, found.links) == (None, alone.end, alone.links)
