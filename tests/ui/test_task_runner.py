"""The worker thread hands every result back on the GUI thread, in order, under load."""

from __future__ import annotations

import threading

from kiosk.ui.tasks import TaskRunner


def test_many_results_come_back_on_the_gui_thread_in_order(qtbot):
    runner = TaskRunner()
    gui = threading.get_ident()
    seen: list[tuple[int, bool]] = []
    try:
        for n in range(2000):
            runner.run(lambda n=n: {"n": n, "rows": [None, n, str(n)]},
                       lambda result: seen.append((result["n"], threading.get_ident() == gui)))
        qtbot.waitUntil(lambda: len(seen) == 2000, timeout=20_000)
    finally:
        runner.shutdown()
    assert [n for n, _ in seen] == list(range(2000))
    assert all(on_gui for _, on_gui in seen)


def test_errors_come_back_to_the_error_handler(qtbot):
    runner = TaskRunner()
    errors: list[BaseException] = []
    try:
        runner.run(lambda: 1 / 0, lambda _: None, errors.append)
        qtbot.waitUntil(lambda: len(errors) == 1, timeout=5_000)
    finally:
        runner.shutdown()
    assert isinstance(errors[0], ZeroDivisionError)
