"""审核 (back office): volunteers' claims waiting for a manager; approve, or reject with a reason.

A manager cannot approve what they filed themselves. Approved points credit at once,
or when their public notice ends (the village's setting); either way they go on notice.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import _, _p, word
from kiosk.messages.points import CLAIM_STATUS_CHOICES as SHOWN
from kiosk.messages.values import STATUS_WORDS
from kiosk.services.points import activity, claims
from kiosk.ui.manage.points_parts import button, choice_box, refusal_shower
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar

PHOTO_SIDE = 150


class ClaimsSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.found: list[claims.Claim] = []
        self.status = choice_box("claims_status", SHOWN)
        self.status.currentIndexChanged.connect(lambda _unused: self.load())
        # no record number: a claim is told apart by its day, resident and act, as people say it
        self.model = RowsTableModel([_("日期"), _("村民"),
                                     _p("claims_section", "门牌号"), _("事项"), _("分值"),
                                     _("申报人"), _p("claims_section", "备注"), _("状态")], right_from=4)
        self.table = table_view(self.model, "claims_table", stretch=3)
        self.table.clicked.connect(lambda index: self._show_photo(index.row()))
        self.photo = QLabel()
        self.photo.setObjectName("claims_photo")
        self.photo.setFixedSize(PHOTO_SIDE, PHOTO_SIDE)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reason = line_edit("claims_reason", _("驳回的原因，如：没有签到记录"))
        self.feedback = FeedbackBar()
        self.refused = refusal_shower(self.feedback)
        self.buttons = {key: button(text, f"claims_{key}", slot, role) for key, text, slot, role in (
            ("approve", _("通过"), self.approve, "primary"),
            ("reject", _("驳回"), self.reject, ""))}
        self._lay_out()

    def _lay_out(self) -> None:
        head = QHBoxLayout()
        head.addWidget(polish(QLabel(_("审核：志愿者提交的积分申报")), "title"), 1)
        head.addWidget(self.status)
        act = QHBoxLayout()
        act.addWidget(self.reason, 1)
        act.addWidget(self.buttons["reject"])
        act.addWidget(self.buttons["approve"])
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(body, 1)
        layout.addLayout(act)
        layout.addWidget(self.feedback)

    def load(self) -> None:
        status = self.status.currentData()
        self.session.runner.run(lambda: claims.list_claims(self.session.reader(), status), self._show, self.refused)

    def _show(self, found: list[claims.Claim]) -> None:
        self.found = found
        self.model.set_rows([[c.activity_date, c.resident, c.house_no, c.rule, c.points.signed(),
                              c.filed_by, c.note or c.reason, self._state(c)] for c in found])
        pending = self.status.currentData() == "pending"
        for key in ("approve", "reject"):
            self.buttons[key].setEnabled(pending and bool(found))
        self.photo.clear()
        if found:
            self.table.selectRow(0)
            self._show_photo(0)

    @staticmethod
    def _state(c: claims.Claim) -> str:
        if c.withheld:
            return _p("claims_section", "异议成立，不入账")
        if c.waiting_for_notice:
            return _("公示期满后入账")
        return word(STATUS_WORDS, c.status)

    def selected(self) -> claims.Claim | None:
        rows = self.table.selectionModel().selectedRows()
        return self.found[rows[0].row()] if rows and rows[0].row() < len(self.found) else None

    def _show_photo(self, row: int) -> None:
        claim_id = self.found[row].id if 0 <= row < len(self.found) else None
        if claim_id:
            self.session.runner.run(lambda: activity.photo_of(self.session.reader(), claim_id),
                                    self._photo, self.refused)

    def _photo(self, photo) -> None:
        if photo is None:
            self.photo.setText(_("没有照片"))
            return
        picture = QPixmap()
        picture.loadFromData(photo.data)
        self.photo.setPixmap(picture.scaled(PHOTO_SIDE, PHOTO_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))

    def approve(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.feedback.show_message(_("请先点一条申报"), "warn")
            return
        self.session.runner.run(lambda: claims.approve(self.session.context(), chosen.id),
                                self._approved, self.refused)

    def _approved(self, c: claims.Claim) -> None:
        later = _p("claims_section", "，公示期满后入账") if c.waiting_for_notice else _("，已入账")
        self.feedback.show_message(_("已通过：{resident} {rule} {value}{later}").format(resident=c.resident, rule=c.rule, value=c.points.signed(), later=later), "ok")
        self.load()

    def reject(self) -> None:
        chosen, reason = self.selected(), self.reason.text()
        if chosen is None:
            self.feedback.show_message(_("请先点一条申报"), "warn")
            return
        self.session.runner.run(lambda: claims.reject(self.session.context(), chosen.id, reason),
                                self._rejected, self.refused)

    def _rejected(self, c: claims.Claim) -> None:
        self.reason.clear()
        self.feedback.show_message(_("已驳回：{resident} {rule}（{reason}）").format(resident=c.resident, rule=c.rule, reason=c.reason), "ok")
        self.load()
