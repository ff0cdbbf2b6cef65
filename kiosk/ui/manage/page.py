"""The back-office page: big section buttons down the left, the open section on the right."""

from __future__ import annotations

from importlib import import_module

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QButtonGroup, QHBoxLayout, QLabel, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from kiosk.i18n import tr
from kiosk.ui.manage.sections import SECTIONS, Section
from kiosk.ui.theme import polish


class ManagePage(QWidget):
    done = Signal()   # back to the exchange screen
    restore_wanted = Signal(str)   # a backup file a manager chose and confirmed

    def __init__(self, session, sections: tuple[Section, ...] = SECTIONS) -> None:
        super().__init__()
        self.session = session
        self.sections = {s.key: s for s in sections}
        self.built: dict[str, QWidget] = {}
        self.stack = QStackedWidget()
        self.buttons = QButtonGroup(self, exclusive=True)
        self._lay_out(sections)

    def _lay_out(self, sections: tuple[Section, ...]) -> None:
        nav = QVBoxLayout()
        nav.addWidget(polish(QLabel(tr("管理", "Back office")), "title"))
        for section in sections:
            button = QPushButton(tr(section.zh, section.en), checkable=True)
            button.setObjectName(f"section_{section.key}")
            button.clicked.connect(lambda _=False, key=section.key: self.open(key))
            self.buttons.addButton(button)
            nav.addWidget(button)
        nav.addStretch(1)
        back = polish(QPushButton(tr("返回兑换", "Back to exchange")), "quiet")
        back.setObjectName("manage_back")
        back.clicked.connect(self.done)
        nav.addWidget(back)
        self.stack.addWidget(polish(QLabel(tr("请在左边选一项。", "Choose a section on the left.")), "muted"))
        layout = QHBoxLayout(self)
        layout.addLayout(nav)
        layout.addWidget(self.stack, 1)

    def open(self, key: str) -> QWidget:
        """Show a section (building it the first time) and return it."""
        widget = self.built.get(key) or self._build(self.sections[key])
        self.stack.setCurrentWidget(widget)
        for button in self.buttons.buttons():
            button.setChecked(button.objectName() == f"section_{key}")
        if hasattr(widget, "load"):
            widget.load()
        return widget

    def on_scan(self, code: str) -> None:
        """A scanner burst goes to the open section, if it takes scans."""
        widget = self.stack.currentWidget()
        if hasattr(widget, "on_scan"):
            widget.on_scan(code)

    def _build(self, section: Section) -> QWidget:
        widget = getattr(import_module(section.module), section.cls)(self.session)
        widget.setObjectName(f"manage_{section.key}")
        self.built[section.key] = widget
        if hasattr(widget, "restore_wanted"):
            widget.restore_wanted.connect(self.restore_wanted)
        self.stack.addWidget(widget)
        return widget
