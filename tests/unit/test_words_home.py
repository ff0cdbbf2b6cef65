"""Words live in one place: kiosk.i18n is machinery, the tables of words are in kiosk/messages by area."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

import kiosk

KIOSK = Path(kiosk.__file__).parent
MESSAGES = sorted(p for p in (KIOSK / "messages").glob("*.py"))
CJK = re.compile(r"[\u4e00-\u9fff]")
# Modules that look words up; their tables moved to kiosk/messages (kinds' words: kiosk.core.kinds).
LOOKERS_UP = ("i18n.py", "township/words.py", "township/console/words.py",
              "services/selfservice/words.py", "services/sync/kept_words.py", "services/reports/common.py")


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _table_words(path: Path) -> list[str]:
    """Chinese written as a dict's value: a table of words (docstrings and _("…") lookups aside)."""
    tree = _tree(path)
    return [node.value for d in ast.walk(tree) if isinstance(d, ast.Dict) for v in d.values
            for node in ast.walk(v) if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and CJK.search(node.value)]


@pytest.mark.parametrize("name", LOOKERS_UP)
def test_modules_that_look_words_up_keep_no_table_of_words(name):
    assert _table_words(KIOSK / name) == []


def test_i18n_writes_no_chinese_outside_its_docstring():
    tree = _tree(KIOSK / "i18n.py")
    docs = _docstrings(tree)
    said = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and CJK.search(n.value) and id(n) not in docs]
    assert said == []


@pytest.mark.parametrize("path", MESSAGES, ids=lambda p: p.name)
def test_a_table_of_words_never_imports_the_machinery(path):
    """Tables import only kiosk.messages.marks (N_), so kiosk.i18n can read them in any import order."""
    imported = {n.module for n in ast.walk(_tree(path)) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(_tree(path)) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m == "kiosk.i18n" or m.startswith(("kiosk.services", "kiosk.store"))}


@pytest.mark.parametrize("path", MESSAGES, ids=lambda p: p.name)
def test_each_table_can_be_imported_first(path):
    module = f"kiosk.messages.{path.stem}" if path.stem != "__init__" else "kiosk.messages"
    done = subprocess.run([sys.executable, "-c", f"import {module}; import kiosk.i18n; print(len(kiosk.i18n.MESSAGES))"],
                          cwd=KIOSK.parent, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 300
