"""The 交班 slip saved as a PDF is readable on paper, with the program's own styles on."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pypdf import PdfReader

from tests.ui.test_counter_flows import rice_in_cart


def _text_sizes(pdf) -> dict[str, float]:
    """Each piece of text on the first page and its height on paper, in points."""
    sizes: dict[str, float] = {}

    def visit(text, cm, tm, _font, font_size):
        if text.strip():
            sizes[text.strip()] = abs(font_size * tm[3] * cm[3])

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return sizes


def test_the_saved_shift_slip_has_body_text_a_person_can_read(qtbot, themed, counter, shop):
    rice_in_cart(qtbot, counter, shop)
    counter.exchange.confirm_sale()
    dialog = counter.open_shift()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    sizes = _text_sizes(dialog.saved)
    body = {text: size for text, size in sizes.items() if "张晓燕" in text or "兑换" in text}
    assert body, sizes
    assert min(body.values()) >= 8, body        # it was about 1 pt: the screen's pixels on a 1200 dpi page
