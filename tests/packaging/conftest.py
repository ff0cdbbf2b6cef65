"""Fixtures for the packaging tests: the built bundle, a demo village made by it, a clean
environment for running it (its own HOME, so nothing lands in the developer's data folder)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.bundle_cache import linux_bundle

needs_linux_build = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("objdump") is None,
    reason="the Linux bundle is built on Linux, with binutils' objdump")


@pytest.fixture(scope="session")
def bundle() -> Path:
    return linux_bundle()


@pytest.fixture(scope="session")
def bundle_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("bundle-home")


@pytest.fixture(scope="session")
def bundle_env(bundle_home) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KIOSK_"))}
    env.update(HOME=str(bundle_home), XDG_DATA_HOME=str(bundle_home / "data"),
               XDG_CONFIG_HOME=str(bundle_home / "config"), XDG_CACHE_HOME=str(bundle_home / "cache"),
               QT_QPA_PLATFORM="offscreen", KIOSK_LANG="zh")
    return env


def run_bundle(bundle: Path, env: dict, *args: str, program: str = "kiosk", timeout: float = 120):
    return subprocess.run([str(bundle / program), *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="session")
def bundle_demo(bundle, bundle_env, tmp_path_factory) -> Path:
    """The demo village, built by the bundle's own `kiosk demo`."""
    db = tmp_path_factory.mktemp("bundle-demo") / "demo.sqlite"
    done = run_bundle(bundle, bundle_env, "--db", str(db), "demo", "--no-gui", timeout=300)
    assert done.returncode == 0, done.stderr
    assert "青石村" in done.stdout and "刘建军" in done.stdout
    return db


@pytest.fixture
def demo_copy(bundle_demo, tmp_path) -> Path:
    """A copy of the demo village a test may change (the counter writes at start)."""
    folder = tmp_path / "village"
    folder.mkdir()
    for part in bundle_demo.parent.glob(bundle_demo.name + "*"):  # with -wal/-shm if any
        shutil.copy2(part, folder / part.name)
    return folder / bundle_demo.name
