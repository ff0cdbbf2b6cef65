"""The English catalogue: find every word the program shows, keep kiosk.po complete, compile kiosk.mo.

    python packaging/translations.py update   # add new words (empty), drop gone ones, compile
    python packaging/translations.py check    # exit 1 if a word has no English or kiosk.mo is stale

The program is written in Chinese. A word is found where it is written:
`_("…")`, `_p("context", "…")`, `N_("…")` / `N_("…", "context")` in kiosk/, and
the refusal messages (`kiosk.i18n.MESSAGES`, the code as context). Translators
edit kiosk.po (Poedit, Qt Linguist or a text editor), then run `update`.
"""

from __future__ import annotations

import ast
import io
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = ROOT / "assets" / "translations"
LANGS = ("en",)
MARKERS = {"_": (None, 0), "N_": (1, 0), "_p": (0, 1)}   # name → (context arg index, text arg index)


def po_path(lang: str) -> Path:
    return CATALOGUE_DIR / lang / "LC_MESSAGES" / "kiosk.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def words_in_source(source: str, where: str) -> Iterator[tuple[str | None, str, str]]:
    """(context, text, where) for every marked literal in one file."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS):
            continue
        context_at, text_at = MARKERS[node.func.id]
        if len(node.args) <= text_at:
            continue
        text = _literal(node.args[text_at])
        context = _literal(node.args[context_at]) if context_at is not None and len(node.args) > context_at else None
        if text:
            yield context, text, f"{where}:{node.lineno}"


def program_words(root: Path = ROOT) -> dict[tuple[str | None, str], list[str]]:
    """Every word the program can show: (context, Chinese) → where it is written."""
    found: dict[tuple[str | None, str], list[str]] = {}
    for path in sorted((root / "kiosk").rglob("*.py")):
        where = str(path.relative_to(root))
        for context, text, place in words_in_source(path.read_text(encoding="utf-8"), where):
            found.setdefault((context, text), []).append(place)
    sys.path.insert(0, str(root))
    from kiosk.i18n import MESSAGES

    for code, text in MESSAGES.items():
        found.setdefault((code, text), []).append("kiosk.i18n.MESSAGES")
    return found


def read_catalogue(lang: str):
    from babel.messages.pofile import read_po

    with po_path(lang).open("rb") as f:
        return read_po(f, locale=lang, domain="kiosk")


def write_catalogue(catalog, lang: str) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    po_path(lang).parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=True, include_lineno=False)
    po_path(lang).write_bytes(buffer.getvalue())
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    mo_path(lang).write_bytes(buffer.getvalue())


def update(lang: str) -> list[str]:
    """Bring kiosk.po in line with the program; returns the words still without a translation."""
    from babel.messages.catalog import Catalog

    old = read_catalogue(lang) if po_path(lang).exists() else Catalog(locale=lang, domain="kiosk")
    new = Catalog(locale=lang, domain="kiosk", project="积分超市 kiosk", charset="utf-8")
    for (context, text), places in program_words().items():
        kept = old.get(text, context=context)
        translated = kept.string if kept is not None else ""
        new.add(text, translated, locations=[(p.rsplit(":", 1)[0], None) for p in places[:1]],
                context=context)
    write_catalogue(new, lang)
    return [m.id for m in new if m.id and not m.string]


def problems(lang: str) -> list[str]:
    """What is wrong with a language's catalogue: missing, untranslated, unused, stale .mo."""
    import gettext

    catalog = read_catalogue(lang)
    wanted = program_words()
    said: list[str] = []
    for (context, text), places in wanted.items():
        entry = catalog.get(text, context=context)
        if entry is None or not entry.string:
            said.append(f"no {lang} words for {text!r} (context {context!r}) at {places[0]}")
    for entry in catalog:
        if entry.id and (entry.context, entry.id) not in wanted:
            said.append(f"{lang} catalogue has a word the program no longer uses: {entry.id!r}")
    with mo_path(lang).open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    for entry in catalog:
        if entry.id and entry.string:
            key = f"{entry.context}\x04{entry.id}" if entry.context else entry.id
            if compiled._catalog.get(key) != entry.string:  # noqa: SLF001 - the compiled table itself
                said.append(f"kiosk.mo is older than kiosk.po ({entry.id!r}): run update")
                break
    return said


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for lang in LANGS:
            missing = update(lang)
            print(f"{lang}: {len(missing)} words without a translation" + "".join(f"\n  {m}" for m in missing))
        return 0
    if command == "check":
        said = [line for lang in LANGS for line in problems(lang)]
        print("\n".join(said) or "catalogues complete")
        return 1 if said else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
