"""Shift summary (交班 / 日结): today's exchanges, points and goods, per operator."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from kiosk.i18n import _, _p
from kiosk.services.reports import shift
from kiosk.ui.theme import polish

PAPER_POINTS = 11   # the slip's body text on paper, in points (the screen's sizes are in pixels)


SIGN_HERE = "＿" * 8


def summary_html(s: shift.ShiftSummary) -> str:
    rows = "".join(f"<tr><td>{escape(o.operator)}</td><td align=right>{o.sales}</td>"
                   f"<td align=right>{o.points}</td><td align=right>{o.refunds}</td>"
                   f"<td align=right>{o.refunded}</td></tr>" for o in s.operators)
    goods = "".join(f"<tr><td>{escape(name)}</td><td align=right>{qty}</td></tr>" for name, qty in s.goods)
    made = (f"<p>{_('截至 {time}').format(time=s.made_at.strftime('%Y-%m-%d %H:%M'))}</p>"
            if s.made_at else "")
    return (
        f"<h2>{escape(s.shop)} {_('交班 / 日结')} {s.day}</h2>{made}<p>{_('兑换 {sales} 单，用去 {points} 分，退回 {refunded} 分，净 {net_points} 分。').format(sales=s.sales, points=s.points, refunded=s.refunded, net_points=s.net_points)}</p>"
        + (f"<p>{s.cross_words}</p>" if s.cross_words else "")
        + (f"<p>{s.anchor_words}</p>" if s.anchor_words else "") +
        f"<table width=100% cellpadding=4><tr><th align=left>{_('操作员')}</th><th>{_p('shift_dialog', '兑换单')}</th><th>{_('积分')}</th><th>{_p('shift_dialog#2', '退货')}</th><th>{_('退回积分')}</th></tr>{rows}</table><h3>{_('出库商品')}</h3><table width=100% cellpadding=4>{goods}</table>"
    )


def paper_document(s: shift.ShiftSummary | None, shown_text: str) -> QTextDocument:
    """The slip for paper, sized in points: the screen's HTML carries pixel sizes that a
    1200 dpi printer or PDF draws a few hundredths of an inch tall."""
    document = QTextDocument()
    font = QFont(document.defaultFont())
    font.setPointSize(PAPER_POINTS)
    document.setDefaultFont(font)
    if s is None:
        document.setPlainText(shown_text)
    else:
        document.setHtml(summary_html(s) + signature_html())
    return document


def signature_html() -> str:
    """The slip's last lines on paper: who handed the counter over and who took it, signed by hand."""
    return (f"<p><br>{_('交班人签字：')}{SIGN_HERE}&nbsp;&nbsp;&nbsp;&nbsp;{_('接班人签字：')}{SIGN_HERE}</p>"
            f"<p><br>{_('村管理员核对签字：')}{SIGN_HERE}</p>")


class ShiftDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("交班"))
        self.text = QTextBrowser()
        self.text.setObjectName("shift_text")
        self.session = session
        self.summary: shift.ShiftSummary | None = None
        self.print_button = QPushButton(_("打印（没有打印机时存为 PDF）"))
        self.print_button.clicked.connect(self.print_summary)
        self.status = polish(QLabel(""), "muted")
        self.status.setWordWrap(True)
        close = polish(QPushButton(_("关闭")), "quiet")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("今天的收银台")), "title"))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.print_button)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.resize(760, 620)
        session.runner.run(lambda: shift.summary(session.reader()), self.show_summary)

    def show_summary(self, s: shift.ShiftSummary) -> None:
        self.summary = s
        self.text.setHtml(summary_html(s))

    def print_summary(self) -> None:
        """On the system printer if there is one, else as a PDF beside the receipts."""
        document = paper_document(self.summary, self.text.toPlainText())
        if not QPrinterInfo.defaultPrinter().isNull():
            document.print_(QPrinter(QPrinter.PrinterMode.HighResolution))
            self.status.setText(_("已送到打印机"))
            return
        folder = self.session.receipts_dir or Path.home()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"shift-{self.summary.day if self.summary else 'today'}.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        document.print_(printer)
        self.status.setText(_("没有找到打印机，已存为 {target}").format(target=target))
        self.saved = target
