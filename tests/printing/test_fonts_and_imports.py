"""The CJK font is found and embedded-capable; printing stays out of Qt, services and store."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kiosk.printing import PrintingError, fonts

PRINTING = Path(fonts.__file__).parent


def test_a_cjk_truetype_font_is_found_and_registered():
    from reportlab.pdfbase import pdfmetrics

    found = fonts.cjk_font()
    assert found.path.is_file()
    name = fonts.reportlab_font()
    assert pdfmetrics.stringWidth("青", name, 10) == pytest.approx(10, abs=0.5)
    assert fonts.pil_font(24).getbbox("青")[2] > 12


def test_no_font_anywhere_is_a_clear_printing_error(monkeypatch):
    monkeypatch.setattr(fonts, "candidates", list)
    fonts.cjk_font.cache_clear()
    try:
        with pytest.raises(PrintingError) as caught:
            fonts.cjk_font()
        assert "中文字体" in str(caught.value) and "font" in caught.value.message("en")
    finally:
        monkeypatch.undo()
        fonts.cjk_font.cache_clear()
        fonts.reportlab_font()


def test_a_cff_font_is_skipped_for_the_next_one(monkeypatch):
    noto = fonts.FontFile(Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"))
    if not noto.path.is_file():
        pytest.skip("Noto CJK is not installed")
    real = [f for f in fonts.candidates() if f.path.suffix in (".ttc", ".ttf")]
    monkeypatch.setattr(fonts, "candidates", lambda: [noto] + real)
    fonts.cjk_font.cache_clear()
    try:
        assert fonts.cjk_font() == real[0]
    finally:
        monkeypatch.undo()
        fonts.cjk_font.cache_clear()


def _runtime_imports(path: Path) -> set[str]:
    """Imports outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and getattr(node.test, "id", "") == "TYPE_CHECKING" for n in ast.walk(node)}
    names = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(PRINTING.glob("*.py")), ids=lambda p: p.name)
def test_printing_imports_no_qt_services_or_store(path):
    for name in _runtime_imports(path):
        assert not name.startswith(("PySide6", "kiosk.services", "kiosk.store", "kiosk.ui")), name
