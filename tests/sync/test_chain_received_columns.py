"""An insider on counter B edits, with sqlite3, the columns of counter A's award that B's check
did not compare with what A sent (kiosk/store/chain_received.py SAME): its dates, its rule, its
resident. Those decide expiry (oldest points first), a year's grade, a rule's monthly cap and
a repeated deduction's doubling, so they must still be what A sent. A received entry's
untouched columns pass: tests/sync/test_chain_received.py."""

from __future__ import annotations

import pytest

from tests.sync.test_chain_received import _one, _problems, b_after_a  # noqa: F401  (a fixture)
from tests.sync.test_two_counters import village  # noqa: F401  (the two counters)
from tests.services.audit.test_chain_tamper import tamper

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])   # the township's store is not what is tested


@pytest.mark.parametrize("change", [
    "activity_date = '2026-12-31', at = '2026-12-31 10:00:00'",
    "note = '另一笔'",
    "resident_id = (SELECT id FROM resident WHERE card_code = 'JF000004')",
    "rule_id = NULL",
    "resident_id = NULL",
], ids=["dated-later", "note-changed", "another-resident", "rule-taken-off", "resident-taken-off"])
def test_a_received_award_with_a_column_changed_by_hand_is_found(b_after_a, change):  # noqa: F811
    village, _ = b_after_a
    path = village.b.db.path
    entry_id = _one(path, "SELECT id FROM entry WHERE kind = 'award' AND terminal_id !="
                          " (SELECT value FROM meta WHERE key = 'terminal_id') LIMIT 1")[0]
    assert _problems(village.b) == []
    tamper(path, f"UPDATE entry SET {change} WHERE id = '{entry_id}'", drop=("entry_no_update",))
    assert _problems(village.b) != []

