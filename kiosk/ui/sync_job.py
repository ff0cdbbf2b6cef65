"""Sync with the township in the background, and the status words in the counter's top bar.

Started by the counter only when `sync.url` is set and this PC is enrolled. The sync round
runs on its OWN worker thread with its own connection to the books, opened per round (SQLite WAL lets the
counter go on): a slow or dead network never holds up a sale, and never the GUI thread.
The first round waits the terminal's own offset, the next ones the normal period with jitter,
after a failure longer (kiosk.core.backoff, with jitter); the status
label is refreshed every minute through the counter's runner. After a round that went through,
the 外村兑换 still waiting are asked again; how many still wait goes to the window (`settled`). What
a round closed is kept in the books until acknowledged; the window reads it again after every round
and each minute (`notes_due`), so a round `kiosk sync now` ran shows too (kiosk/ui/counter/settled_notes.py).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.config import SYNC_URL
from kiosk.core import backoff
from kiosk.services.setup import settings, create as setup
from kiosk.services.context import SELFSERVICE, Context
from kiosk.sync import state
from kiosk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from kiosk.services.sync.cross_pending import Settled
    from kiosk.sync import client
    from kiosk.sync.http import Client

# httpx, the sync client and the cross-village service load on the first sync, not at start:
# a counter that is not enrolled never needs them.

MINUTE_MS = 60_000


def _http() -> Client:
    from kiosk.services.sync import admin as sync_admin

    return sync_admin.township_client()


class SyncJob(QObject):
    settled = Signal(object)   # cross_pending.Settled: a round asked again about 外村兑换 that waited
    notes_due = Signal()       # after every round and each minute: the kept notes to be read again

    def __init__(self, window, runner=None, http=_http, draw=random.random) -> None:
        super().__init__()
        self.session, self.label = window.session, window.sync_status
        self.runner = runner or TaskRunner()
        self.http, self.draw = http, draw
        self.failures, self.last, self.stopped = 0, None, False
        self.status_timer = QTimer(self, interval=MINUTE_MS, timeout=self.refresh)
        self.sync_timer = QTimer(self, singleShot=True, timeout=self.sync)

    def start(self, first_ms: int | None = None) -> None:
        """The first round after the terminal's own offset (kiosk.core.backoff.first_wait): a county's
        counters started at the same instant do not all knock at the township at once."""
        self.label.setVisible(True)
        self.refresh()
        self.status_timer.start()
        if first_ms is None:
            first_ms = int(backoff.first_wait(state.load(self.session.db).terminal_id or "") * 1000)
        self.sync_timer.start(first_ms)

    def refresh(self) -> None:
        """Each minute and after every round: the bar's words, and the kept notes read again."""
        session = self.session

        def words() -> str:
            from kiosk.services.sync import admin as sync_admin

            return sync_admin.bar_text(session.db)

        session.runner.run(words, self.label.setText, lambda error: None)
        self.notes_due.emit()

    def sync(self) -> None:
        self.runner.run(self._round, self._finished, self._failed)

    def _round(self) -> tuple[client.SyncResult, Settled | None]:
        # a fresh connection each round, on the sync thread: after a restore swaps the
        # file, the next round writes to the restored books, never to the replaced ones
        from kiosk.services.sync import cross_village
        from kiosk.sync import client

        books, clock = setup.open_shop(self.session.db.path), self.session.clock
        try:
            with self.http() as http:
                result = client.sync_once(books, http, clock.now())
                # 积分互认 whose answer was lost: ask again, record the sale
                return result, cross_village.settle_after_sync(books, http, clock) if result.ok else None
        finally:
            books.close()

    def _finished(self, done: tuple[client.SyncResult, Settled | None]) -> None:
        result, settled = done
        self._done(result)
        if settled is not None and not self.stopped:
            self.settled.emit(settled)

    def _done(self, result: client.SyncResult) -> None:
        if self.stopped:          # the round that was under way when the counter closed
            return
        self.last = result
        self.failures = 0 if result.ok else self.failures + 1
        self.refresh()
        self.sync_timer.start(int(backoff.next_wait(self.failures, self.draw()) * 1000))

    def stop(self) -> None:
        """At close: no more rounds; a round under way finishes (its writes are whole) first."""
        self.stopped = True
        self.status_timer.stop()
        self.sync_timer.stop()
        self.runner.shutdown()

    def _failed(self, error: BaseException) -> None:
        from kiosk.sync import client

        self._done(client.SyncResult(False, error="sync_failed", detail=repr(error)))


def wanted(db) -> bool:
    """Enrolled (a secret) and a server address: the setting, or the one enrolled with."""
    current = state.load(db)
    return current.enrolled and bool(settings.value(Context(db, SELFSERVICE), SYNC_URL) or current.server_url)


def start(window, **options) -> SyncJob | None:
    """Start syncing for a counter window when sync is set up; the job lives with the window."""
    if not wanted(window.session.db):
        return None
    job = SyncJob(window, **options)
    job.setParent(window)
    job.settled.connect(window.cross_settled)
    job.notes_due.connect(window.cross_notes_due)
    job.start()
    return job
