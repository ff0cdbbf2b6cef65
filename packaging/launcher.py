"""The bundle's three programs, one script: which one runs is told by the file's name.

`kiosk` is the command line. `kiosk-counter` and `kiosk-selfservice` open the
windows (on Windows without a console), taking the same options as
`kiosk counter` / `kiosk selfservice` plus the global `--db`.
"""

from __future__ import annotations

import io
import os
import sys
import traceback
from pathlib import PureWindowsPath

WINDOW_PROGRAMS = {"kiosk-counter": "counter", "kiosk-selfservice": "selfservice"}
GLOBAL_WITH_VALUE = ("--db",)
GLOBAL_FLAGS = ("--json",)


def program_name(program: str) -> str:
    """kiosk-counter from /opt/jifen-kiosk/kiosk-counter or C:\\…\\kiosk-counter.exe."""
    return PureWindowsPath(program).stem.lower()  # splits at / and at \\


def command_line(program: str, args: list[str]) -> list[str]:
    """The `kiosk` arguments for a program name: global options go before the command."""
    command = WINDOW_PROGRAMS.get(program_name(program))
    if command is None:
        return list(args)
    front, back = [], []
    rest = iter(args)
    for arg in rest:
        if arg in GLOBAL_WITH_VALUE:
            front += [arg, next(rest, "")]
        elif arg in GLOBAL_FLAGS or arg.startswith(tuple(f"{g}=" for g in GLOBAL_WITH_VALUE)):
            front.append(arg)
        else:
            back.append(arg)
    return [*front, command, *back]


class Tee(io.TextIOBase):
    """Keeps what the program said on stderr, and still says it where there is a stderr."""

    def __init__(self, original):
        self.original = original
        self.kept = io.StringIO()

    def write(self, text: str) -> int:
        self.kept.write(text)
        if self.original is not None:
            self.original.write(text)
        return len(text)

    def flush(self) -> None:
        if self.original is not None:
            self.original.flush()


def nobody_reads_stderr(original) -> bool:
    """Started from a menu or a desktop icon: a refusal on stderr would go unseen."""
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return False
    return original is None or not original.isatty()


def show_failure(text: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from kiosk.i18n import tr

    _app = QApplication.instance() or QApplication(sys.argv[:1])  # alive while the box shows
    box = QMessageBox(QMessageBox.Icon.Warning, tr("积分超市", "Points shop"),
                      tr("程序没能打开：", "The program could not start:") + "\n\n" + text.strip())
    box.exec()


def run_window(args: list[str]) -> int:
    from kiosk.cli import main

    original = sys.stderr
    tee = sys.stderr = Tee(original)
    if sys.stdout is None:  # a windowed program on Windows has neither
        sys.stdout = io.StringIO()
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's usage errors
        code = exc.code if isinstance(exc.code, int) else 1
    except Exception:  # noqa: BLE001 — the person at the counter must see why, not a silent exit
        traceback.print_exc()
        code = 1
    finally:
        sys.stderr = original
    if code and nobody_reads_stderr(original) and tee.kept.getvalue().strip():
        show_failure(tee.kept.getvalue())
    return code


def run(program: str, args: list[str]) -> int:
    line = command_line(program, args)
    if program_name(program) in WINDOW_PROGRAMS:
        return run_window(line)
    from kiosk.cli import main

    return main(line)


if __name__ == "__main__":
    sys.exit(run(sys.executable if getattr(sys, "frozen", False) else sys.argv[0], sys.argv[1:]))
