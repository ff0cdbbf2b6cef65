"""The township server for benchmarks: `kiosk-township serve` (real uvicorn) in its own process.

A separate process, so the server's CPU and the terminal's are not one GIL, as on the
real network; loopback only.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    with httpx.Client(base_url=url, timeout=5) as http:
        while time.monotonic() < deadline and server.poll() is None:
            try:
                http.get("/openapi.json")
                return
            except httpx.TransportError:
                time.sleep(0.05)
    raise RuntimeError(f"the township server did not start (exit code {server.poll()})")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time used so far by process `pid` (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Server:
    url: str
    pid: int

    def worker_pids(self) -> list[int]:
        """The uvicorn worker processes (`--workers N`), or the server itself when it has none."""
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()
        return [int(c) for c in children] or [self.pid]


@contextmanager
def serving(db: Path | str, workers: int = 1) -> Iterator[Server]:
    """Serve the township database `db` on 127.0.0.1; yields its URL and process id."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kiosk.township.cli", "--db", str(db), "serve",
                               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
                              env=os.environ.copy())
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server)
        yield Server(url, server.pid)
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(10)


def database_cpu_seconds(target) -> float | None:
    """CPU time used so far by a local PostgreSQL server (its postmaster and every backend),
    or None for a SQLite file (its work is inside the server process already)."""
    if not str(target).startswith(("postgresql://", "postgres://")):
        return None
    import psycopg
    with psycopg.connect(str(target)) as conn:
        datadir = conn.execute("SHOW data_directory").fetchone()[0]
    postmaster = int(Path(datadir, "postmaster.pid").read_text().split()[0])
    children = Path(f"/proc/{postmaster}/task/{postmaster}/children").read_text().split()
    total = cpu_seconds(postmaster)
    for pid in children:
        try:
            total += cpu_seconds(int(pid))
        except OSError:          # a backend that ended meanwhile
            pass
    return total
