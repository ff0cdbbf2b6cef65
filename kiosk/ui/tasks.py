"""Service calls run on one worker thread; results come back on the GUI thread.

All database work goes through the single worker, so writes are serialised and
the window never waits on a disk. Tests use `ImmediateRunner`, which runs the
call at once on the caller's thread.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class TaskRunner(QObject):
    """One worker thread; each finished call is handed back on the GUI thread.

    Results travel through a thread-safe queue, and the cross-thread signal carries
    nothing: passing Python objects through queued signals is where PySide6 has
    corrupted reference counts under load."""

    _finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
        self._done: queue.SimpleQueue = queue.SimpleQueue()
        self._finished.connect(self._deliver_all)

    def run(self, call: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None) -> Future:
        future = self._pool.submit(call)
        future.add_done_callback(lambda f: self._hand_back(f, on_done, on_error))
        return future

    def _hand_back(self, future: Future, on_done, on_error) -> None:
        self._done.put((future, on_done, on_error))
        self._finished.emit()

    def _deliver_all(self) -> None:
        while True:
            try:
                future, on_done, on_error = self._done.get_nowait()
            except queue.Empty:
                return
            self._deliver(future, on_done, on_error)

    @staticmethod
    def _deliver(future: Future, on_done, on_error) -> None:
        error = future.exception()
        if error is not None:
            if on_error is None:
                raise error
            on_error(error)
        elif on_done is not None:
            on_done(future.result())

    def call(self, call: Callable[[], Any]) -> Any:
        """Run on the worker and wait: for start-up and tests, never in a click handler."""
        return self._pool.submit(call).result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
        self._deliver_all()


class ImmediateRunner:
    """Runs each call at once on the calling thread (tests, scripts)."""

    def run(self, call, on_done=None, on_error=None) -> None:
        try:
            result = call()
        except Exception as error:  # delivered like the worker would
            if on_error is None:
                raise
            on_error(error)
            return
        if on_done is not None:
            on_done(result)

    def call(self, call):
        return call()

    def shutdown(self) -> None:
        pass
