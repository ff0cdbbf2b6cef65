"""设置 (back office): every setting of kiosk.config on a tab, one 保存 for all, a test print.

The words and the checks come from the declarations in kiosk.config; this screen
only lays them out. A bad value is refused by the service and nothing is saved.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QFormLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

from kiosk import config
from kiosk.core.errors import Refused
from kiosk.i18n import N_, _
from kiosk.services.setup import printer_test, settings
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import FeedbackBar
from kiosk.ui.widgets.printer_form import PrinterForm
from kiosk.ui.widgets.setting_fields import SettingField, add_rows, show_rows

TABS = (
    ("village", N_("村庄", "settings_section"), (config.VILLAGE_NAME, config.CURRENCY, config.SHOP_NAME, config.RECEIPT_FOOTER)),
    ("points", N_("积分"), (config.CLAIM_REVIEW, config.NOTICE_DAYS, config.CREDIT_AFTER_NOTICE,
                                    config.LEAVE_POINTS, config.EXPIRY_POLICY, config.EXPIRY_RESET_DATE,
                                    config.EXPIRY_MONTHS)),
    ("counter", N_("收银台"), (config.IDLE_LOCK_MINUTES, config.UI_LANGUAGE, config.BACKUP_KEEP,
                              config.EXPIRY_DAYS_AHEAD, config.BACKDATE_MONTHS, config.ADJUST_MONTH_MOST)),
    ("selfservice", N_("自助查询", "settings_section"), (config.SELF_PIN_REQUIRED, config.SELF_NAMES,
                                                 config.SELF_IDLE_SECONDS)),
    ("township", N_("乡镇联网", "settings_section"), (config.SYNC_URL, config.SYNC_ENROL_CODE)),
)
PLACED = {s.key for _unused, _unused, declared in TABS for s in declared} | {s.key for s in config.PRINTER_SETTINGS}
OTHERS = tuple(s for s in config.ALL if s.key not in PLACED)   # added since: shown, never lost
NOTES = {
    "points": N_("积分有效期和“积分 → 等次和过期”里的是同一条规定；到期的积分在那里记过期。"),
    "township": N_("地址和接入码先存在本机；到“数据报表 → 同步”点“接入乡镇”才连上乡镇，那里会先填好这两项。"),
}
EXPIRY_SHOWN = {"none": set(), "yearly": {config.EXPIRY_RESET_DATE.key}, "months": {config.EXPIRY_MONTHS.key}}
AFTER_RESTART = (config.UI_LANGUAGE.key, config.VILLAGE_NAME.key, config.IDLE_LOCK_MINUTES.key)


class SettingsSection(QWidget):
    def __init__(self, session) -> None:
        super().__init__()
        self.session = session
        self.fields: dict[str, SettingField] = {}
        self.forms: dict[str, QFormLayout] = {}
        self.tab_of: dict[str, int] = {}
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settings_tabs")
        self.printer = PrinterForm()
        self.feedback = FeedbackBar()
        self.save_button = polish(QPushButton(_("保存")), "primary")
        self.save_button.setObjectName("settings_save")
        self.save_button.setMinimumWidth(220)
        self.test_button = QPushButton(_("打印测试页"))
        self.test_button.setObjectName("settings_test_print")
        self.save_button.clicked.connect(self.save)
        self.test_button.clicked.connect(self.test_print)
        self._build_tabs()
        self._lay_out()

    def _build_tabs(self) -> None:
        for key, words, declared in TABS + ((("others", N_("其他"), OTHERS),) if OTHERS else ()):
            page = QWidget()
            form = QFormLayout()
            form.setVerticalSpacing(12)
            self.fields |= add_rows(form, declared)
            self.forms[key] = form
            column = QVBoxLayout(page)
            column.addLayout(form)
            if key in NOTES:
                column.addWidget(self._note(NOTES[key]))
            column.addStretch(1)
            self.tabs.addTab(page, _(words))
            self.tab_of |= {s.key: self.tabs.count() - 1 for s in declared}
            if key == "village":
                self.tabs.addTab(self._printer_tab(), _("小票打印机"))
                self.tab_of |= {k: self.tabs.count() - 1 for k in self.printer.fields}
        self.fields |= self.printer.fields
        self.fields[config.EXPIRY_POLICY.key].widget.currentIndexChanged.connect(self._expiry_changed)

    def _printer_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.printer)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self._note(N_("测试页按这里填的打印，不用先保存。")), 1)
        column.addLayout(row)
        column.addStretch(1)
        return page

    @staticmethod
    def _note(words: tuple[str, str]) -> QLabel:
        note = polish(QLabel(_(words)), "muted")
        note.setWordWrap(True)
        return note

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_("设置")), "title"))
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.feedback)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)

    def _expiry_changed(self) -> None:
        policy = self.fields[config.EXPIRY_POLICY.key].text()
        shown = EXPIRY_SHOWN.get(policy, set())
        expiry = {k: f for k, f in self.fields.items() if k in (config.EXPIRY_RESET_DATE.key, config.EXPIRY_MONTHS.key)}
        show_rows(self.forms["points"], expiry, shown)

    def load(self) -> None:
        self.session.runner.run(lambda: settings.values(self.session.reader()), self.show_values)

    def show_values(self, found: dict) -> None:
        for key, field in self.fields.items():
            if key in found:
                field.show_value(found[key])
        self.printer.show_values(found)
        self._expiry_changed()

    def typed(self) -> dict[str, str]:
        return {key: field.text() for key, field in self.fields.items()}

    def save(self) -> None:
        typed = self.typed()
        self.session.runner.run(lambda: settings.change(self.session.context(), typed),
                                self._saved, self._refused)

    def _saved(self, changed: list[str]) -> None:
        self.session.printer = None  # read again from the settings at the next receipt
        if not changed:
            self.feedback.show_message(_("没有改动。"), "info")
            return
        later = [k for k in changed if k in AFTER_RESTART]
        text = _("已保存。")
        if later:
            names = "、".join(_(config.BY_KEY[k].zh) for k in later)
            text += _("其中“{names}”要关掉程序再打开后才生效。").format(names=names)
        self.feedback.show_message(text, "ok")
        self.load()

    def test_print(self) -> None:
        typed = self.typed()
        self.session.runner.run(lambda: printer_test.for_shop(self.session.context(), typed),
                                self._tested, self._refused)

    def _tested(self, outcome) -> None:
        if outcome.png is not None:
            from kiosk.ui.system_printer import print_png

            problem = print_png(outcome.png, _("测试页"))
            if problem:
                self.feedback.show_message(problem, "bad")
                return
        self.feedback.show_message(outcome.text, "ok" if outcome.ok else "bad")

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")
        field = self.fields.get(str(error.params.get("key", "")))
        if field is not None:   # show the tab holding the value that was refused
            self.tabs.setCurrentIndex(self.tab_of[field.setting.key])
            field.widget.setFocus()
