"""The wizard's printer, township and residents pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea

from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.ui.theme import polish
from kiosk.ui.widgets import file_dialogs
from kiosk.ui.widgets.printer_form import PrinterForm
from kiosk.ui.wizard.pages import WizardPage

def resident_columns() -> str:
    return _("表格（CSV，Excel 可以“另存为 CSV”）第一行写列名：姓名、门牌号（必填），与户主关系、卡号、身份证后四位、电话（可选）。有一行不对就一行也不导入，并告诉您是哪几行。")


class PrinterPage(WizardPage):
    def __init__(self, wizard, runner) -> None:
        super().__init__(wizard, runner, _("选小票打印机的连接方式，再点“打印测试页”看看。没有小票打印机也可以：每张小票都会存成 PDF 文件。"))
        self.printer = PrinterForm()
        self.printer.show_values(wizard.answers.printer)
        self.test_button = QPushButton(_("打印测试页"))
        self.test_button.setObjectName("wizard_test_print")
        self.test_button.clicked.connect(self.test_print)
        self.layout_.addWidget(self.printer)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)

    def submit(self) -> None:
        self.wizard.set_printer(self.printer.values())

    def test_print(self) -> None:
        typed = self.printer.values()
        self.runner.run(lambda: self.wizard.test_print(typed), self._tested, self._refused)

    def _tested(self, outcome) -> None:
        if outcome.png is not None:
            from kiosk.ui.system_printer import print_png

            problem = print_png(outcome.png, _("测试页"))
            if problem:
                self.said.emit(problem, "bad")
                return
        self.said.emit(outcome.text, "ok" if outcome.ok else "bad")

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.said.emit(error.message(), "bad")


class TownshipPage(WizardPage):
    def __init__(self, wizard, runner) -> None:
        super().__init__(wizard, runner, _("乡镇开通联网后，会给本村一个服务器地址和接入码。现在填上就先存起来；设好以后到“数据报表 → 同步”点“接入乡镇”，就连上乡镇（这两项已替您填好）。没有的话点“先不联网”，一样能用。"))
        self.url = self.line("wizard_sync_url", wizard.answers.sync_url)
        self.url.setPlaceholderText("https://")
        self.code = self.line("wizard_enrol_code", wizard.answers.enrol_code)
        form = QFormLayout()
        form.addRow(_("乡镇服务器地址"), self.url)
        form.addRow(_("接入码"), self.code)
        self.layout_.addLayout(form)
        offline = polish(QPushButton(_p("device_pages", "先不联网")), "quiet")
        offline.setObjectName("wizard_offline")
        offline.clicked.connect(self.work_offline)
        row = QHBoxLayout()
        row.addWidget(offline)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)

    def submit(self) -> None:
        self.wizard.set_township(self.url.text(), self.code.text())

    def work_offline(self) -> None:
        self.url.clear()
        self.code.clear()
        self.advance.emit()   # an empty address and code: offline


class ResidentsPage(WizardPage):
    def __init__(self, wizard, runner) -> None:
        super().__init__(wizard, runner, _("现在导入村民名单，或者以后在“管理”里再导入。不导入就直接点“下一步”。"))
        columns = polish(QLabel(resident_columns()), "muted")
        columns.setWordWrap(True)
        self.layout_.addWidget(columns)
        choose = QPushButton(_("选择表格文件…"))
        choose.setObjectName("wizard_choose_residents")
        choose.clicked.connect(self._ask_file)
        later = polish(QPushButton(_("以后再导入")), "quiet")
        later.setObjectName("wizard_residents_later")
        later.clicked.connect(self.later)
        row = QHBoxLayout()
        row.addWidget(choose)
        row.addWidget(later)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.result = QLabel()
        self.result.setObjectName("wizard_residents_result")
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget { background: transparent; }")
        scroll.setWidget(self.result)   # up to twenty bad rows are listed
        self.layout_.addWidget(scroll, 1)

    def _ask_file(self) -> None:
        path = file_dialogs.open_file(self, _p("device_pages", "选择村民名单"), file_dialogs.filters(file_dialogs.TABLES))
        if path:
            self.choose_file(path)

    def choose_file(self, path: str) -> None:
        """Checks every row now (in a scratch copy); the real import happens at finish."""
        self.result.setText(_("正在核对…"))
        self.runner.run(lambda: self.wizard.set_residents(path), self._checked, self._refused)

    def _checked(self, count: int) -> None:
        checked = _("已核对：{count} 行都没问题，点“完成”时导入。").format(count=count)
        self.result.setStyleSheet("")
        self.result.setText(checked)
        self.said.emit(checked, "ok")

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.result.setStyleSheet("color: #c62828;")
        self.result.setText(error.message())
        self.said.emit(_("这个表格有问题，没有导入。请改好再选，或点“以后再导入”。"), "bad")

    def submit(self) -> None:
        self.wizard.keep_residents()

    def later(self) -> None:
        self.result.clear()
        self.wizard.residents_later()
        self.advance.emit()
