"""An ordinary printer through Qt: for shops without a thermal receipt printer."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.i18n import _


def print_png(png: bytes, title: str, printer: QPrinter | None = None) -> str:
    """Print an image on the default system printer; returns a problem to show, or ''."""
    if printer is None:
        if QPrinterInfo.defaultPrinter().isNull():
            return _("找不到系统打印机：请在电脑的设置里装好打印机，或改用小票打印机。")
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    image = QImage.fromData(png, "PNG")
    painter = QPainter()
    if not painter.begin(printer):
        return _("打印机没有响应，请检查后点“重新打印”。")
    page = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
    scaled = image.scaledToWidth(min(page.width(), image.width() * 4), Qt.TransformationMode.FastTransformation)
    painter.drawImage(QRect(0, 0, scaled.width(), scaled.height()), scaled)
    painter.end()
    return ""
