"""The program as it was before a migration: its migrations folder cut to those before `version`,
for tests of what an upgrade does to books written before it (undo the monkeypatch to upgrade)."""

from __future__ import annotations

import shutil

from kiosk.paths import migrations_dir
from kiosk.store import certificates as certificates_store
from kiosk.store import chain
from kiosk.store import operators as operators_store
from kiosk.store import migrations


def before(version: int, tmp_path, monkeypatch):
    folder = tmp_path / f"migrations-before-{version:04d}"
    folder.mkdir()
    for migration in migrations.available(migrations_dir()):
        if migration.version < version:
            shutil.copy(migration.path, folder / migration.path.name)
    monkeypatch.setattr(migrations, "migrations_dir", lambda: folder)
    if version <= 33:    # township_signs came with 0033: the program before it noted no signing
        monkeypatch.setattr(certificates_store, "note_signing", lambda conn, at: None)
    if version <= 34:    # township_signs_answers came with 0034
        monkeypatch.setattr(certificates_store, "note_signing_answers", lambda conn, at: None)
    if version <= 35:    # who may know a PIN, and managers sent to the township, came with 0035
        _operators_before_0035(monkeypatch)
    return monkeypatch


def _operators_before_0035(monkeypatch) -> None:
    def insert(conn, *, id, name, role, pin_hash, at, known_to=()):
        conn.execute("INSERT INTO operator (id, name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                     (id, name, role, pin_hash, at))

    def set_pin_hash(conn, operator_id, pin_hash, known_to=(), own=False):
        conn.execute("UPDATE operator SET pin_hash = ?, failed_pins = 0, locked_until = NULL WHERE id = ?",
                     (pin_hash, operator_id))

    monkeypatch.setattr(operators_store, "insert", insert)
    monkeypatch.setattr(operators_store, "set_pin_hash", set_pin_hash)
    monkeypatch.setattr(operators_store, "known_to", lambda db, operator_id: [])
    monkeypatch.setattr(operators_store, "journal_manager", lambda conn, operator_id: None)
    monkeypatch.setattr(chain, "OPERATOR_COLUMNS", tuple(c for c in chain.OPERATOR_COLUMNS
                                                         if c not in ("pin_known_to", "pin_version", "pin_own", "pin_set_id")))
