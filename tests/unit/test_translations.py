"""The English catalogue is complete, current, and every translation fits the values its call site gives."""

from __future__ import annotations

import ast
import importlib.util
import string
from pathlib import Path

from kiosk import i18n

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("translations", ROOT / "packaging" / "translations.py")
translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translations)


def names(text: str) -> set[str]:
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text) if field}


def formatted_call_sites() -> dict[tuple[str | None, str], list[tuple[str, set[str]]]]:
    """(context, Chinese) → [(where, the keyword names .format() gets there)] for `_("…").format(...)`."""
    found: dict = {}
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "format" and isinstance(node.func.value, ast.Call)):
                continue
            inner = node.func.value
            if not (isinstance(inner.func, ast.Name) and inner.func.id in ("_", "_p")) or not inner.args:
                continue
            args = [a.value if isinstance(a, ast.Constant) else None for a in inner.args]
            context, text = (None, args[0]) if inner.func.id == "_" else (args[0], args[1])
            if isinstance(text, str) and all(k.arg for k in node.keywords):
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                found.setdefault((context, text), []).append((where, {k.arg for k in node.keywords}))
    return found


CATALOGUE = translations.read_catalogue("en")
ENTRIES = [m for m in CATALOGUE if m.id]
SITES = formatted_call_sites()


def test_the_catalogue_is_complete_and_kiosk_mo_is_current():
    assert translations.problems("en") == []


def test_the_scans_find_the_words():
    # Guards the scans themselves: words written three ways, and calls with values.
    wanted = translations.program_words()
    assert (None, "兑换") in wanted and ("qty_absurd", i18n.MESSAGES["qty_absurd"]) in wanted
    assert len(wanted) > 1000 and len(SITES) > 200


def test_every_translation_uses_only_values_it_is_given():
    wrong = []
    for entry in ENTRIES:
        wanted = names(entry.string)
        for where, keywords in SITES.get((entry.context, entry.id)) or [("", names(entry.id))]:
            if not wanted <= keywords:
                wrong.append(f"{where} {entry.id!r} → {entry.string!r} needs {sorted(wanted - keywords)}")
    assert wrong == []


def test_english_comes_from_the_compiled_catalogue_and_chinese_is_the_source():
    assert i18n._("兑换", "en") != "兑换"
    assert i18n._("兑换", "zh") == "兑换"
    assert i18n.message("qty_absurd", "en", qty=5000, most=999).startswith("The quantity")
    assert i18n._("", "en") == ""   # never the catalogue's header


def test_a_word_marked_with_a_context_reads_as_that_context_says():
    marked = [m for m in ENTRIES if m.context and m.context not in i18n.MESSAGES]
    assert marked, "some words read differently in some places"
    entry = marked[0]
    assert i18n._(i18n.N_(entry.id, entry.context), "en") == entry.string
