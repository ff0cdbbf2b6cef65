"""A resident's own screen: balance large, then grade, history, claims, goods, ranking, rules."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QProgressBar, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from kiosk.i18n import _, _p, current_lang, word
from kiosk.messages.values import RELATION_WORDS
from kiosk.services.selfservice import screen as selfservice
from kiosk.ui.theme import polish, show_balance
from kiosk.ui.widgets.pin_pad import PinPadWidget

WRONG_PINS_BEFORE_PAUSE = 3


class ResidentPage(QWidget):
    home_wanted = Signal()

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.resident = None
        self.wrong_pins = 0
        self.name = polish(QLabel(""), "title")
        self.balance = polish(QLabel(""), "big")
        self.balance.setObjectName("self_balance")
        self.grade = QLabel("")
        self.grade.setWordWrap(True)
        self.progress = QProgressBar()
        self.pin_prompt = polish(QLabel(_("输入您自己的 4 位密码，看详细记录")), "title")
        self.pin_pad = PinPadWidget()
        self.pin_pad.submitted.connect(self._try_pin)
        self.tabs = QTabWidget()
        self.lists = {key: QListWidget() for key in ("history", "members", "claims", "goods", "rank", "rules")}
        for key, text in (("history", _("最近记录")), ("members", _("家里每个人")),
                          ("claims", _("审核和公示")), ("goods", _("能换什么")),
                          ("rank", _("排名")), ("rules", _("怎么挣积分"))):
            self.lists[key].setObjectName(f"self_{key}")
            self.tabs.addTab(self.lists[key], text)
        for widget in (self.pin_prompt, self.pin_pad, self.grade, self.progress, self.tabs):
            widget.setVisible(False)  # shown once we know whether a PIN is needed
        back = QPushButton(_("看完了，回首页"))
        back.setObjectName("resident_back")
        back.clicked.connect(self.home_wanted)
        self._lay_out(back)

    def _lay_out(self, back: QPushButton) -> None:
        top = QHBoxLayout()
        head = QVBoxLayout()
        head.addWidget(self.name)
        head.addWidget(self.balance)
        head.addWidget(self.grade)
        head.addWidget(self.progress)
        top.addLayout(head, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pin_prompt)
        layout.addWidget(self.pin_pad, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(back)

    def show_resident(self, resident) -> None:
        self.resident, self.wrong_pins = resident, 0
        ctx = self.session.reader()
        self.session.runner.run(
            lambda: (selfservice.summary(ctx, resident), selfservice.pin_required(ctx)), self._summary)

    def _summary(self, found) -> None:
        summary, needs_pin = found
        self.name.setText(_("{household} · {head} 户").format(household=summary.household, head=summary.head))
        self.balance.setText(_("{balance} 分").format(balance=summary.balance))
        show_balance(self.balance, summary.balance)
        for widget in (self.grade, self.progress, self.tabs):
            widget.setVisible(False)
        self.pin_prompt.setVisible(needs_pin)
        self.pin_pad.setVisible(needs_pin)
        self.pin_pad.clear()
        if not needs_pin:
            self._load_details()

    def _try_pin(self, pin: str) -> None:
        if self.wrong_pins >= WRONG_PINS_BEFORE_PAUSE:
            self.pin_prompt.setText(_("密码错了几次，请找店里的志愿者帮忙"))
            return
        resident, ctx = self.resident, self.session.reader()
        self.session.runner.run(lambda: selfservice.check_pin(ctx, resident, pin), self._pin_checked)

    def _pin_checked(self, ok: bool) -> None:
        if ok:
            self.pin_prompt.setVisible(False)
            self.pin_pad.setVisible(False)
            self._load_details()
            return
        self.wrong_pins += 1
        self.pin_prompt.setText(_("密码不对，请再试一次"))

    def _load_details(self) -> None:
        resident, ctx = self.resident, self.session.reader()
        self.session.runner.run(
            lambda: (selfservice.details(ctx, resident), selfservice.rules_in_words(ctx),
                     selfservice.ranking(ctx, "year", 10, resident.household_id)), self._details)

    def _details(self, found) -> None:
        d, rules, ranking = found
        self.grade.setText(self._grade_words(d))
        if d.next_grade_at is not None and d.next_grade_at.hundredths > 0:
            self.progress.setRange(0, d.next_grade_at.hundredths)
            self.progress.setValue(max(0, min(d.year_score.hundredths, d.next_grade_at.hundredths)))
            self.progress.setFormat(f"{d.year_score} / {d.next_grade_at}")
        self.progress.setVisible(d.next_grade is not None)
        self._fill("history", [f"{h.day}  {h.words}  {_pts(h.points.signed())}" for h in d.history])
        self._fill("members", [_("{name}（{relation}）  今年 {points} 分").format(
            name=m.name, relation=word(RELATION_WORDS, m.relation) if m.relation else _("户员"),
            points=m.earned.signed()) for m in d.members])
        self._fill("claims", [f"{c.day}  {c.resident} {c.rule} {_pts(c.points.signed())}  "
                              + (_p("resident_page", "待审核") if c.status == "pending"
                                 else _("公示中")) for c in d.claims])
        self._fill("goods", [_("{name}  {price} 分 / {unit}  （还有 {stock}）").format(name=g.name, price=g.price, unit=g.unit, stock=g.stock) for g in d.affordable])
        self._fill("rank", [_("您家今年排第 {rank} 名（共 {households} 户）").format(rank=d.rank, households=d.households)]
                   + [f"{r.place}. {r.shown_name}  {_pts(r.earned)}" + (_(" ← 您家") if r.is_you else "")
                      for r in ranking])
        self._fill("rules", [f"[{r.category}] {r.name}: {r.words}" if current_lang() == "en"
                             else f"【{r.category}】{r.name}：{r.words}" for r in rules])
        for widget in (self.grade, self.tabs):
            widget.setVisible(True)

    @staticmethod
    def _grade_words(d) -> str:
        if d.next_grade is None:
            return _("信用等次 {grade} · 今年 {year_score} 分，已是最高一等").format(grade=d.grade, year_score=d.year_score)
        return _("信用等次 {grade} · 今年 {year_score} 分，再挣 {value} 分升到 {next_grade}").format(grade=d.grade, year_score=d.year_score, value=d.next_grade_at - d.year_score, next_grade=d.next_grade)

    def _fill(self, key: str, rows: list[str]) -> None:
        widget = self.lists[key]
        widget.clear()
        widget.addItems(rows or [_("（暂时没有）")])

    def clear(self) -> None:
        """Nothing of this resident stays on screen for the next person."""
        self.resident = None
        for label in (self.name, self.balance, self.grade):
            label.setText("")
        for widget in self.lists.values():
            widget.clear()
        self.pin_pad.clear()


def _pts(amount) -> str:
    return _("{amount} 分").format(amount=amount)
