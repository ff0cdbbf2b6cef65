"""村民和户 (back office): find a resident, see their household, change what has changed.

Left: a search box and what it finds. Right: the chosen resident with their household,
and big buttons for each change; a change opens a small form in the same place. The
village's list comes in through the import view (preview first) and goes out as a file.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.i18n import N_, _, _p, word
from kiosk.messages.values import RELATION_WORDS, STATUS_WORDS
from kiosk.services.people import residents
from kiosk.services.points import balances
from kiosk.ui.manage import residents_actions as actions
from kiosk.ui.manage.residents_import import ImportView
from kiosk.ui.manage.stock_parts import RowsTableModel, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets import file_dialogs
from kiosk.ui.widgets.feedback_bar import FeedbackBar

SHOWN = 300
BUTTONS = (("edit", N_("改信息")), ("move", N_("迁到别户")), ("split", N_("分户")),
           ("merge", N_("合户")), ("leave", N_("迁出/去世")), ("return", N_("恢复在册")),
           ("cards", N_("打印这户的卡")), ("reissue", N_("补办卡")), ("certificate", N_("打印积分证明")))


class ResidentsSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.found: list[residents.Resident] = []
        self.standing = None
        self.search = QLineEdit()
        self.search.setObjectName("residents_search")
        self.search.setPlaceholderText(_("姓名、拼音首字母、卡号或门牌号"))
        self.search.textChanged.connect(self.find)
        self.model = RowsTableModel([_p("residents_section", "姓名"), _p("residents_section", "门牌号"), _("关系"),
                                     _p("residents_section", "卡号"), _p("residents_section", "状态")])
        self.table = table_view(self.model, "residents_table", stretch=0)
        self.table.clicked.connect(lambda index: self.choose(self.found[index.row()]))
        self.details = polish(QLabel(_("在左边选一位村民。")), "muted")
        self.details.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        self.right = QStackedWidget()
        self.feedback = FeedbackBar()
        self.importer = ImportView(session)
        self.importer.done.connect(self._back_from_import)
        self.pages = QStackedWidget()
        self._lay_out()

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(polish(QLabel(_("村民和户")), "title"))
        for key, words, call in (("import", N_("导入名单…"), self.open_import),
                                  ("export", N_("导出名单…"), self._choose_export)):
            button = QPushButton(_(words))
            button.setObjectName(f"residents_{key}")
            button.clicked.connect(call)
            top.addWidget(button)
        left.addLayout(top)
        left.addWidget(self.search)
        left.addWidget(self.table, 1)
        self.right.addWidget(self._details_page())
        body = QHBoxLayout()
        body.addLayout(left, 5)
        body.addWidget(self.right, 6)
        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(body, 1)
        column.addWidget(self.feedback)
        self.pages.addWidget(main)
        self.pages.addWidget(self.importer)
        QVBoxLayout(self).addWidget(self.pages)

    def _details_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout()
        for n, (key, words) in enumerate(BUTTONS):
            button = QPushButton(_(words))
            button.setObjectName(f"resident_{key}")
            button.setEnabled(False)
            button.clicked.connect(lambda _unused=False, k=key: self.act(k))
            self.buttons[key] = button
            grid.addWidget(button, n // 2, n % 2)
        layout = QVBoxLayout(page)
        layout.addWidget(self.details, 1)
        layout.addLayout(grid)
        return page

    def load(self) -> None:
        self.find(self.search.text())
        self.search.setFocus()

    def find(self, text: str = "") -> None:
        text = text.strip()
        call = (lambda: residents.suggest(self.session.reader(), text, SHOWN)) if text else \
            (lambda: residents.list_residents(self.session.reader())[:SHOWN])
        self.session.runner.run(call, self._show_found, self._refused)

    def _show_found(self, found: list[residents.Resident]) -> None:
        self.found = found
        self.model.set_rows([[r.name, r.house_no, word(RELATION_WORDS, r.relation), r.card_code, word(STATUS_WORDS, r.status)]
                             for r in found], ["" if r.status == "active" else "bad" for r in found])

    def on_scan(self, code: str) -> None:
        """A resident's card scanned here chooses them."""
        self.session.runner.run(lambda: residents.resolve(self.session.reader(), code.upper()),
                                self.choose, self._refused)

    def choose(self, resident: residents.Resident) -> None:
        self.session.runner.run(lambda: balances.standing(self.session.reader(), resident, history=0),
                                self._show_standing, self._refused)

    def _show_standing(self, standing) -> None:
        self.standing = standing
        self.right.setCurrentIndex(0)
        polish(self.details, "")
        self.details.setStyleSheet("font-size: 20px;")
        self.details.setText(actions.describe(standing))
        active = standing.resident.status == "active"
        for key, button in self.buttons.items():
            button.setEnabled(active != (key == "return"))

    def act(self, key: str) -> None:
        """A change to the chosen resident: a form beside the list, or at once (cards, certificate)."""
        if self.standing is not None:
            actions.start(self, key, self.standing)

    def show_form(self, form) -> None:
        self.right.addWidget(form)
        self.right.setCurrentWidget(form)
        form.cancelled.connect(self.close_form)

    def close_form(self) -> None:
        form = self.right.currentWidget()
        self.right.setCurrentIndex(0)
        if form is not self.right.widget(0):
            self.right.removeWidget(form)
            form.deleteLater()

    def changed(self, text: str, resident: residents.Resident | None = None) -> None:
        """After a change: say what happened, show the resident again, refresh the list."""
        self.close_form()
        self.feedback.show_message(text, "ok")
        self.find(self.search.text())
        if resident is not None:
            self.session.runner.run(lambda: residents.by_id(self.session.reader(), resident.id),
                                    self.choose, self._refused)

    def open_import(self) -> None:
        self.pages.setCurrentWidget(self.importer)

    def _back_from_import(self) -> None:
        self.pages.setCurrentIndex(0)
        if self.importer.feedback.text():
            self.feedback.show_message(self.importer.feedback.text(), self.importer.feedback.kind)
        self.find(self.search.text())

    def _choose_export(self) -> None:
        path = file_dialogs.save_file(self, _("导出村民名单"), _("村民名单.xlsx"),
                                      file_dialogs.filters(file_dialogs.EXCEL, file_dialogs.CSV))
        if path:
            actions.export(self, path)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
