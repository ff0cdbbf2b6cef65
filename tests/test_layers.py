"""The layers hold: ui and cli over services over store over core; only kiosk/ui imports Qt."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIOSK = ROOT / "kiosk"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_only_ui_imports_qt():
    offenders = [
        str(path.relative_to(ROOT))
        for path in KIOSK.rglob("*.py")
        if "ui" not in path.relative_to(KIOSK).parts[:1]
        and any(name.split(".")[0] in ("PySide6", "PyQt6", "PyQt5") for name in _imports(path))
    ]
    assert offenders == []


def test_nothing_imports_ui():
    offenders = [
        str(path.relative_to(ROOT))
        for path in KIOSK.rglob("*.py")
        if "ui" not in path.relative_to(KIOSK).parts[:1]
        and any(name.startswith("kiosk.ui") for name in _imports(path))
    ]
    assert offenders == []


def test_import_linter_contracts_hold():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint, "import-linter is part of the test extras"
    result = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
