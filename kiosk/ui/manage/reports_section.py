"""报表 (back office): pick a report and a period, read the figures, save them as PDF/Excel/CSV.

A card scanned here opens that resident's statement. Saving goes through
`save(kind, path)`; the buttons only ask where (`ask_path`, which tests replace).
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.errors import Refused
from kiosk.core.periods import Period
from kiosk.i18n import N_, _, _p
from kiosk.services import reports
from kiosk.ui.manage.report_table_model import ReportTableModel
from kiosk.ui.theme import polish
from kiosk.ui.widgets import file_dialogs
from kiosk.ui.widgets.feedback_bar import FeedbackBar

PERIOD_BUTTONS = ((Period.DAY, "today", N_("今天")), (Period.MONTH, "month", N_("本月")),
                  (Period.YEAR, "year", N_("今年")))
SAVE_BUTTONS = (("pdf", N_("存为 PDF")), ("xlsx", N_("存为 Excel")),
                ("csv", N_("存为 CSV")))
FILTERS = {"pdf": file_dialogs.PDF, "xlsx": file_dialogs.EXCEL, "csv": file_dialogs.CSV}


class ReportsSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.name = "daily"
        self.report = None
        self.folder = Path.home()
        self.kinds = QButtonGroup(self, exclusive=True)
        self.periods: dict[str, QPushButton] = {}
        self.period = QLineEdit(placeholderText=_("或写 2026-11-03 / 2026-11 / 2026"))
        self.whom = QLineEdit(placeholderText=_("村民卡号、姓名，或门牌号"))
        self.facts = QLabel("")
        self.tabs = QTabWidget()
        self.feedback = FeedbackBar()
        self.save_buttons: dict[str, QPushButton] = {}
        for widget, name in ((self.period, "report_period"), (self.whom, "report_whom"),
                             (self.facts, "report_facts"), (self.tabs, "report_tabs")):
            widget.setObjectName(name)
        self._lay_out()
        self.choose("daily", show=False)

    # layout ------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._kind_row())      # the report buttons are the heading
        layout.addLayout(self._period_row())
        self.facts.setWordWrap(True)
        layout.addWidget(self.facts)
        layout.addWidget(self.tabs, 1)
        saves = QHBoxLayout()
        for kind, words in SAVE_BUTTONS:
            button = QPushButton(_(words))
            button.setObjectName(f"report_save_{kind}")
            button.clicked.connect(lambda _unused=False, k=kind: self._choose_file(k))
            self.save_buttons[kind] = button
            saves.addWidget(button)
        saves.addWidget(self.feedback, 1)
        layout.addLayout(saves)

    def _kind_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for kind in reports.KINDS.values():
            button = QPushButton(_(kind.zh), checkable=True)
            button.setObjectName(f"report_{kind.name}")
            button.clicked.connect(lambda _unused=False, name=kind.name: self.choose(name))
            self.kinds.addButton(button)
            row.addWidget(button)
        return row

    def _period_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for _unused, word, words in PERIOD_BUTTONS:
            button = polish(QPushButton(_(words)), "quiet")
            button.setObjectName(f"report_period_{word}")
            button.clicked.connect(lambda _unused=False, w=word: self._quick_period(w))
            self.periods[word] = button
            row.addWidget(button)
        row.addWidget(self.period, 1)
        row.addWidget(self.whom, 1)
        show = polish(QPushButton(_("查看")), "primary")
        show.setObjectName("report_show")
        show.clicked.connect(self.show_report)
        self.period.returnPressed.connect(self.show_report)
        self.whom.returnPressed.connect(self.show_report)
        row.addWidget(show)
        return row

    # choosing -----------------------------------------------------------------------------

    def load(self) -> None:
        self.show_report()

    def choose(self, name: str, show: bool = True) -> None:
        """Pick a report: its own periods only, its default period, a name box for statements."""
        kind = reports.kind(name)
        self.name = name
        for button in self.kinds.buttons():
            button.setChecked(button.objectName() == f"report_{name}")
        for period, word, _words in PERIOD_BUTTONS:
            self.periods[word].setEnabled(period in kind.periods)
        self.period.setText("")
        self.whom.setVisible(kind.needs_whom)
        if show and not (kind.needs_whom and not self.whom.text().strip()):
            self.show_report()
        elif kind.needs_whom:
            self._clear(_("请输入村民卡号、姓名或门牌号，或者刷村民卡。"))

    def _quick_period(self, word: str) -> None:
        self.period.setText(word)
        self.show_report()

    def on_scan(self, code: str) -> None:
        """A card scanned in the reports: that resident's statement."""
        self.whom.setText(code)
        self.choose("statement")

    # showing and saving -------------------------------------------------------------------

    def show_report(self) -> None:
        name, period, whom = self.name, self.period.text().strip() or None, self.whom.text().strip() or None
        self.session.runner.run(
            lambda: reports.make(self.session.context(), name, period, whom=whom), self.display, self._refused)

    def display(self, report) -> None:
        self.report = report
        gap = _p("reports_section", "　")
        facts = gap.join(f"{f.label} <b style='font-size:24px'>{'' if f.value is None else f.value}</b>"
                         for f in report.facts)
        notes = "".join(f"<p style='color:#1f4e9c'>{note}</p>" for note in report.notes)
        self.facts.setText(f"<b style='font-size:20px'>{report.title}</b>{gap}{report.subtitle}{notes}<p>{facts}</p>")
        self.tabs.clear()
        for table in report.tables:
            self.tabs.addTab(self._table_view(table), table.title)
        for button in self.save_buttons.values():
            button.setEnabled(True)

    def _table_view(self, table) -> QTableView:
        model = ReportTableModel()
        model.set_table(table)
        view = QTableView()
        view.setObjectName(f"report_table_{table.key}")
        view.setModel(model)
        view.model_ = model               # keep the model alive with its view
        view.verticalHeader().setVisible(False)
        view.setAlternatingRowColors(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        texts = [n for n, c in enumerate(table.columns) if c.kind == "text"]
        header.setSectionResizeMode(texts[-1] if texts else 0, QHeaderView.ResizeMode.Stretch)
        return view

    def _clear(self, words: str) -> None:
        self.report = None
        self.tabs.clear()
        self.facts.setText(words)
        for button in self.save_buttons.values():
            button.setEnabled(False)

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")

    def ask_path(self, kind: str, suggested: Path) -> str:
        path = file_dialogs.save_file(self, _("存到哪里"), str(suggested), file_dialogs.filters(FILTERS[kind]))
        return path

    def _choose_file(self, kind: str) -> None:
        if self.report is None:
            return
        name = re.sub(r'[\\/:*?"<>|\s]+', "_", f"{self.report.title}_{self.report.period.text}")
        path = self.ask_path(kind, self.folder / f"{name}.{kind}")
        if path:
            self.save(kind, path)

    def save(self, kind: str, path: str | Path) -> None:
        """Write the report on screen as pdf, xlsx or csv to `path` (off the GUI thread)."""
        report, target = self.report, Path(path)
        if report is None:
            return
        self.session.runner.run(lambda: reports.save(report, kind, target), self._saved, self._refused)

    def _saved(self, path: Path) -> None:
        self.folder = path.parent
        self.feedback.show_message(_("已存为 {path}").format(path=path), "ok")
