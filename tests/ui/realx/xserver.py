"""A throw-away X server (Xvfb) and the program's real window on it, driven by xdotool.

Keys go in as real X key events, as a keyboard-wedge scanner types them: Shift
pressed around capitals, keypad digits, Enter or Tab or nothing at the end.
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
TOOLS = ("Xvfb", "xdotool")
START_SECONDS = 20
WAIT_SECONDS = 10


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


class Xvfb:
    """An X server on a display number it finds free itself (-displayfd)."""

    def __init__(self, size: str = "1366x768x24") -> None:
        read_end, write_end = os.pipe()
        self.process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", size, "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write_end)
        self._number_pipe = read_end   # open while the server runs: it may write again
        number = self._read_number(read_end)
        if not number.isdigit():
            self.stop()
            raise RuntimeError(f"Xvfb did not start in {START_SECONDS} s")
        self.display = f":{number}"

    @staticmethod
    def _read_number(pipe: int) -> str:
        text, deadline = "", time.monotonic() + START_SECONDS
        while not text.endswith("\n") and time.monotonic() < deadline:
            ready, _unused, _unused2 = select.select([pipe], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(pipe, 32).decode() if ready else ""
            if not chunk:
                break
            text += chunk
        return text.strip()

    def xdotool(self, *args: str, script: str | None = None) -> None:
        subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": self.display},
                       input=script, text=True, check=True, timeout=30)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        os.close(self._number_pipe)


def scanner_script(code: str, delay_ms: int, suffix: str | None, keypad: bool) -> str:
    """An xdotool script that types `code` as a scanner does, `delay_ms` after each key.

    Each capital is Shift down, the letter, Shift up; digits come from the main row
    or the keypad; then the suffix key. One xdotool process, every key with no delay
    of its own, a `sleep` between keys: xdotool's own `type` and `key --delay` wait
    unevenly (up to twice as long around Shift).
    """
    lines = []
    for char in code:
        if char.isupper():
            lines += ["keydown --delay 0 shift", f"key --delay 0 {char.lower()}", "keyup --delay 0 shift"]
        elif char.isdigit() and keypad:
            lines.append(f"key --delay 0 KP_{char}")
        else:
            lines.append(f"key --delay 0 {char}")
        lines.append(f"sleep {delay_ms / 1000}")
    if suffix:
        lines.append(f"key --delay 0 {suffix}")
    return "\n".join(lines) + "\n"


class RealWindow:
    """`kiosk counter` or `kiosk selfservice` on the X server, reporting what it shows."""

    def __init__(self, x: Xvfb, kind: str, db_path: Path, home: Path) -> None:
        self.x = x
        env = {**os.environ, "DISPLAY": x.display, "QT_QPA_PLATFORM": "xcb", "KIOSK_LANG": "zh",
               "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
               "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
        env.pop("QT_IM_MODULE", None)
        self.errors = home / f"{kind}.stderr"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.realx.window_report", kind, str(db_path)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=self.errors.open("w"), text=True)
        self.lines: queue.Queue = queue.Queue()
        self.state: dict = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(self, wanted, what: str, seconds: float = WAIT_SECONDS) -> dict:
        """The first state (the present one included) for which `wanted(state)` is true."""
        deadline = time.monotonic() + seconds
        while not (self.state and wanted(self.state)):
            line = self._next_line(deadline - time.monotonic())
            if line is None:
                raise AssertionError(f"waited {seconds} s for {what}; the window shows {self.state}"
                                     f"\n{self.errors.read_text()[-3000:]}")
            self.state = json.loads(line)
        return self.state

    def _next_line(self, seconds: float) -> str | None:
        try:
            return self.lines.get(timeout=seconds) if seconds > 0 else None
        except queue.Empty:
            return None

    def scan(self, code: str, delay_ms: int, suffix: str | None = "Return", keypad: bool = False) -> None:
        """One scanner burst: about `delay_ms` between keys, ending with `suffix` (None: nothing)."""
        self.x.xdotool("-", script=scanner_script(code, delay_ms, suffix, keypad))

    def keys(self, *names: str, delay_ms: int = 150) -> None:
        """Keys as a person presses them."""
        self.x.xdotool("key", "--delay", str(delay_ms), *names)

    def click(self, point: list[int]) -> None:
        self.x.xdotool("mousemove", str(point[0]), str(point[1]), "click", "1")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
