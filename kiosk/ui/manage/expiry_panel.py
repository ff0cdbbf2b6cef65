"""When points expire: the village's choice, what is due now and soon, and a run by hand."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout

from kiosk.config import EXPIRY_POLICY
from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.services.points import expiry
from kiosk.services.setup import settings
from kiosk.ui.manage.residents_forms import ChoiceRow
from kiosk.ui.manage.stock_parts import line_edit
from kiosk.ui.theme import polish


class ExpiryPanel(QFrame):
    def __init__(self, session, feedback) -> None:
        super().__init__()
        polish(self, "panel")
        self.session, self.feedback = session, feedback
        self.policy = ChoiceRow("expiry_policy", [(value, _(words)) for value, words in EXPIRY_POLICY.choices],
                                vertical=True)
        self.reset_date = line_edit("expiry_reset_date", _("如 01-10"), 150)
        self.months = line_edit("expiry_months", _("如 12"), 150)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.save = QPushButton(_("保存过期规则"))
        self.save.setObjectName("expiry_save")
        self.save.clicked.connect(self.save_policy)
        self.run = polish(QPushButton(_("现在记过期")), "primary")
        self.run.setObjectName("expiry_run")
        self.run.clicked.connect(self.run_now)
        self._lay_out()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(polish(QLabel(_p("expiry_panel#3", "积分过期")), "title"))
        layout.addWidget(self.policy)
        fields = QGridLayout()
        fields.addWidget(QLabel(_("每年清零日（月-日）")), 0, 0)
        fields.addWidget(self.reset_date, 0, 1)
        fields.addWidget(QLabel(_("满几个月作废")), 1, 0)
        fields.addWidget(self.months, 1, 1)
        layout.addLayout(fields)
        layout.addWidget(self.save)
        layout.addWidget(self.status, 1)
        layout.addWidget(self.run)

    def load(self) -> None:
        reader = self.session.reader()
        self.session.runner.run(lambda: expiry.status(reader), self._show, self._refused)

    def _show(self, s) -> None:
        rule = s.rule
        self.policy.choose(rule.policy.value)
        self.reset_date.setText(f"{rule.reset_month:02d}-{rule.reset_day:02d}")
        self.months.setText(str(rule.months))
        self.status.setText(describe(s))
        self.run.setEnabled(bool(s.period) and not s.ran_this_period)

    def save_policy(self) -> None:
        changes = {"expiry.policy": (self.policy.chosen() or ["none"])[0],
                   "expiry.reset_date": self.reset_date.text(), "expiry.months": self.months.text()}
        self.session.runner.run(lambda: settings.change(self.session.context(), changes),
                                self._saved, self._refused)

    def _saved(self, changed) -> None:
        self.feedback.show_message(_("过期规则已保存。程序每次打开和每小时都会检查，到期的才记。"), "ok")
        self.load()

    def run_now(self) -> None:
        self.session.runner.run(lambda: expiry.run_due(self.session.context()), self._ran, self._refused)

    def _ran(self, done) -> None:
        words = _("这一期（{period}）已经记过了。").format(period=done.period) \
            if done.already else _("已记过期：{accounts} 个账户共 {total} 分。").format(accounts=done.accounts, total=done.total)
        self.feedback.show_message(words, "ok")
        self.load()

    def _refused(self, error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        self.feedback.show_message(error.message(), "bad")


def describe(s) -> str:
    if not s.period:
        return _("积分长期有效，不会过期。")
    lines = [_("现在到期还没记的：{due_now} 分（{due_accounts} 个账户）").format(due_now=s.due_now, due_accounts=s.due_accounts),
             _("{SOON_DAYS} 天内还会过期：{soon} 分").format(SOON_DAYS=expiry.SOON_DAYS, soon=s.soon),
             _("下次检查：{next_run}").format(next_run=s.next_run)]
    if s.last_at:
        lines.append(_("上次：{value}，过期 {last_total} 分").format(value=s.last_at[:16], last_total=s.last_total))
    return "\n".join(lines)
