"""The weight of a weighed item (散装): typed after the scale shows it, points shown as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.core.weighed import amount, shown, step_text, steps
from kiosk.i18n import _
from kiosk.ui.theme import polish


class WeightDialog(QDialog):
    """Asks how much of `product` (1.5 斤); `steps` holds the answer in the product's steps."""

    def __init__(self, product, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.product = product
        self.steps: int | None = None
        self.setWindowTitle(_("称重：{name}").format(name=product.name))
        self.weight = QLineEdit()
        self.weight.setObjectName("weight")
        self.weight.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.weight.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.weight.setPlaceholderText(_("如 1.5"))
        self.weight.textChanged.connect(self._preview)
        self.weight.returnPressed.connect(self.take)
        self.note = QLabel("")
        self.note.setObjectName("weight_note")
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.take)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(self._heading()), "title"))
        layout.addWidget(self.weight)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.weight.setFocus()

    def _heading(self) -> str:
        p = self.product
        return _("{name}：每{unit} {price} 分，最小 {step}{unit}，还有 {stock}{unit}").format(
            name=p.name, unit=p.unit, price=p.price, step=step_text(p.scale),
            stock=shown(p.stock, p.scale))

    def _parsed(self) -> int:
        return steps(self.weight.text(), self.product.scale)

    def _preview(self) -> None:
        if not self.weight.text().strip():
            self.note.setText("")
            return
        try:
            count = self._parsed()
        except Refused as refusal:
            self.note.setText(refusal.message())
            return
        self.note.setText(_("{qty}{unit}，{points} 分").format(
            qty=shown(count, self.product.scale), unit=self.product.unit,
            points=amount(self.product.price, count, self.product.scale)))

    def take(self) -> None:
        """Accept a weight that reads right; otherwise say what is wrong and stay open."""
        try:
            self.steps = self._parsed()
        except Refused as refusal:
            self.note.setText(refusal.message())
            return
        self.accept()

    @classmethod
    def ask(cls, product, parent: QWidget | None = None) -> int | None:
        """The weight in the product's steps, or None when the volunteer cancels."""
        dialog = cls(product, parent)
        return dialog.steps if dialog.exec() == QDialog.DialogCode.Accepted else None
