"""Migrations 0035 and 0036 (who may know an operator's PIN, kiosk/services/behind.py): a village
upgraded from the program before them passes `kiosk check`, and nobody the setup made is stranded:
the demo's operators (made as the setup makes them) are known to nobody else, its second manager
still confirms for the first manager's household, and the upgrade sends the township nothing new."""

from __future__ import annotations

import json
from datetime import date, datetime

from kiosk.core.clock import FixedClock
from kiosk.services.audit.check import run_check
from kiosk.services.context import Actor, Context, Role
from kiosk.services.people import operators
from kiosk.services.points import awards
from kiosk.services.setup.demo import build_demo
from kiosk.services.setup.demo_data import load
from kiosk.store import migrations
from tests import older_program


def test_a_demo_village_upgraded_to_who_may_know_a_pin_passes_its_check(tmp_path, monkeypatch):
    path = tmp_path / "demo.sqlite"
    before = older_program.before(35, tmp_path, monkeypatch)
    build_demo(path, today=date(2026, 11, 3), households=40)
    before.undo()
    db = migrations.open_database(path)
    try:
        assert db.scalar("SELECT MAX(version) FROM schema_migrations") == migrations.available()[-1].version
        assert {json.loads(r[0]) == [] for r in db.all("SELECT pin_known_to FROM operator")} == {True}
        assert db.scalar("SELECT COUNT(*) FROM journal WHERE record_type = 'manager'") == 0
        assert run_check(db).problems == []
        first = db.one("SELECT id, name FROM operator WHERE role = 'manager' ORDER BY created_at LIMIT 1")
        ctx = Context(db, Actor(first["name"], Role.MANAGER, first["id"]), FixedClock(datetime(2026, 11, 3, 12)))
        second = next(op for op in load().village["operators"][1:] if op["role"] == "manager")
        home = db.scalar("SELECT r.card_code FROM operator o JOIN resident r ON r.id = o.resident_id WHERE o.id = ?",
                         (first["id"],))
        with_second = operators.second_manager(ctx, second["name"], second["pin"])
        assert awards.award(with_second, home, "hjqs").status == "posted"
        operators.add_operator(ctx, "赵六", "manager", "6060")      # made after the upgrade: known to its maker
        assert json.loads(db.scalar("SELECT pin_known_to FROM operator WHERE name = '赵六'")) == [first["id"]]
        assert run_check(db).problems == []
    finally:
        db.close()
