"""The expiry job at the counter: once when it starts, then every hour.

A period posts once (kiosk.services.expiry keeps a row per period), so checking
hourly only means a reset date is honoured within the hour even if the counter
stays open overnight. A failure is written to stderr; it never stops the shop.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer

from kiosk.core.errors import Refused
from kiosk.services import expiry
from kiosk.services.context import SYSTEM, Context

HOUR_MS = 60 * 60 * 1000


class ExpiryJob(QObject):
    def __init__(self, session, interval_ms: int = HOUR_MS) -> None:
        super().__init__()
        self.session = session
        self.last = None          # the last run's result
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.run)

    def start(self) -> None:
        self.run()
        self.timer.start()

    def run(self) -> None:
        session = self.session    # its database is replaced after a restore: read it each time
        self.session.runner.run(lambda: expiry.run_due(Context(session.db, SYSTEM, session.clock)),
                                self._done, self._failed)

    def _done(self, result) -> None:
        self.last = result

    def _failed(self, error: BaseException) -> None:
        words = error.message() if isinstance(error, Refused) else repr(error)
        print(f"kiosk: points expiry skipped: {words}", file=sys.stderr)


def start(window, interval_ms: int = HOUR_MS) -> ExpiryJob:
    """Start the job for a counter window; it lives as long as the window."""
    job = ExpiryJob(window.session, interval_ms)
    job.setParent(window)
    job.start()
    return job
