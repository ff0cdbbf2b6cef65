"""A throw-away PostgreSQL cluster for the township tests, and a fresh database per test.

KIOSK_TEST_PG=postgresql://… uses a server that is already running (e.g. under pg_virtualenv);
otherwise the installed binaries (/usr/lib/postgresql/*/bin) start one in a temp dir for the
session: fsync off, trust on loopback, as the `postgres` user when the tests run as root
(initdb refuses root). Each test gets its own database copied from a template that already
has the township schema (CREATE DATABASE … TEMPLATE: a few ms, not a new cluster).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

TEMPLATE = "township_template"


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).resolve().parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """A running server: its admin URL, databases made and dropped on it."""

    def __init__(self) -> None:
        self.datadir: Path | None = None
        given = os.environ.get("KIOSK_TEST_PG")
        self.admin_url = given or self._start()
        self._make_template()

    def _run(self, *cmd: str) -> None:
        if os.geteuid() == 0:
            cmd = ("runuser", "-u", "postgres", "--", *cmd)
        subprocess.run(cmd, check=True, capture_output=True, cwd="/")

    def _start(self) -> str:
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError("no PostgreSQL binaries")
        root = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.datadir, self.bin_dir = root / "data", bin_dir
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")
        self._run(str(bin_dir / "initdb"), "-D", str(self.datadir), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8")
        port = _free_port()
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -F -c max_connections=400"
        self._run(str(bin_dir / "pg_ctl"), "-D", str(self.datadir), "-o", options, "-l", str(root / "log"),
                  "-w", "start")
        return f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def url(self, name: str) -> str:
        return self.admin_url.rsplit("/", 1)[0] + "/" + name

    def _admin(self, sql: str) -> None:
        import psycopg
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def _make_template(self) -> None:
        from kiosk.township.store import Store
        self._admin(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        self._admin(f"CREATE DATABASE {TEMPLATE}")
        Store(self.url(TEMPLATE)).close()

    def fresh(self, schema: bool = True) -> str:
        """A new database (with the township schema, or empty) and its URL."""
        name = "t_" + uuid.uuid4().hex[:16]
        self._admin(f"CREATE DATABASE {name}" + (f" TEMPLATE {TEMPLATE}" if schema else ""))
        return self.url(name)

    def drop(self, url: str) -> None:
        self._admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self) -> None:
        if self.datadir is not None:
            self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate", "stop")
            shutil.rmtree(self.datadir.parent, ignore_errors=True)


def available() -> str | None:
    """None when PostgreSQL can be used, else why not."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    if os.environ.get("KIOSK_TEST_PG") or binaries():
        return None
    return "no PostgreSQL binaries (apt-get install postgresql)"


try:
    import pytest
except ImportError:  # pragma: no cover
    pytest = None

if pytest is not None:
    @pytest.fixture(scope="session")
    def pg_cluster():
        """One throw-away PostgreSQL server for the session (skips with the reason when there is none)."""
        reason = available()
        if reason:
            pytest.skip(reason)
        cluster = Cluster()
        yield cluster
        cluster.stop()

    @pytest.fixture(params=["sqlite", "postgresql"])
    def backend(request) -> str:
        return request.param

    @pytest.fixture
    def township_db(request, backend, tmp_path):
        """Where the township's store lives: a SQLite file, or a fresh PostgreSQL database's URL."""
        if backend == "sqlite":
            yield tmp_path / "township.sqlite3"
            return
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.fresh()
        yield url
        cluster.drop(url)
