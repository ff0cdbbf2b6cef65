"""Importing the village's list: choose the file, see how its columns are read (and change
that), see every row with what is wrong with it, and only then import."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.services.people import resident_import
from kiosk.ui.manage.stock_parts import RowsTableModel, table_view
from kiosk.ui.theme import polish
from kiosk.ui.widgets import file_dialogs
from kiosk.ui.widgets.feedback_bar import FeedbackBar

SHOWN_ROWS = 500
SKIP = "-"


class ImportView(QWidget):
    done = Signal()   # back to the residents, after an import or without one

    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.path = ""
        self.plan = None
        self.file_label = polish(QLabel(_("还没选文件")), "muted")
        self.file_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.columns_box = QWidget()
        self.columns = QGridLayout(self.columns_box)
        self.boxes: list[QComboBox] = []
        self.model = RowsTableModel([_("行"), _p("residents_import", "姓名"), _p("residents_import", "门牌号"),
                                     _p("residents_import", "与户主关系"), _("检查结果")])
        self.table = table_view(self.model, "import_rows", stretch=4)
        self.summary = polish(QLabel(""), "title")
        self.summary.setWordWrap(True)
        self.feedback = FeedbackBar()
        self.confirm = polish(QPushButton(_("确认导入")), "primary")
        self.confirm.setObjectName("import_confirm")
        self.confirm.setEnabled(False)
        self.confirm.clicked.connect(self.import_now)
        self._lay_out()

    def _lay_out(self) -> None:
        choose = QPushButton(_("选择文件…"))
        choose.setObjectName("import_choose")
        choose.clicked.connect(self._choose)
        recheck = QPushButton(_("按上面的对应重新检查"))
        recheck.setObjectName("import_recheck")
        recheck.clicked.connect(self.recheck)
        back = polish(QPushButton(_("返回")), "quiet")
        back.setObjectName("import_back")
        back.clicked.connect(self.done)
        top = QHBoxLayout()
        top.addWidget(polish(QLabel(_("导入村民名单")), "title"))
        top.addWidget(self.file_label, 1)
        top.addWidget(choose)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(_("表格的每一列对应什么（认错了就在这里改）：")))
        layout.addWidget(_scrolling(self.columns_box))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        buttons = QHBoxLayout()
        buttons.addWidget(back, 1)
        buttons.addWidget(recheck, 2)
        buttons.addWidget(self.confirm, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)

    def _choose(self) -> None:
        path = file_dialogs.open_file(self, _("选择村民名单"), file_dialogs.filters(file_dialogs.TABLES))
        if path:
            self.open_file(path)

    def open_file(self, path: str, overrides: dict[str, str] | None = None) -> None:
        """Read and check the file (nothing is written) and show every row."""
        self.path = path
        self.file_label.setText(path)
        self.session.runner.run(lambda: resident_import.plan(self.session.context(), path, overrides),
                                self._show, self._refused)

    def recheck(self) -> None:
        if self.path and self.plan is not None:
            self.open_file(self.path, self.overrides())

    def overrides(self) -> dict[str, str]:
        """Every column as the boxes say: its field, or '-' to leave it out."""
        return {self.plan.header[n]: box.currentData() or SKIP for n, box in enumerate(self.boxes)
                if self.plan.header[n]}

    def _show(self, plan) -> None:
        self.plan = plan
        self._show_columns(plan)
        rows = plan.rows[:SHOWN_ROWS]
        self.model.set_rows([[str(r.number), r.values.get("name", ""), r.values.get("house_no", ""),
                              r.values.get("relation", ""), r.error or _p("residents_import", "可以导入")] for r in rows],
                            ["bad" if r.error else "" for r in rows])
        bad = len(plan.errors)
        self.summary.setText(
            _("共 {count} 行，全部可以导入，将新立 {count2} 户。核对后点“确认导入”。").format(count=len(plan.rows), count2=len(plan.new_households))
            if not bad else
            _("共 {count} 行，其中 {bad} 行有错（红色）。请在表格里改好后再选一次文件；现在什么都没有写入。").format(count=len(plan.rows), bad=bad))
        self.confirm.setEnabled(plan.ok)

    def _show_columns(self, plan) -> None:
        while self.columns.count():
            self.columns.takeAt(0).widget().deleteLater()
        self.boxes = []
        for n, head in enumerate(plan.header):
            box = QComboBox()
            box.setObjectName(f"import_column_{n}")
            box.setMinimumWidth(150)
            box.addItem(_("（不要）"), "")
            for field in resident_import.FIELDS:
                box.addItem(field.zh, field.key)
            box.setCurrentIndex(max(0, box.findData(plan.field_of_column(n))))
            self.boxes.append(box)
            self.columns.addWidget(QLabel(head or f"#{n + 1}"), 0, n)
            self.columns.addWidget(box, 1, n)

    def import_now(self) -> None:
        path, overrides = self.path, self.overrides()
        self.session.runner.run(
            lambda: resident_import.import_residents(self.session.context(), path, overrides),
            self._imported, self._refused)

    def _imported(self, done) -> None:
        self.confirm.setEnabled(False)
        self.feedback.show_message(_("已导入 {residents} 位村民，新立 {households} 户。").format(residents=done.residents, households=done.households), "ok")
        self.done.emit()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.confirm.setEnabled(False)
        self.feedback.show_message(error.message(), "bad")


def _scrolling(inner: QWidget) -> QScrollArea:
    """A village's list may have a dozen columns: they scroll sideways, the screen stays 1366 wide."""
    scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    scroll.setFixedHeight(130)
    scroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    return scroll
