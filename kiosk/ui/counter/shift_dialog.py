"""Shift summary (交班 / 日结): today's exchanges, points and goods, per operator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from kiosk.i18n import tr
from kiosk.services import shift
from kiosk.ui.theme import polish


def summary_html(s: shift.ShiftSummary) -> str:
    rows = "".join(f"<tr><td>{o.operator}</td><td align=right>{o.sales}</td>"
                   f"<td align=right>{o.points}</td><td align=right>{o.refunds}</td>"
                   f"<td align=right>{o.refunded}</td></tr>" for o in s.operators)
    goods = "".join(f"<tr><td>{name}</td><td align=right>{qty}</td></tr>" for name, qty in s.goods)
    return (
        f"<h2>{tr('交班 / 日结', 'Shift summary')} {s.day}</h2>"
        f"<p>{tr(f'兑换 {s.sales} 单，用去 {s.points} 分，退回 {s.refunded} 分，净 {s.net_points} 分。', f'{s.sales} exchanges, {s.points} points used, {s.refunded} refunded, net {s.net_points}.')}</p>"
        + (f"<p>{s.cross_words}</p>" if s.cross_words else "") +
        f"<table width=100% cellpadding=4><tr><th align=left>{tr('操作员', 'Operator')}</th>"
        f"<th>{tr('兑换单', 'Sales')}</th><th>{tr('积分', 'Points')}</th><th>{tr('退货', 'Refunds')}</th>"
        f"<th>{tr('退回积分', 'Refunded')}</th></tr>{rows}</table>"
        f"<h3>{tr('出库商品', 'Goods out')}</h3><table width=100% cellpadding=4>{goods}</table>"
    )


class ShiftDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("交班", "Shift summary"))
        self.text = QTextBrowser()
        self.text.setObjectName("shift_text")
        self.session = session
        self.summary: shift.ShiftSummary | None = None
        self.print_button = QPushButton(tr("打印（没有打印机时存为 PDF）", "Print (saved as PDF without a printer)"))
        self.print_button.clicked.connect(self.print_summary)
        self.status = polish(QLabel(""), "muted")
        self.status.setWordWrap(True)
        close = polish(QPushButton(tr("关闭", "Close")), "quiet")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(tr("今天的收银台", "Today at the counter")), "title"))
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
        document = QTextDocument()
        document.setHtml(self.text.toHtml())
        if not QPrinterInfo.defaultPrinter().isNull():
            document.print_(QPrinter(QPrinter.PrinterMode.HighResolution))
            self.status.setText(tr("已送到打印机", "Sent to the printer"))
            return
        folder = self.session.receipts_dir or Path.home()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"shift-{self.summary.day if self.summary else 'today'}.pdf"
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        document.print_(printer)
        self.status.setText(tr(f"没有找到打印机，已存为 {target}", f"No printer found; saved as {target}"))
        self.saved = target
