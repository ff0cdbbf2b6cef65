"""Printer and receipt settings (管理员): how the receipt printer is connected, a test print."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from kiosk import config
from kiosk.core.errors import Refused
from kiosk.i18n import tr
from kiosk.services import settings
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar

KIND_WORDS = {"none": ("不接小票打印机（只存 PDF）", "No receipt printer (PDF only)"),
              "usb": ("USB 小票打印机", "USB receipt printer"), "serial": ("串口小票打印机", "Serial receipt printer"),
              "network": ("网络小票打印机（9100 端口）", "Network receipt printer (port 9100)"),
              "file": ("设备文件（如 /dev/usb/lp0）", "Device file (e.g. /dev/usb/lp0)"),
              "system": ("普通打印机（系统打印）", "Ordinary printer (system printing)")}
TEXT_FIELDS = (config.SHOP_NAME, config.RECEIPT_FOOTER, config.IDLE_LOCK_MINUTES, config.PRINTER_HOST,
               config.PRINTER_PORT, config.PRINTER_DEVICE, config.PRINTER_BAUDRATE,
               config.PRINTER_USB_VENDOR, config.PRINTER_USB_PRODUCT)


class SettingsDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("打印和小票设置", "Printer and receipt settings"))
        self.kind = QComboBox()
        for kind in config.PRINTER_KINDS:
            self.kind.addItem(tr(*KIND_WORDS[kind]), kind)
        self.paper = QComboBox()
        self.paper.addItems(["58", "80"])
        self.mode = QComboBox()
        self.mode.addItem(tr("文字（打印机有中文字库）", "Text (printer has a Chinese font)"), "text")
        self.mode.addItem(tr("图片（打印机没有中文字库）", "Image (no Chinese font)"), "raster")
        self.fields = {s.key: QLineEdit() for s in TEXT_FIELDS}
        self.feedback = FeedbackBar()
        self.save_button = polish(QPushButton(tr("保存", "Save")), "primary")
        self.test_button = QPushButton(tr("打印测试页", "Print a test page"))
        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self.test)
        self._lay_out()
        session.runner.run(lambda: settings.values(session.reader()), self._show)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(tr("连接方式", "Connection"), self.kind)
        form.addRow(tr("纸宽（毫米）", "Paper (mm)"), self.paper)
        form.addRow(tr("打印方式", "Mode"), self.mode)
        for setting in TEXT_FIELDS:
            form.addRow(tr(setting.zh, setting.en), self.fields[setting.key])
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)

    def _show(self, found: dict) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(found[config.PRINTER_KIND.key])))
        self.paper.setCurrentText(str(found[config.PRINTER_PAPER.key]))
        self.mode.setCurrentIndex(max(0, self.mode.findData(found[config.PRINTER_MODE.key])))
        for key, field in self.fields.items():
            field.setText(str(found[key]))

    def changes(self) -> dict[str, str]:
        chosen = {config.PRINTER_KIND.key: self.kind.currentData(),
                  config.PRINTER_PAPER.key: self.paper.currentText(),
                  config.PRINTER_MODE.key: self.mode.currentData()}
        return chosen | {key: field.text() for key, field in self.fields.items()}

    def save(self) -> None:
        changes = self.changes()
        self.session.runner.run(lambda: settings.change(self.session.context(), changes),
                                lambda _: self._saved(), self._refused)

    def _saved(self) -> None:
        self.session.printer = None  # read again from the settings at the next receipt
        self.feedback.show_message(tr("已保存", "Saved"), "ok")

    def test(self) -> None:
        from kiosk.services import receipt_printer

        self.session.runner.run(lambda: receipt_printer.test_print(self.session.context()),
                                self._tested, self._refused)

    def _tested(self, outcome) -> None:
        if outcome.ok:
            self.feedback.show_message(tr("测试页已送到打印机", "Test page sent"), "ok")
        else:
            self.feedback.show_message(outcome.problem, "bad")

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
