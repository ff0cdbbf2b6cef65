"""Records the township refused, kept aside: read them, send one again, or mark it handled."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.services.sync import kept as sync_kept
from kiosk.ui.manage.points_parts import button
from kiosk.ui.manage.stock_parts import line_edit
from kiosk.ui.theme import polish

KEY = Qt.ItemDataRole.UserRole


def item_text(kept: sync_kept.Kept) -> str:
    state = kept.dealt_words or _p("sync_kept_panel", "待处理")
    made = _("（{made_at}）").format(made_at=kept.made_at) if kept.made_at else ""
    first = _("{kind_words}：{what}{made}").format(kind_words=kept.kind_words, what=kept.what, made=made)
    return f"{first}\n{kept.why}\n{state}"


class KeptPanel(QWidget):
    changed = Signal()
    said = Signal(str, str)

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.rows: list[sync_kept.Kept] = []
        self.count = QLabel("")
        self.count.setObjectName("kept_count")
        self.list = QListWidget()
        self.list.setObjectName("kept_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.note = line_edit("kept_note", _("处理说明（标记已处理时必填）"))
        self.resend_button = button(_("重新提交"), "kept_resend", self.resend, "primary")
        self.handled_button = button(_("标记已处理"), "kept_handled", self.mark_handled)
        self.list.currentRowChanged.connect(lambda _unused: self._enable())
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(polish(QLabel(_("乡镇退回的记录")), "title"))
        explain = polish(QLabel(_("退回的记录都保留在本机，不会删除，也不挡住别的记录上传。原因解决后可以重新提交；已在别处处理的，写明情况后标记已处理。")), "muted")
        explain.setWordWrap(True)
        layout.addWidget(explain)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.note)
        row = QHBoxLayout()
        row.addWidget(self.resend_button)
        row.addWidget(self.handled_button)
        layout.addLayout(row)
        layout.addStretch(0)         # takes the room while there is no list to show

    def load(self) -> None:
        ctx = self.session.context()
        self.session.runner.run(lambda: sync_kept.kept_aside(ctx), self._show)

    def _show(self, rows: list[sync_kept.Kept]) -> None:
        self.rows = rows
        self.list.clear()
        for kept in rows:
            item = QListWidgetItem(item_text(kept))
            item.setData(KEY, (kept.terminal_id, kept.seq))
            if kept.dealt:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.list.addItem(item)
        waiting = sum(1 for k in rows if not k.dealt)
        self.count.setText(_("待处理 {waiting} 条，共 {count} 条").format(waiting=waiting, count=len(rows))
                           if rows else _("没有被退回的记录。"))
        self.list.setVisible(bool(rows))
        self.layout().setStretch(self.layout().count() - 1, 0 if rows else 1)
        self._enable()

    def chosen(self) -> sync_kept.Kept | None:
        row = self.list.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _enable(self) -> None:
        kept = self.chosen()
        self.resend_button.setEnabled(bool(kept and kept.can_resend))
        self.handled_button.setEnabled(bool(kept and not kept.dealt))
        for widget in (self.note, self.resend_button, self.handled_button):
            widget.setVisible(bool(self.rows))

    def resend(self) -> None:
        kept, ctx = self.chosen(), self.session.context()
        if kept is None:
            return
        self.session.runner.run(lambda: sync_kept.resend(ctx, kept.terminal_id, kept.seq),
                                lambda seq: self._done(_("已重新排队，本机第 {seq} 条，下次同步时上传。").format(seq=seq)),
                                self._refused)

    def mark_handled(self) -> None:
        kept, ctx, note = self.chosen(), self.session.context(), self.note.text()
        if kept is None:
            return
        self.session.runner.run(lambda: sync_kept.mark_handled(ctx, kept.terminal_id, kept.seq, note),
                                lambda _unused: self._done(_("已标记为处理过。记录仍保留在本机。")),
                                self._refused)

    def _done(self, words: str) -> None:
        self.note.clear()
        self.said.emit(words, "ok")
        self.changed.emit()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.said.emit(error.message(), "bad")
