"""Notice ends on time: while the counter runs, credit the claims whose public notice (公示)
has ended, once at start and then every few minutes (kiosk.services.points.notice_credit); the
first run of a new year also stores last year's grades (kiosk.services.points.grades_admin).

Crediting is idempotent, so running often costs one read when nothing is due.
"""

from __future__ import annotations

from kiosk.services.points import grades_admin, notice_credit
from kiosk.ui.repeating_job import RepeatingJob

FIVE_MINUTES_MS = 5 * 60 * 1000


class NoticeJob(RepeatingJob):
    skipped = "kiosk: crediting after notice skipped"

    @property
    def credited(self) -> int:
        """Claims credited by the last run."""
        return self.last or 0

    def work(self, ctx) -> int:
        """Credit what the notice lets go; at the first run of a new year, keep last year's grades."""
        grades_admin.store_year_end(ctx)
        return notice_credit.credit_due(ctx)


def start(window, interval_ms: int = FIVE_MINUTES_MS) -> NoticeJob:
    return NoticeJob.start_for(window, interval_ms)
