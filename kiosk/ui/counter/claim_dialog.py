"""申报 at the counter: a volunteer files a claim for a resident (rule, quantity, date, note,
an optional photo from a file); it waits for a manager's review (审核) and the notice (公示)."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from kiosk.core.errors import Refused
from kiosk.i18n import _
from kiosk.services.points import activity, rules
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.file_dialogs import open_file


class ClaimDialog(QDialog):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.photo: str | None = None
        self.setWindowTitle(_("申报积分"))
        self.resident = self._edit("claim_resident", _("村民的卡号、姓名或拼音首字母"))
        self.rule = QComboBox()
        self.rule.setObjectName("claim_rule")
        for rule in rules.list_rules(session.reader()):
            if not rule.is_deduction:
                self.rule.addItem(rule.name, rule.code)
        self.qty = self._edit("claim_qty", _("数量：次数、小时、平方米或亩"), "1")
        self.day = self._edit("claim_day", _("活动日期，如 2026-11-03（不填就是今天）"))
        self.note = self._edit("claim_note", _("说明，如 在村道清扫两小时"))
        self.photo_label = polish(QLabel(_("没有照片")), "muted")
        self.feedback = FeedbackBar()
        self.buttons = {key: QPushButton(text) for key, text in (
            ("photo", _("选照片")), ("file", _("提交申报")), ("close", _("关闭")))}
        for key, button in self.buttons.items():
            button.setObjectName(f"claim_{key}")
        polish(self.buttons["file"], "primary")
        self.buttons["photo"].clicked.connect(self.choose_photo)
        self.buttons["file"].clicked.connect(self.file)
        self.buttons["close"].clicked.connect(self.reject)
        self._lay_out()

    def _edit(self, name: str, placeholder: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _lay_out(self) -> None:
        form = QFormLayout()
        for words, field in ((_("村民"), self.resident), (_("积分标准"), self.rule), (_("数量"), self.qty),
                             (_("日期"), self.day), (_("说明"), self.note)):
            form.addRow(words, field)
        photo = QHBoxLayout()
        photo.addWidget(self.photo_label, 1)
        photo.addWidget(self.buttons["photo"])
        form.addRow(_("照片"), photo)
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.buttons["close"])
        actions.addWidget(self.buttons["file"])
        layout = QVBoxLayout(self)
        self.setMinimumWidth(720)     # wide enough that each field's hint (如 2026-11-03…) is read whole
        layout.addWidget(polish(QLabel(_("申报：记下村民做的好事，等管理员审核")), "title"))
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addLayout(actions)

    @classmethod
    def ask_photo(cls, parent) -> str:
        return open_file(parent, _("选一张照片"), _("图片 (*.jpg *.jpeg *.png)"))

    def choose_photo(self) -> None:
        path = self.ask_photo(self)
        if path:
            self.photo = path
            self.photo_label.setText(path.replace("\\", "/").rsplit("/", 1)[-1])

    def file(self) -> None:
        who, code = self.resident.text(), self.rule.currentData()
        qty, note, day, photo = self.qty.text(), self.note.text(), self.day.text().strip() or None, self.photo
        if code is None:
            self.feedback.show_message(_("还没有积分标准，请管理员先添加。"), "warn")
            return
        self.session.runner.run(
            lambda: activity.record(self.session.context(), code, [(who, qty)], note, photo, day),
            self._filed, self._refused)

    def _filed(self, done: activity.Activity) -> None:
        award = done.awards[0]
        words = (_("已提交申报，等管理员审核：{name} {rule} {value}") if done.status == "pending"
                 else _("已记分：{name} {rule} {value}"))
        self.feedback.show_message(words.format(name=award.resident.name, rule=done.rule,
                                                value=award.points.signed()), "ok")
        self.resident.clear()
        self.note.clear()
        self.photo = None
        self.photo_label.setText(_("没有照片"))

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
