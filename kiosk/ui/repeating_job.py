"""A piece of the shop's upkeep the counter runs while it is open: once when it starts, then
on a timer, on the session's worker. A failure is written to stderr; it never stops the shop.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer

from kiosk.core.errors import Refused
from kiosk.services.context import SYSTEM, Context


class RepeatingJob(QObject):
    skipped = "kiosk: a job was skipped"   # the stderr line's start when a run fails

    def __init__(self, session, interval_ms: int) -> None:
        super().__init__()
        self.session = session
        self.last = None          # the last run's result
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.run)

    def work(self, ctx: Context):
        raise NotImplementedError

    def start(self) -> None:
        self.run()
        self.timer.start()

    def run(self) -> None:
        session = self.session    # its database is replaced after a restore: read it each time
        self.session.runner.run(lambda: self.work(Context(session.db, SYSTEM, session.clock)),
                                self._done, self._failed)

    def _done(self, result) -> None:
        self.last = result

    def _failed(self, error: BaseException) -> None:
        words = error.message() if isinstance(error, Refused) else repr(error)
        print(f"{self.skipped}: {words}", file=sys.stderr)

    @classmethod
    def start_for(cls, window, interval_ms: int) -> RepeatingJob:
        """Start the job for a counter window; it lives as long as the window."""
        job = cls(window.session, interval_ms)
        job.setParent(window)
        job.start()
        return job
