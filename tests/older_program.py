"""The program as it was before a migration: its migrations folder cut to those before `version`,
for tests of what an upgrade does to books written before it (undo the monkeypatch to upgrade)."""

from __future__ import annotations

import shutil

from kiosk.paths import migrations_dir
from kiosk.store import certificates as certificates_store
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
    return monkeypatch
