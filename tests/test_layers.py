"""The layers hold: ui and cli over services over printing and sync over store over core; only
kiosk/ui imports Qt; no module of kiosk imports itself back through others."""

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


def _cycles(graph) -> list[str]:
    """Every import a -> b for which b leads back to a, as the loop it closes."""
    loops = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                loops.append(" -> ".join((importer, *back)))
    return loops


def test_no_import_cycles():
    """Type-checking and function-level imports count too: a loop is a loop however it is written."""
    import grimp

    graph = grimp.build_graph("kiosk", cache_dir=None)
    loops = _cycles(graph)
    assert loops == [], "\n".join(loops)
