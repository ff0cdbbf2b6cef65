"""Notice ends on time: while the counter runs, credit the claims whose public notice (公示)
has ended, once at start and then every few minutes (kiosk.services.notice_credit); the
first run of a new year also stores last year's grades (kiosk.services.grades_admin).

Crediting is idempotent, so running often costs one read when nothing is due. A failure
is written to stderr; it never stops the shop.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer

from kiosk.core.errors import Refused
from kiosk.services import grades_admin, notice_credit
from kiosk.services.context import SYSTEM, Context

FIVE_MINUTES_MS = 5 * 60 * 1000


class NoticeJob(QObject):
    def __init__(self, session, interval_ms: int = FIVE_MINUTES_MS) -> None:
        super().__init__()
        self.session = session
        self.credited = 0         # claims credited by the last run
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.run)

    def start(self) -> None:
        self.run()
        self.timer.start()

    def run(self) -> None:
        session = self.session    # its database is replaced after a restore: read it each time
        self.session.runner.run(lambda: _due(Context(session.db, SYSTEM, session.clock)), self._done,
                                self._failed)

    def _done(self, credited: int) -> None:
        self.credited = credited

    def _failed(self, error: BaseException) -> None:
        words = error.message() if isinstance(error, Refused) else repr(error)
        print(f"kiosk: crediting after notice skipped: {words}", file=sys.stderr)


def _due(ctx: Context) -> int:
    """Credit what the notice lets go; at the first run of a new year, keep last year's grades."""
    grades_admin.store_year_end(ctx)
    return notice_credit.credit_due(ctx)


def start(window, interval_ms: int = FIVE_MINUTES_MS) -> NoticeJob:
    """Start the job for a counter window; it lives as long as the window."""
    job = NoticeJob(window.session, interval_ms)
    job.setParent(window)
    job.start()
    return job
