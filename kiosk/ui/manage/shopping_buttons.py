"""The low-stock list's 打印采购单 and 导出采购单: the shopping list grouped by supplier."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.core.errors import Refused
from kiosk.i18n import _
from kiosk.services.stock import shopping
from kiosk.ui.manage import stock_parts
from kiosk.ui.manage.points_parts import button
from kiosk.ui.widgets import file_dialogs


class ShoppingButtons(QWidget):
    def __init__(self, session, said: QLabel) -> None:
        super().__init__()
        self.session = session
        self.said = said              # where the section shows what happened
        self.saved = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(button(_("打印采购单"), "lowstock_shopping_print", self.print_list))
        row.addWidget(button(_("导出采购单"), "lowstock_shopping_export", self.export_list, "quiet"))

    @classmethod
    def ask_path(cls, parent: QWidget) -> str:
        return file_dialogs.save_file(parent, _("导出采购单"), _("采购单.xlsx"),
                                      file_dialogs.filters(file_dialogs.TABLES))

    def print_list(self) -> None:
        day = self.session.clock.now().strftime("%Y-%m-%d")
        path = stock_parts.papers_dir(self.session, "采购单") / f"采购单{day}.pdf"
        self.session.runner.run(lambda: shopping.save_pdf(self.session.reader(), path),
                                self._printed, self._refused)

    def _printed(self, path) -> None:
        self.saved = path
        stock_parts.open_document(path)
        self.said.setText(stock_parts.saved_words(path))

    def export_list(self) -> None:
        path = self.ask_path(self)
        if path:
            self.session.runner.run(lambda: shopping.export(self.session.reader(), path),
                                    lambda n: self.said.setText(_("采购单已存为 {path}").format(path=path)),
                                    self._refused)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.said.setText(error.message())
