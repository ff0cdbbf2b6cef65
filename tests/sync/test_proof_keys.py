"""The keys a copy's proof renders (kiosk/core/proof_keys.py) were in every body of their type ever sent:
each is a column of its table from the migration that made the table to the newest, so a later
migration that adds a column never makes an honest copy's proof differ from the township's. And a
copy put back, then migrated to add a column to its entries, is still proved (a real township)."""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest

from kiosk.core.proof_keys import PROOF_KEYS, PROOF_PARTS
from kiosk.paths import migrations_dir
from kiosk.store import chain, rendered
from kiosk.store.bodies import SPECS
from kiosk.store.db import connect
from kiosk.store.migrations import available, migrate
from tests.sync.test_restore_proof import _forks, _put_back_a_copy, _reopened, _rewritten
from tests.sync.test_stick_copy_anchors import counter  # noqa: F401  (a fixture)
from tests.sync.real_township import township  # noqa: F401  (a fixture)


def _proved_tables() -> dict[str, tuple[str, ...]]:
    """Each table a proof reads, with the keys it reads there."""
    tables: dict[str, set[str]] = {}
    for kind, keys in PROOF_KEYS.items():
        tables.setdefault(SPECS[kind].table, set()).update(keys)
        parts = {part.name: part.table for part in SPECS[kind].parts}
        for name, part_keys in PROOF_PARTS.get(kind, ()):
            tables.setdefault(parts[name], set()).update(part_keys)
    return {table: tuple(sorted(keys)) for table, keys in tables.items()}


def _columns(conn, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


@pytest.fixture
def fresh_sql(monkeypatch) -> None:
    """The rendering SQL the chain keeps per connection, for this test alone: its schema changes
    under one connection (one migration at a time, or a column added)."""
    monkeypatch.setattr(chain, "_SQL", {})
    monkeypatch.setattr(rendered, "_SQL", {})


def test_every_proved_key_is_a_column_from_the_table_s_first_migration_on(tmp_path, fresh_sql):
    wanted = _proved_tables()
    folder, path = tmp_path / "migrations", tmp_path / "stepped.sqlite"
    folder.mkdir()
    conn = connect(path)
    seen: set[str] = set()
    for migration in available(migrations_dir()):
        shutil.copy(migration.path, folder / migration.path.name)
        chain._SQL.clear()
        rendered._SQL.clear()
        migrate(conn, path, folder)
        for table, keys in wanted.items():
            columns = _columns(conn, table)
            if columns:
                seen.add(table)
                missing = sorted(set(keys) - columns)
                assert not missing, f"{table} has no {missing} after migration {migration.version}"
    conn.close()
    assert seen == set(wanted)


def test_the_proof_reads_only_parts_the_bodies_carry():
    for kind, parts in PROOF_PARTS.items():
        assert [name for name, _ in parts] == [p.name for p in SPECS[kind].parts if p.name in dict(parts)]
        assert not SPECS[kind].versioned and kind in PROOF_KEYS
    assert not any(SPECS[kind].versioned for kind in PROOF_KEYS)


def test_a_migration_that_adds_a_column_to_the_entries_still_proves_an_honest_copy(counter, tmp_path, monkeypatch,
                                                                                   fresh_sql):
    """As migration 0018 did to entry (with a default): the copy's entries now carry a column the
    bodies the township stored never had. Its chain keeps hashing the columns it had (what such a
    migration must do for its chain: here INLINE_COLUMNS), and the proof renders only PROOF_KEYS."""
    _put_back_a_copy(counter, tmp_path)
    counter.db.close()
    before = sorted(_columns(sqlite3.connect(counter.path), "entry"))
    conn = sqlite3.connect(counter.path, isolation_level=None)
    conn.execute("ALTER TABLE entry ADD COLUMN witness TEXT NOT NULL DEFAULT '村委会'")
    conn.close()
    monkeypatch.setitem(chain.INLINE_COLUMNS, "entry", tuple(before))
    _reopened(counter)
    counter.sell(1)
    assert counter.sync().healed
    [fork] = _forks(counter.store)
    assert "proof" not in fork and _rewritten(counter.store) == []


@pytest.mark.parametrize("kind", sorted(PROOF_KEYS))
def test_no_proved_key_is_a_column_added_after_its_table(kind):
    """Read from the migrations' text: a key added by ALTER TABLE is not in the bodies sent before it."""
    table = SPECS[kind].table
    added = set()
    for migration in available(migrations_dir()):
        text = migration.path.read_text("utf-8")
        added |= set(re.findall(rf"ALTER TABLE {table} ADD COLUMN (\w+)", text))
    assert not added & set(PROOF_KEYS[kind])
