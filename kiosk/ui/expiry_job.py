"""The expiry job at the counter: once when it starts, then every hour.

A period posts once (kiosk.services.points.expiry keeps a row per period), so checking
hourly only means a reset date is honoured within the hour even if the counter
stays open overnight.
"""

from __future__ import annotations

from kiosk.services.points import expiry
from kiosk.ui.repeating_job import RepeatingJob

HOUR_MS = 60 * 60 * 1000


class ExpiryJob(RepeatingJob):
    skipped = "kiosk: points expiry skipped"

    def work(self, ctx):
        return expiry.run_due(ctx)


def start(window, interval_ms: int = HOUR_MS) -> ExpiryJob:
    return ExpiryJob.start_for(window, interval_ms)
