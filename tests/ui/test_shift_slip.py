"""The 交班 slip saved as a PDF is readable on paper, with the program's own styles on."""

from __future__ import annotations

import unicodedata

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


def _plain(text: str) -> str:
    """NFKC (the PDF's text maps some hanzi to Kangxi radicals: ⽯ for 石), without spaces or tabs."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _pdf_text(pdf) -> str:
    return _plain("".join(page.extract_text() for page in PdfReader(pdf).pages))


def test_the_slip_on_paper_names_the_shop_the_time_and_has_lines_to_sign(qtbot, themed, counter, shop):
    rice_in_cart(qtbot, counter, shop)
    counter.exchange.confirm_sale()
    dialog = counter.open_shift()
    qtbot.waitUntil(lambda: dialog.summary is not None)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    text = _pdf_text(dialog.saved)
    made = dialog.summary.made_at.strftime("%Y-%m-%d%H:%M")
    assert dialog.summary.shop.endswith("积分超市")
    assert _plain("积分超市 交班 / 日结") in text, text    # the shop's name heads the slip (its 青 reads back as ⻘)
    assert _plain(f"截至{made}") in text, text
    for words in ("交班人签字：", "接班人签字：", "村管理员核对签字："):
        assert _plain(words) in text, text
    assert "交班人签字" not in dialog.text.toPlainText()     # on paper only: nobody signs a screen


def test_names_on_the_slip_are_shown_as_written_not_read_as_markup(qtbot, themed):
    from datetime import date, datetime

    from PySide6.QtGui import QTextDocument

    from kiosk.core.points import Points
    from kiosk.services.reports.shift import OperatorShift, ShiftSummary
    from kiosk.ui.counter.shift_dialog import summary_html

    s = ShiftSummary(date(2026, 12, 6), 1, Points(500), Points(0), [("<b>粗盐</b> & 碱", 2)],
                     [OperatorShift("张<i>晓燕", 1, Points(500), 0, Points(0))], shop="青石村<积分超市>",
                     made_at=datetime(2026, 12, 6, 17, 30))
    document = QTextDocument()
    document.setHtml(summary_html(s))
    shown = document.toPlainText()
    for written in ("<b>粗盐</b> & 碱", "张<i>晓燕", "青石村<积分超市>", "截至 2026-12-06 17:30"):
        assert written in shown, shown
