"""Service calls run on one worker thread; results come back on the GUI thread.

All database work goes through the single worker, so writes are serialised and
the window never waits on a disk. Tests use `ImmediateRunner`, which runs the
call at once on the caller's thread.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class TaskRunner(QObject):
    _finished = Signal(object, object, object, object)  # on_done, on_error, result, error

    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-db")
        self._finished.connect(self._deliver)

    def run(self, call: Callable[[], Any], on_done: Done | None = None,
            on_error: Failed | None = None) -> Future:
        future = self._pool.submit(call)
        future.add_done_callback(lambda f: self._finished.emit(on_done, on_error, *self._outcome(f)))
        return future

    @staticmethod
    def _outcome(future: Future) -> tuple[Any, BaseException | None]:
        error = future.exception()
        return (None, error) if error else (future.result(), None)

    @staticmethod
    def _deliver(on_done, on_error, result, error) -> None:
        if error is not None:
            if on_error is None:
                raise error
            on_error(error)
        elif on_done is not None:
            on_done(result)

    def call(self, call: Callable[[], Any]) -> Any:
        """Run on the worker and wait: for start-up and tests, never in a click handler."""
        return self._pool.submit(call).result()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


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
