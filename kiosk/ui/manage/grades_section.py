"""等次和过期 (back office): the village's grades with their perks, and when points expire."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.core.grades import MOST_GRADES
from kiosk.i18n import _
from kiosk.services.points import grades_admin
from kiosk.ui.manage.expiry_panel import ExpiryPanel
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar


class GradesSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.rows: list[tuple[QLineEdit, QLineEdit, QLineEdit]] = []
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for column, words in enumerate((_("等次"), _("最低分"), _("待遇"))):
            self.grid.addWidget(polish(QLabel(words), "muted"), 0, column)
        self.grid.setColumnStretch(2, 1)
        self.grid.setRowStretch(MOST_GRADES + 1, 1)
        self.counts = polish(QLabel(""), "muted")
        self.counts.setWordWrap(True)
        self.feedback = FeedbackBar()
        self.expiry = ExpiryPanel(session, self.feedback)
        self.save = polish(QPushButton(_("保存等次")), "primary")
        self.save.setObjectName("grades_save")
        self.save.clicked.connect(self.save_grades)
        self._lay_out()

    def _lay_out(self) -> None:
        more = QPushButton(_("加一档"))
        more.setObjectName("grades_add_row")
        more.clicked.connect(lambda: self.add_row())
        fewer = QPushButton(_("去掉最后一档"))
        fewer.setObjectName("grades_remove_row")
        fewer.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(more)
        buttons.addWidget(fewer)
        buttons.addWidget(self.save, 1)
        left = QVBoxLayout()
        left.addWidget(polish(QLabel(_("信用等次：从高到低")), "title"))
        hint = polish(QLabel(_("按全年得分（记分减扣分，兑换和过期都不减）评等次。最低一档不用写分。")), "muted")
        hint.setWordWrap(True)
        left.addWidget(hint)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_box)
        left.addWidget(scroll, 1)
        left.addLayout(buttons)
        left.addWidget(self.counts)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.expiry, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.feedback)

    def load(self) -> None:
        reader = self.session.reader()
        self.session.runner.run(lambda: (grades_admin.grades(reader), grades_admin.household_grades(reader)),
                                self._show, self._refused)
        self.expiry.load()

    def _show(self, found) -> None:
        grades, households = found
        while self.rows:
            self.remove_row()
        for n, grade in enumerate(grades):
            floor = n == len(grades) - 1
            self.add_row(grade.label, "" if floor else str(grade.minimum), grade.perks)
        counts = {g.label: 0 for g in grades}
        for household in households:
            counts[household.grade] = counts.get(household.grade, 0) + 1
        self.counts.setText(_("今年各等次户数：")
                            + _("　").join(f"{label} {count}" for label, count in counts.items()))

    def add_row(self, label: str = "", minimum: str = "", perks: str = "") -> None:
        if len(self.rows) >= MOST_GRADES:
            return
        n = len(self.rows)
        edits = tuple(QLineEdit(text) for text in (label, minimum, perks))
        for edit, key, width in zip(edits, ("label", "minimum", "perks"), (130, 130, None)):
            edit.setObjectName(f"grade_{n}_{key}")
            if width:
                edit.setMaximumWidth(width)
            self.grid.addWidget(edit, n + 1, ("label", "minimum", "perks").index(key))
        edits[1].setPlaceholderText(_("不用写"))
        self.rows.append(edits)

    def remove_row(self) -> None:
        if self.rows:
            for edit in self.rows.pop():
                self.grid.removeWidget(edit)
                edit.deleteLater()

    def table(self) -> list[tuple[str, str, str]]:
        return [tuple(edit.text() for edit in row) for row in self.rows]

    def save_grades(self) -> None:
        rows = self.table()
        self.session.runner.run(lambda: grades_admin.set_grades(self.session.context(), rows),
                                self._saved, self._refused)

    def _saved(self, scale) -> None:
        self.feedback.show_message(_("等次已保存：{value}").format(value=' > '.join(g.label for g in scale.grades)), "ok")
        self.load()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
