"""The Linux bundle for the packaging tests, built once per state of the sources.

A build takes a minute or two, so the folder is kept under the temp dir (or
KIOSK_BUNDLE_CACHE), named by a hash of everything that goes into it: a developer
re-running the tests reuses it, a fresh CI machine builds it once. The build
environment (a clean venv with only the program's dependencies and PyInstaller) is
kept by a hash of those requirements.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE_NAME = "jifen-kiosk"
SOURCES = ("kiosk", "db", "assets", "packaging/kiosk.spec", "packaging/launcher.py",
           "packaging/bundle_requirements.py", "packaging/build_linux.sh", "packaging/fonts",
           "packaging/fallback_fonts.py",
           "pyproject.toml")
BUILD_TIMEOUT = 1200


def cache_root() -> Path:
    return Path(os.environ.get("KIOSK_BUNDLE_CACHE") or tempfile.gettempdir()) / "jifen-kiosk-bundle"


def _files(entry: Path):
    if entry.is_file():
        yield entry
        return
    for path in sorted(entry.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path


def sources_hash() -> str:
    digest = hashlib.sha256(sys.version.encode())
    for entry in SOURCES:
        for path in _files(ROOT / entry):
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def requirements_hash() -> str:
    text = (ROOT / "pyproject.toml").read_bytes() + (ROOT / "packaging/bundle_requirements.py").read_bytes()
    return hashlib.sha256(sys.version.encode() + text).hexdigest()[:12]


def build_venv() -> Path:
    return cache_root() / f"venv-{requirements_hash()}"


def _build(target: Path) -> dict:
    scratch = target.with_name(f"{target.name}.partial-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    env = {**os.environ, "KIOSK_BUILD_VENV": str(build_venv()), "PYTHON": sys.executable}
    env.pop("QT_QPA_PLATFORM", None)
    started = time.monotonic()
    done = subprocess.run(["bash", str(ROOT / "packaging/build_linux.sh"), str(scratch)], env=env,
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"bundle build failed ({done.returncode}):\n"
                           f"{done.stdout[-4000:]}\n{done.stderr[-8000:]}")
    shutil.rmtree(scratch / "work", ignore_errors=True)
    shutil.rmtree(scratch / "venv", ignore_errors=True)
    bundle = scratch / "dist" / BUNDLE_NAME
    info = {"seconds": round(time.monotonic() - started, 1),
            "bytes": sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())}
    (scratch / "build-info.json").write_text(json.dumps(info))
    scratch.rename(target)
    return info


def _forget_old_builds(keep: Path) -> None:
    for old in cache_root().iterdir():
        if old.is_dir() and old != keep and not old.name.startswith("venv-") and old.name != ".lock":
            shutil.rmtree(old, ignore_errors=True)


def linux_bundle() -> Path:
    """The bundle folder for the current sources: the cached one, or a fresh build."""
    root = cache_root()
    root.mkdir(parents=True, exist_ok=True)
    target = root / sources_hash()
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test runs at once build once
        if not (target / "build-info.json").is_file():
            _forget_old_builds(keep=target)
            _build(target)
    return target / "dist" / BUNDLE_NAME


def build_info(bundle: Path) -> dict:
    return json.loads((bundle.parents[1] / "build-info.json").read_text())
