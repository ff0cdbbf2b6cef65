"""The back-office page: section groups down the left, the open section on the right.

Four group buttons sit at the top of the left column; the open group's sections are
listed under them, so the column stays short enough for a 1366×768 counter screen
with finger-sized buttons.
"""

from __future__ import annotations

from importlib import import_module

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QStackedWidget, QVBoxLayout, QWidget)

from kiosk.i18n import N_, _
from kiosk.ui.manage.sections import GROUPS, SECTIONS, Group, Section
from kiosk.ui.theme import polish

NAV_WIDTH = 210
# Group buttons are a notch smaller than section buttons (still over 44 px, a fingertip);
# the open group is filled in so the manager sees where they are.
NAV_STYLE = """
QPushButton { font-size: 18px; padding: 2px 4px; }
QPushButton[role="group"] { min-height: 44px; background: #ebe5d8; border: 2px solid #d6cfbf; }
QPushButton[role="group"]:checked { background: #1f4e9c; color: white; border-color: #1f4e9c; }
QPushButton:checked { background: #fbe9ec; border-color: #c8102e; font-weight: bold; }
"""
OTHER = Group("other", N_("其他"), (), N_("其他"))


class ManagePage(QWidget):
    done = Signal()   # back to the exchange screen
    restore_wanted = Signal(str)   # a backup file a manager chose and confirmed

    def __init__(self, session, sections: tuple[Section, ...] = SECTIONS,
                 groups: tuple[Group, ...] = GROUPS) -> None:
        super().__init__()
        self.session = session
        self.sections = {s.key: s for s in sections}
        self.groups = _grouped(sections, groups)
        self.built: dict[str, QWidget] = {}
        self.folds: dict[str, QWidget] = {}
        self.stack = QStackedWidget()
        self.buttons = QButtonGroup(self, exclusive=True)
        self.heads = QButtonGroup(self, exclusive=True)
        self._lay_out()
        if self.groups:
            self.unfold(self.groups[0][0].key)   # the shop's daily work comes first

    def _lay_out(self) -> None:
        column = QVBoxLayout()
        column.addWidget(polish(QLabel(_("管理")), "title"))
        column.addWidget(self._nav(), 1)
        back = polish(QPushButton(_("返回兑换")), "quiet")
        back.setObjectName("manage_back")
        back.clicked.connect(self.done)
        column.addWidget(back)
        self.stack.addWidget(polish(QLabel(_("请在左边选一项。")), "muted"))
        # a safety net: a section taller than a small screen scrolls instead of
        # pushing the window past the screen's bottom edge
        holder = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        holder.setWidget(self.stack)
        holder.viewport().setAutoFillBackground(False)
        self.stack.setAutoFillBackground(False)
        layout = QHBoxLayout(self)
        layout.addLayout(column)
        layout.addWidget(holder, 1)

    def _nav(self) -> QScrollArea:
        inner = QWidget()
        inner.setObjectName("manage_nav")
        inner.setStyleSheet(NAV_STYLE)
        nav = QVBoxLayout(inner)
        nav.setContentsMargins(0, 0, 0, 0)
        nav.setSpacing(4)
        heads = QGridLayout()
        heads.setSpacing(4)
        for n, (group, _members) in enumerate(self.groups):
            head = polish(QPushButton(_(group.short_zh), checkable=True), "group")
            head.setObjectName(f"group_{group.key}")
            head.clicked.connect(lambda _unused=False, key=group.key: self.unfold(key))
            self.heads.addButton(head)
            heads.addWidget(head, n // 2, n % 2)
        nav.addLayout(heads)
        for group, members in self.groups:
            nav.addWidget(self._fold(group, members))
        nav.addStretch(1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        scroll.setFixedWidth(NAV_WIDTH)
        return scroll

    def _fold(self, group: Group, members: list[Section]) -> QWidget:
        fold = QWidget()
        box = QVBoxLayout(fold)
        box.setContentsMargins(0, 6, 0, 0)
        box.setSpacing(4)
        for section in members:
            button = QPushButton(_(section.zh), checkable=True)
            button.setObjectName(f"section_{section.key}")
            button.clicked.connect(lambda _unused=False, key=section.key: self.open(key))
            self.buttons.addButton(button)
            box.addWidget(button)
        fold.setVisible(False)
        self.folds[group.key] = fold
        return fold

    def unfold(self, group_key: str) -> None:
        """Show one group's sections and fold the others."""
        for key, fold in self.folds.items():
            fold.setVisible(key == group_key)
        for head in self.heads.buttons():
            head.setChecked(head.objectName() == f"group_{group_key}")

    def open(self, key: str) -> QWidget:
        """Show a section (building it the first time) and return it."""
        self.unfold(next(g.key for g, members in self.groups if any(s.key == key for s in members)))
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
        self.stack.addWidget(widget)
        if hasattr(widget, "restore_wanted"):
            widget.restore_wanted.connect(self.restore_wanted)
        return widget


def _grouped(sections: tuple[Section, ...], groups: tuple[Group, ...]) -> list[tuple[Group, list[Section]]]:
    """Sections under their groups, in the groups' order; any section not placed goes under 其他."""
    by_key = {s.key: s for s in sections}
    placed = [(g, [by_key[k] for k in g.sections if k in by_key]) for g in groups]
    taken = {s.key for _unused, members in placed for s in members}
    rest = [s for s in sections if s.key not in taken]
    return [(g, m) for g, m in placed if m] + ([(OTHER, rest)] if rest else [])
