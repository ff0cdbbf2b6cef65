"""What the township published for a later day takes effect on that day while the counter is
open, even without a sync: once when it starts, then every hour (kiosk/sync/effective.py)."""

from __future__ import annotations

from kiosk.sync import apply
from kiosk.ui.repeating_job import RepeatingJob

HOUR_MS = 60 * 60 * 1000


class TownshipDueJob(RepeatingJob):
    skipped = "kiosk: township changes due today not applied"

    def work(self, ctx):
        return apply.apply_due(ctx.db, ctx.clock.now().date().isoformat())


def start(window, interval_ms: int = HOUR_MS) -> TownshipDueJob:
    return TownshipDueJob.start_for(window, interval_ms)
