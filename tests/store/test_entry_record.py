"""An entry has one list of columns (kiosk.core.entry_record): the ledger table's, exactly."""

from __future__ import annotations

from kiosk.core import entry_record


def test_the_entry_table_has_exactly_the_record_columns(shop):
    table = tuple(row[1] for row in shop.db.all("PRAGMA table_info(entry)"))
    assert sorted(table) == sorted(entry_record.COLUMNS)
