"""A township rule published for a later day takes effect on that day while the counter is open."""

from __future__ import annotations

from datetime import timedelta

from kiosk.core.ids import new_id
from kiosk.sync import apply
from kiosk.sync.wire import Record
from kiosk.ui.township_due_job import TownshipDueJob
from tests.sync import remote


def test_the_counter_applies_a_township_rule_on_its_day_without_a_sync(qtbot, shop, clock):
    from kiosk.ui.app import counter_window
    from kiosk.ui.tasks import ImmediateRunner

    later = clock.now().date() + timedelta(days=2)
    made = remote.township_rule()
    body = {**made.body, "version": 1, "effective_from": later.isoformat()}
    apply.apply_page(shop.db, [Record.make(new_id(), "township", 1, "rule", body)], "1", clock.now().isoformat())
    window = counter_window(shop.db.path, runner=ImmediateRunner(), clock=clock)
    qtbot.addWidget(window)
    job = window.findChild(TownshipDueJob)
    assert job.last == 0 and job.timer.isActive()
    clock.advance(days=2)
    job.timer.timeout.emit()
    assert job.last == 1 and window.session.db.scalar("SELECT points FROM rule WHERE code = 'xz_ljfl'") == 300
    job.timer.stop()
    window._warm_up.stop()
    window.session.db.close()
