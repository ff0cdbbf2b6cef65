"""One new house number made on both counters offline (issue 7, "houses").

Counter A is the `shop` village, counter B a copy of it, both on one real township app
(tests/sync/test_two_counters.py). Both add 8组1号 while offline: after syncing, both keep
both households; the older one (smaller id) keeps 8组1号, the other is 8组1号（重复2） on
both counters, and a manager is told to merge them with 合户.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from kiosk.services.people import households, residents
from kiosk.services.points import awards
from kiosk.services.sync import admin as sync_admin
from kiosk.services.audit.check import run_check
from kiosk.sync import apply
from kiosk.sync.house_clash import open_clashes
from kiosk.sync.wire import Record
from tests.conftest import fingerprint
from tests.sync import test_two_counters as two_counters
from tests.sync.test_two_counters import NOW, balances, ledger_sums

village = two_counters.village  # the fixture: A = shop, B = a copy of it, both enrolled on one township
HOUSE, DUPLICATE = "8组1号", "8组1号（重复2）"


def _both_add_the_same_house(village) -> dict:
    made = {}
    for side, name, times in (("a", "赵大山", "2"), ("b", "孙立平", "3")):
        ctx = getattr(village, side)
        added = residents.add_resident(ctx, name=name, house_no=HOUSE)
        awards.award(ctx, added.card_code, "hjqs", times)
        made[name] = ctx.db.scalar("SELECT household_id FROM resident WHERE name = ?", (name,))
    return made


def _houses(ctx) -> list[tuple]:
    return [tuple(r) for r in ctx.db.all("SELECT id, house_no, active, head_id FROM household ORDER BY id")]


def _assert_agree(village) -> None:
    assert _houses(village.a) == _houses(village.b)
    sql = "SELECT id, household_id, name, card_code, relation FROM resident ORDER BY id"
    on_a, on_b = village.everywhere(sql)
    assert [tuple(r) for r in on_a] == [tuple(r) for r in on_b]
    assert balances(village.a) == balances(village.b) == ledger_sums(village.a) == ledger_sums(village.b)
    for ctx in (village.a, village.b):
        assert ctx.db.scalar("SELECT COUNT(*) FROM sync_remote WHERE applied = 0") == 0
        assert run_check(ctx.db).problems == []


@pytest.mark.parametrize("order", [("a", "b", "a"), ("b", "a", "b")])
def test_both_counters_keep_both_households_and_agree(village, order):
    made = _both_add_the_same_house(village)
    village.sync(*order)
    _assert_agree(village)
    older, younger = sorted(made.values())
    numbers = {hid: no for hid, no, _active, _head in _houses(village.a)}
    assert (numbers[older], numbers[younger]) == (HOUSE, DUPLICATE)
    for ctx in (village.a, village.b):
        assert [(c["house_no"], c["duplicate"]) for c in open_clashes(ctx.db)] == [(HOUSE, DUPLICATE)]
        said = sync_admin.overview(ctx).clashes    # the manager's sync screen says what to do
        assert len(said) == 1 and HOUSE in said[0] and DUPLICATE in said[0] and "合户" in said[0]
        for name in ("赵大山", "孙立平"):
            found = residents.resolve(ctx, name)
            assert residents.account_id_for(ctx, found) in balances(ctx)


@pytest.mark.parametrize("merging_side", ["a", "b"])
def test_a_manager_merges_the_two_and_the_other_counter_agrees(village, merging_side):
    made = _both_add_the_same_house(village)
    village.sync("a", "b", "a")
    total = sum(balances(village.a).values())
    for ctx in (village.a, village.b):      # the manager merges later in the day than either was made
        ctx.clock.set(datetime(2026, 11, 3, 12, 0, 0))
    merged = households.merge(getattr(village, merging_side), DUPLICATE, HOUSE)
    assert (merged.house_no, merged.other_house_no) == (DUPLICATE, HOUSE)
    other = "b" if merging_side == "a" else "a"
    village.sync(merging_side, other, merging_side)
    _assert_agree(village)
    older, younger = sorted(made.values())
    for ctx in (village.a, village.b):
        assert ctx.db.scalar("SELECT active FROM household WHERE id = ?", (younger,)) == 0
        members = {r[0] for r in ctx.db.all("SELECT name FROM resident WHERE household_id = ?", (older,))}
        assert members == {"赵大山", "孙立平"}
        assert open_clashes(ctx.db) == [] and sync_admin.overview(ctx).clashes == ()
        assert sum(balances(ctx).values()) == total


def test_applying_the_clash_again_changes_nothing(village):
    _both_add_the_same_house(village)
    village.sync("b", "a", "b")
    for ctx in (village.a, village.b):
        page = [Record(r["id"], r["terminal_id"], r["seq"], r["type"], json.loads(r["body"]), r["sha256"])
                for r in ctx.db.all("SELECT * FROM sync_remote ORDER BY rowid")]
        before = fingerprint(ctx.db)
        again = apply.apply_page(ctx.db, page, None, NOW.isoformat())
        assert (again.applied, again.retried) == (0, 0)
        assert fingerprint(ctx.db) == before
    village.sync("a", "b", "a", "b")
    _assert_agree(village)
