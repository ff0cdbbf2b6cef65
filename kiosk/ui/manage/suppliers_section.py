"""供货方 (back office): the suppliers and donors a delivery names; add, change, retire."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.i18n import _
from kiosk.services.stock import suppliers
from kiosk.ui.manage.points_parts import button
from kiosk.ui.manage.stock_parts import RowsTableModel, line_edit, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar


class SuppliersSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.found: list[suppliers.Supplier] = []
        self.name = line_edit("suppliers_name", _("名称，如：青石镇配送中心"))
        self.kind = QComboBox()
        self.kind.setObjectName("suppliers_kind")
        for kind in suppliers.KINDS:
            self.kind.addItem(_(kind), kind)
        self.contact = line_edit("suppliers_contact", _("联系人、电话"))
        self.model = RowsTableModel([_("名称"), _("类别"), _("联系方式")])
        self.table = table_view(self.model, "suppliers_table", stretch=2)
        self.table.clicked.connect(lambda index: self._pick(index.row()))
        self.feedback = FeedbackBar()
        self.buttons: dict[str, QPushButton] = {
            key: button(text, f"suppliers_{key}", slot, role) for key, text, role, slot in (
                ("add", _("添加"), "primary", self.add), ("save", _("保存修改"), "", self.save),
                ("retire", _("停用"), "quiet", self.retire))}
        self._lay_out()

    def _lay_out(self) -> None:
        form = QHBoxLayout()
        for field, stretch in ((self.name, 2), (self.kind, 1), (self.contact, 2)):
            form.addWidget(field, stretch)
        act = QHBoxLayout()
        act.addWidget(self.feedback, 3)
        for key in ("retire", "save", "add"):
            act.addWidget(self.buttons[key], 1)
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("供货方：乡镇配送、采购的商店、捐赠的个人和单位")), "title"))
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(act)

    def load(self) -> None:
        self.session.runner.run(lambda: suppliers.list_suppliers(self.session.reader()),
                                self._show, self._refused)

    def _show(self, found: list[suppliers.Supplier]) -> None:
        self.found = found
        self.model.set_rows([[s.name, _(s.kind), s.contact] for s in found])
        self.buttons["save"].setEnabled(False)
        self.buttons["retire"].setEnabled(False)

    def _pick(self, row: int) -> None:
        if not 0 <= row < len(self.found):
            return
        chosen = self.found[row]
        self.picked = chosen
        self.name.setText(chosen.name)
        self.kind.setCurrentIndex(self.kind.findData(chosen.kind))
        self.contact.setText(chosen.contact)
        self.buttons["save"].setEnabled(True)
        self.buttons["retire"].setEnabled(True)

    def add(self) -> None:
        name, kind, contact = self.name.text(), self.kind.currentData(), self.contact.text()
        self._run(lambda ctx: suppliers.add(ctx, name, kind, contact), _("已添加：{name}"))

    def save(self) -> None:
        old, name = self.picked.name, self.name.text()
        kind, contact = self.kind.currentData(), self.contact.text()
        self._run(lambda ctx: suppliers.edit(ctx, old, new_name=name, kind=kind, contact=contact),
                  _("已保存：{name}"))

    def retire(self) -> None:
        old = self.picked.name
        self._run(lambda ctx: suppliers.edit(ctx, old, active=False), _("已停用：{name}"))

    def _run(self, call, words: str) -> None:
        self.session.runner.run(lambda: call(self.session.context()),
                                lambda s: self._done(words.format(name=s.name)), self._refused)

    def _done(self, words: str) -> None:
        self.name.clear()
        self.contact.clear()
        self.feedback.show_message(words, "ok")
        self.load()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
