"""操作员: which managers cannot confirm whose household's acts as second manager now (回避), each
in the words the counter would refuse him with (kiosk/services/people/confirm_limits.py decides)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.services.people.confirm_limits import ConfirmLimit


class ConfirmLimitsPanel(QWidget):
    """One paragraph per manager with limits; hidden while every manager may confirm for every other."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("operators_confirm_limits")
        self.said: dict[str, QLabel] = {}
        self.list = QVBoxLayout()
        self.list.setContentsMargins(0, 0, 0, 0)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 8, 0)
        column.addLayout(self.list)
        column.addStretch(1)
        self.scroll = _Shy(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(holder)
        heading = QLabel(_("暂时不能做第二位确认的管理员（回避）"))
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        self.list.addWidget(heading)         # in the list, so the words have the page's whole width
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll, 1)
        self.hide()

    def show_limits(self, limits: dict[str, list[ConfirmLimit]]) -> None:
        for label in self.said.values():
            self.list.removeWidget(label)
            label.deleteLater()
        self.said = {name: _paragraph(name, each) for name, each in limits.items()}
        for label in self.said.values():
            self.list.addWidget(label)
        self.setVisible(bool(limits))

    def show_manager(self, name: str) -> None:
        """Bring the chosen manager's limits to the top of the list."""
        if name in self.said:
            self.scroll.verticalScrollBar().setValue(self.said[name].y())

    def words(self, name: str) -> str:
        return self.said[name].text() if name in self.said else ""


def _paragraph(name: str, limits: list[ConfirmLimit]) -> QLabel:
    said = "<br>".join(escape(limit.words()) for limit in limits)     # each household's on a line of its own
    label = QLabel(_("{name}：{words}").format(name=f"<b>{escape(name)}</b>", words=said))
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label


class _Shy(QScrollArea):
    """Asks only for two lines' height and takes whatever the page leaves: a long list scrolls, and
    the forms above stay whole at 1366×768."""

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().sizeHint().width(), 56)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()
