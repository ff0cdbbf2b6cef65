"""商品 (Goods): find a product as you type or by scanning it, then add or edit it in the form.

The search list is filtered in memory at each keystroke (the index is loaded once, and
again after a save or when the section is opened again) and lists every match, a page at a
time as it scrolls; everything that reads or writes the books goes through the runner.
Moving to another product with an edit not saved asks first (保存 / 不保存 / 继续修改);
leaving the section keeps the edit, marked, with the stock read again on return.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from kiosk.core.catalogue_index import CatalogueIndex
from kiosk.core.errors import Refused
from kiosk.i18n import N_, _, _p
from kiosk.services.shop import catalogue, catalogue_pictures, catalogue_search
from kiosk.ui.manage.catalogue_delegate import CatalogueDelegate
from kiosk.ui.manage.catalogue_form import ProductFormWidget
from kiosk.ui.manage.catalogue_import import CatalogueFiles
from kiosk.ui.manage.catalogue_table_model import CODE, NAME, CatalogueTableModel
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar


class CatalogueSection(QWidget):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.index = CatalogueIndex([])
        self._then = None   # where to go once the form's edit is saved
        self.files = CatalogueFiles(session, self)
        self.search = QLineEdit()
        self.search.setObjectName("catalogue_search")
        self.search.setPlaceholderText(_p("catalogue_section", "名称、拼音首字母或条码"))
        self.search.textChanged.connect(self.refilter)
        self.show_retired = QCheckBox(_("显示已下架"))
        self.show_retired.setStyleSheet("QCheckBox { min-height: 48px; }"
                                        " QCheckBox::indicator { width: 30px; height: 30px; }")
        self.show_retired.toggled.connect(self.refilter)
        self.model = CatalogueTableModel()
        self.table = self._table()
        self.count = polish(QLabel(""), "muted")
        self.form = ProductFormWidget()
        self.feedback = FeedbackBar()
        self.buttons = self._buttons()
        self._connect()
        self._lay_out()

    def _table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("catalogue_list")
        table.setModel(self.model)
        table.setItemDelegate(CatalogueDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(44)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setDefaultSectionSize(72)
        header.resizeSection(CODE, 170)
        table.clicked.connect(lambda index: self.open_product(self.model.entry(index.row())))
        return table

    def _buttons(self) -> dict[str, QPushButton]:
        buttons = {}
        for key, words in (("new", N_("新商品（无条码）")), ("import", N_("导入…")),
                            ("export", N_("导出…"))):
            buttons[key] = polish(QPushButton(_(words)), "quiet")
            buttons[key].setObjectName(f"catalogue_{key}")
        return buttons

    def _connect(self) -> None:
        self.buttons["new"].clicked.connect(lambda: self._leave_form_then(lambda: self.form.new_product(None)))
        self.buttons["import"].clicked.connect(self.files.ask_import)
        self.buttons["export"].clicked.connect(self.files.ask_export)
        self.files.said.connect(self.feedback.show_message)
        self.files.imported.connect(self.load)
        self.form.save_wanted.connect(self.save)
        self.form.active_wanted.connect(self.set_active)
        self.form.picture_box.wanted.connect(self.choose_picture)

    def _lay_out(self) -> None:
        find = QHBoxLayout()
        find.addWidget(self.search, 1)
        find.addWidget(self.show_retired)
        tools = QHBoxLayout()
        for button in self.buttons.values():
            tools.addWidget(button)
        left = QVBoxLayout()
        left.addLayout(find)
        left.addWidget(self.table, 1)
        left.addWidget(self.count)
        left.addLayout(tools)
        left.addWidget(self.feedback)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(left, 11)
        layout.addWidget(self.form, 12)

    # --- the list --------------------------------------------------------------------
    def load(self) -> None:
        """The list, and the product in the form, as the books have them now."""
        open_id = self._open_id()

        def read():
            ctx = self.session.reader()
            fresh = catalogue.detail(ctx, open_id) if open_id else None
            return catalogue_search.load_index(ctx), catalogue_search.choices(ctx), fresh
        self.session.runner.run(read, self._loaded, self._refused)

    def _loaded(self, found) -> None:
        self.index, (categories, units), fresh = found
        self.form.set_choices(categories, units)
        if fresh is not None and fresh.product.id == self._open_id():   # not another opened since
            self.form.refresh(fresh)
        self.refilter()

    def refilter(self) -> None:
        found = self.index.find(self.search.text(), self.show_retired.isChecked(), len(self.index))
        if not _same(found.entries, self.model.entries):   # a key that changes nothing repaints nothing
            self.model.set_rows(found.entries)
            self.table.scrollToTop()
            self._select(self._open_id())
        words = _("共 {total} 件").format(total=found.total)
        if words != self.count.text():
            self.count.setText(words)

    def open_product(self, entry) -> None:
        if entry is not None and entry.id != self._open_id():
            self._leave_form_then(lambda: self._call(lambda ctx: catalogue.detail(ctx, entry.id),
                                                     self.form.show_detail))

    def _open_id(self) -> str:
        return self.form.detail.product.id if self.form.detail else ""

    # --- an edit not saved -------------------------------------------------------------
    def _leave_form_then(self, go) -> None:
        """`go` (open another product, start a new one) once the form's edit is saved or let go."""
        if not self.form.has_unsaved():
            go()
            return
        answer = self.ask_unsaved(self, self.form.edited_name())
        if answer == "discard":
            go()
        elif answer == "save":
            self._then = go
            self.save()
        else:
            self._select(self._open_id())

    @classmethod
    def ask_unsaved(cls, parent: QWidget, name: str) -> str:
        """'save', 'discard' or 'stay' (a dialog; tests replace it)."""
        box = QMessageBox(QMessageBox.Icon.Question, _("还没保存"),
                          _("“{name}”改了还没保存。要保存吗？").format(name=name), parent=parent)
        answers = {box.addButton(_("保存"), QMessageBox.ButtonRole.AcceptRole): "save",
                   box.addButton(_("不保存"), QMessageBox.ButtonRole.DestructiveRole): "discard",
                   box.addButton(_("继续修改"), QMessageBox.ButtonRole.RejectRole): "stay"}
        box.exec()
        return answers.get(box.clickedButton(), "stay")

    # --- scanning ----------------------------------------------------------------------
    def on_scan(self, code: str) -> None:
        """A known code opens its product; an unknown valid one starts a new product with it."""
        if self.form.extra_field_has_focus():
            self.form.add_extra_code(code)
            return
        self._call(lambda ctx: catalogue.scan(ctx, code), self._scanned)

    def _scanned(self, scanned: catalogue.Scanned) -> None:
        if scanned.detail is not None and scanned.detail.product.id == self._open_id():
            self._select(self._open_id())   # the product being edited: the edit stays
        elif scanned.detail is not None:
            self._leave_form_then(lambda: self._show_scanned(scanned.detail))
        else:
            self._leave_form_then(lambda: self._new_scanned(scanned.code))

    def _show_scanned(self, detail: catalogue.ProductDetail) -> None:
        self.form.show_detail(detail)
        self._select(detail.product.id)

    def _new_scanned(self, code: str) -> None:
        self.form.new_product(code)
        self.feedback.show_message(_("新条码 {code}：请填好名称和积分，再点“保存”。").format(code=code), "info")

    def _select(self, product_id: str) -> None:
        """The row of the product in the form chosen (its page made if further down), if it is
        listed; else none."""
        row = self.model.row_of(product_id) if product_id else -1
        if row >= 0:
            self.model.show_through(row)
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        elif self.table.selectionModel().hasSelection():
            self.table.clearSelection()

    # --- saving ------------------------------------------------------------------------
    def save(self) -> None:
        form, picture, detail = self.form.form(), self.form.picture, self.form.detail
        if detail is None:
            code = self.form.new_code
            self._call(lambda ctx: catalogue.create(ctx, form, code, picture), self._created)
        else:
            self._call(lambda ctx: catalogue.edit(ctx, detail.product.id, form, picture), self._edited)

    def _created(self, detail: catalogue.ProductDetail) -> None:
        p = detail.product
        self._after_save(detail, _("已添加 {name}（{code}），{price} 分").format(name=p.name, code=p.code, price=p.price))

    def _edited(self, edited: catalogue.Edited) -> None:
        p = edited.detail.product
        fields = catalogue.changed_words(edited.changed)
        self._after_save(edited.detail, _("已保存 {name}：改了{fields}").format(name=p.name, fields=fields)
                         if edited.changed else _("没有改动"))

    def set_active(self, active: bool) -> None:
        product_id = self.form.detail.product.id
        self._call(lambda ctx: catalogue.set_active(ctx, product_id, active), self._activated)

    def _activated(self, d: catalogue.ProductDetail) -> None:
        name = d.product.name
        self._after_save(d, _("{name} 已重新上架").format(name=name) if d.product.active
                         else _("{name} 已下架，收银台不再显示").format(name=name))

    def _after_save(self, detail: catalogue.ProductDetail, words: str) -> None:
        self.form.show_detail(detail)
        self.feedback.show_message(words, "ok")
        self.load()
        self._select(detail.product.id)
        then, self._then = self._then, None
        if then is not None:
            then()

    def choose_picture(self, path: str) -> None:
        self.session.runner.run(lambda: catalogue_pictures.prepare(path), self._picture_ready, self._refused)

    def _picture_ready(self, picture: catalogue_pictures.Picture) -> None:
        self.form.show_chosen_picture(picture)
        self.feedback.show_message(_("图片已选好，点“保存”后生效。"), "info")

    # --- calls -----------------------------------------------------------------------------
    def _call(self, fn, on_done) -> None:
        """A service call as the logged-in manager, on the worker; refusals shown in the bar."""
        self.session.runner.run(lambda: fn(self.session.context()), on_done, self._refused)

    def _refused(self, error: BaseException) -> None:
        self._then = None   # a save refused: stay on the form with the edit
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")


def _same(new, old) -> bool:
    return len(new) == len(old) and all(a is b for a, b in zip(new, old))
