"""Migration 0035 (who may know an operator's PIN, kiosk/services/behind.py): a village upgraded
to it passes `kiosk check`, and nobody is stranded: every operator it finds is known to nobody else."""

from __future__ import annotations

import json
from datetime import date, datetime

from kiosk.core.clock import FixedClock
from kiosk.services.audit.check import run_check
from kiosk.services.context import Actor, Context, Role
from kiosk.services.people import operators
from kiosk.services.setup.demo import build_demo
from kiosk.store import migrations
from tests import older_program


def test_a_demo_village_upgraded_to_who_may_know_a_pin_passes_its_check(tmp_path, monkeypatch):
    path = tmp_path / "demo.sqlite"
    before = older_program.before(36, tmp_path, monkeypatch)
    build_demo(path, today=date(2026, 11, 3), households=40)
    before.undo()
    db = migrations.open_database(path)
    try:
        assert db.scalar("SELECT MAX(version) FROM schema_migrations") == 35
        assert {json.loads(r[0]) == [] for r in db.all("SELECT pin_known_to FROM operator")} == {True}
        assert run_check(db).problems == []
        first = db.one("SELECT id, name FROM operator WHERE role = 'manager' ORDER BY created_at LIMIT 1")
        ctx = Context(db, Actor(first["name"], Role.MANAGER, first["id"]), FixedClock(datetime(2026, 11, 3, 12)))
        operators.add_operator(ctx, "赵六", "manager", "6060")      # made after the upgrade: known to its maker
        assert json.loads(db.scalar("SELECT pin_known_to FROM operator WHERE name = '赵六'")) == [first["id"]]
        assert run_check(db).problems == []
    finally:
        db.close()
