"""复核 退回: awards the township handed back, for the managers to deal with and mark done."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from kiosk.core.errors import Refused
from kiosk.i18n import _
from kiosk.services.points import review_tasks
from kiosk.ui.manage.points_parts import button
from kiosk.ui.manage.stock_parts import line_edit
from kiosk.ui.theme import polish


def task_text(task: review_tasks.Task) -> str:
    state = _("已处理") if task.done else _("待处理")
    return _("{household}的 {points} 分被乡镇退回（{when}，{by}）：{reason}\n{state}").format(
        household=task.household, points=task.points, when=task.returned_at, by=task.returned_by,
        reason=task.reason, state=state)


class ReviewTasksPanel(QWidget):
    changed = Signal()
    said = Signal(str, str)

    def __init__(self, session) -> None:
        super().__init__()
        self.session, self.rows = session, []
        self.list = QListWidget()
        self.list.setObjectName("review_tasks")
        self.list.setWordWrap(True)
        self.note = line_edit("review_note", _("处理说明（标记已处理时必填）"))
        self.done_button = button(_("标记已处理"), "review_done", self.mark_done)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(polish(QLabel(_("乡镇复核退回的积分")), "title"))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.done_button)

    def load(self) -> None:
        ctx = self.session.context()
        self.session.runner.run(lambda: review_tasks.tasks(ctx), self._show)

    def _show(self, rows: list[review_tasks.Task]) -> None:
        self.rows = rows
        self.list.clear()
        for task in rows:
            item = QListWidgetItem(task_text(task))
            if task.done:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.list.addItem(item)
        self.setVisible(bool(rows))

    def mark_done(self) -> None:
        row, ctx, note = self.list.currentRow(), self.session.context(), self.note.text()
        if not 0 <= row < len(self.rows):
            return
        task_id = self.rows[row].id
        self.session.runner.run(lambda: review_tasks.mark_done(ctx, task_id, note), self._done, self._refused)

    def _done(self, _unused) -> None:
        self.note.clear()
        self.said.emit(_("已标记为处理过。"), "ok")
        self.changed.emit()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.said.emit(error.message(), "bad")
