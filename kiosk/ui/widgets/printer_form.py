"""The receipt printer's settings: the connection first, then only what that connection needs."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QWidget

from kiosk import config
from kiosk.ui.widgets.setting_fields import add_rows, show_rows

_PAPER = {config.PRINTER_PAPER.key, config.PRINTER_MODE.key, config.PRINTER_RARE_CHARS.key}
SHOWN_FOR = {
    "none": set(),
    "usb": {config.PRINTER_USB_VENDOR.key, config.PRINTER_USB_PRODUCT.key} | _PAPER,
    "serial": {config.PRINTER_DEVICE.key, config.PRINTER_BAUDRATE.key} | _PAPER,
    "network": {config.PRINTER_HOST.key, config.PRINTER_PORT.key} | _PAPER,
    "file": {config.PRINTER_DEVICE.key} | _PAPER,
    "system": {config.PRINTER_PAPER.key},
}


class PrinterForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setVerticalSpacing(10)
        self.fields = add_rows(self.form, config.PRINTER_SETTINGS)
        self.kind = self.fields[config.PRINTER_KIND.key].widget
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.show_values({s.key: s.default for s in config.PRINTER_SETTINGS})

    def _kind_changed(self) -> None:
        visible = SHOWN_FOR.get(self.kind.currentData(), set()) | {config.PRINTER_KIND.key}
        show_rows(self.form, self.fields, visible)

    def values(self) -> dict[str, str]:
        return {key: field.text() for key, field in self.fields.items()}

    def show_values(self, found: dict[str, object]) -> None:
        for key, field in self.fields.items():
            if key in found:
                field.show_value(found[key])
        self._kind_changed()
