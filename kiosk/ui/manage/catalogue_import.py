"""Goods to and from a spreadsheet: the import preview (every bad row named; import only when
all are good) and the export, behind the section's 导入… and 导出… buttons."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.services.setup import imports
from kiosk.services.shop import catalogue_export, catalogue_import
from kiosk.services.setup.imports import ImportPreview
from kiosk.ui.manage.catalogue_picture import Files
from kiosk.ui.theme import polish

SHOWN_ROWS = 500
BAD_ROW = QColor("#fde0dc")


class ImportDialog(QDialog):
    confirmed = Signal(str)   # the file, to import for real

    def __init__(self, path: str, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.preview = preview
        self.setWindowTitle(_("导入商品：先看一遍"))
        self.table = self._table(preview)
        bad = len(preview.errors)
        summary = _("共 {count} 行，全部可以导入（{counts}）。核对无误后点“确认导入”。").format(
            count=len(preview.rows), counts=imports.counts_text(preview)) if bad == 0 else \
            _("共 {count} 行，其中 {bad} 行有错，列在下面。请在表格里改好后再导入；现在什么都没有写入。").format(count=len(preview.rows), bad=bad)
        self.summary = polish(QLabel(summary), "title")
        self.summary.setWordWrap(True)
        self.confirm = polish(QPushButton(_("确认导入")), "primary")
        self.confirm.setObjectName("import_confirm")
        self.confirm.setEnabled(preview.ok)
        self.confirm.clicked.connect(self._confirm)
        cancel = polish(QPushButton(_("取消")), "quiet")
        cancel.setObjectName("import_cancel")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(cancel, 1)
        buttons.addWidget(self.confirm, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(1100, 640)

    @staticmethod
    def _table(preview: ImportPreview) -> QTableWidget:
        rows = (preview.errors or [r for r in preview.rows if r.action != catalogue_import.SAME]
                or preview.rows)[:SHOWN_ROWS]
        headers = [_("行"), _p("catalogue_import", "名称"), _("积分"), _("条码"),
                   _("检查结果")]
        table = QTableWidget(len(rows), len(headers))
        table.setObjectName("import_rows")
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setWordWrap(True)
        for r, row in enumerate(rows):
            values = (str(row.number), row.values.get("name", ""), row.values.get("price", ""),
                      row.code or row.values.get("barcode", ""), imports.verdict(row))
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                if row.error:
                    item.setBackground(BAD_ROW)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def _confirm(self) -> None:
        self.confirmed.emit(self.path)
        self.accept()


class CatalogueFiles(QObject):
    said = Signal(str, str)    # words and their kind ("ok", "bad") for the feedback bar
    imported = Signal()

    def __init__(self, session, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.screen = parent
        self.dialog: ImportDialog | None = None

    def ask_import(self) -> None:
        path = Files.open_table(self.screen)
        if path:
            self.session.runner.run(lambda: imports.preview_products(self.session.context(), path),
                                    lambda preview: self._preview(path, preview), self._refused)

    def _preview(self, path: str, preview: ImportPreview) -> None:
        self.dialog = ImportDialog(path, preview, self.screen)
        self.dialog.confirmed.connect(self.run_import)
        self.dialog.open()

    def run_import(self, path: str) -> None:
        self.session.runner.run(lambda: imports.commit_products(self.session.context(), path),
                                self._imported, self._refused)

    def _imported(self, done: ImportPreview) -> None:
        self.said.emit(_("已导入：{counts}").format(counts=imports.counts_text(done)), "ok")
        self.imported.emit()

    def ask_export(self) -> None:
        path = Files.save_table(self.screen)
        if path:
            self.session.runner.run(
                lambda: catalogue_export.export_products(self.session.reader(), path),
                lambda n: self.said.emit(_("已导出 {n} 种商品到 {path}").format(n=n, path=path),
                                         "ok"), self._refused)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.said.emit(error.message(), "bad")
