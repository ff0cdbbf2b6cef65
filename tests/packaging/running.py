"""Running the bundle's windows from outside: start, wait for a sign they came up, stop."""

from __future__ import annotations

import shutil
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

START_LIMIT = 90  # seconds for a sign of life on a loaded 2-core machine


def wait_until(condition, proc: subprocess.Popen, limit: float = START_LIMIT) -> bool:
    """Poll until the condition holds; False as soon as the process ends or time runs out."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return bool(condition())
        time.sleep(0.2)
    return False


@contextmanager
def started(command: list[str], env: dict, log_dir: Path):
    """The program running, its output in files (a pipe nobody reads could fill up and stall it)."""
    out, err = (log_dir / "stdout.txt").open("w"), (log_dir / "stderr.txt").open("w")
    proc = subprocess.Popen(command, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        out.close()
        err.close()


def said(log_dir: Path) -> str:
    return (log_dir / "stderr.txt").read_text(errors="replace")


def keeps_running(proc: subprocess.Popen, seconds: float = 3) -> bool:
    """Still running a little after it came up: the event loop runs, the first paint did not crash it."""
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        return True
    return False


def xvfb_available() -> bool:
    return shutil.which("Xvfb") is not None and shutil.which("xwininfo") is not None


@contextmanager
def virtual_screen(width: int = 1366, height: int = 768):
    """An X server of our own on a free display number; yields its DISPLAY.

    -noreset: a default Xvfb resets when its last client leaves, and a window program
    connecting just then (after a quick xwininfo) is turned away.
    """
    command = ["Xvfb", "-displayfd", "1", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp",
               "-noreset"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        number = server.stdout.readline().strip()
        if not number.isdigit():
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=15)


def window_titles(display: str) -> str:
    done = subprocess.run(["xwininfo", "-root", "-tree"], env={"DISPLAY": display, "LANG": "C.UTF-8"},
                          capture_output=True, text=True, timeout=30, check=False)
    return done.stdout
