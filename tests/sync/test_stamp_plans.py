"""The change times last-writer-wins reads for every household or rule pushed or applied, and the
house-number clashes the sync screen lists, are found by index, not by reading the whole audit
trail or every record received."""

from __future__ import annotations

import pytest

from kiosk.store import change_stamps
from kiosk.sync import house_clash, stamps


def plan(db, sql: str, params: tuple) -> str:
    return " | ".join(row[3] for row in db.all(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.mark.parametrize("record_type", sorted(stamps.STAMPED))
def test_a_change_time_is_found_by_index(shop, record_type):
    changed = plan(shop.db, change_stamps.changed_sql(stamps.STAMPED[record_type], 2), ("a", "b"))
    assert changed == f"SEARCH audit USING INDEX audit_{record_type} (target_id=?)"
    applied = plan(shop.db, change_stamps.applied_sql(stamps.STAMPED[record_type]), ("a",))
    assert "USING INDEX sync_remote_stamped" in applied and "SCAN" not in applied


def test_house_number_clashes_are_found_by_index(shop):
    found = plan(shop.db, house_clash.OPEN_CLASHES_SQL, (house_clash.CLASH_ACTION,))
    # only the clash rows are read: the partial index holds nothing else
    assert found.startswith("SCAN a USING INDEX audit_house_clash")
