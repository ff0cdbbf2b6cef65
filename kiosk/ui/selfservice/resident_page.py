"""A resident's own screen: balance large, then grade, history, claims, goods, ranking, rules."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QProgressBar, QPushButton,
                               QTabWidget, QVBoxLayout, QWidget)

from kiosk.i18n import current_lang, tr
from kiosk.services import selfservice
from kiosk.ui.theme import polish
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
        self.pin_prompt = polish(QLabel(tr("输入您自己的 4 位密码，看详细记录", "Enter your own PIN to see the details")), "title")
        self.pin_pad = PinPadWidget()
        self.pin_pad.submitted.connect(self._try_pin)
        self.tabs = QTabWidget()
        self.lists = {key: QListWidget() for key in ("history", "members", "claims", "goods", "rank", "rules")}
        for key, text in (("history", tr("最近记录", "History")), ("members", tr("家里每个人", "Household")),
                          ("claims", tr("审核和公示", "Claims")), ("goods", tr("能换什么", "What you can take")),
                          ("rank", tr("排名", "Ranking")), ("rules", tr("怎么挣积分", "How to earn"))):
            self.lists[key].setObjectName(f"self_{key}")
            self.tabs.addTab(self.lists[key], text)
        for widget in (self.pin_prompt, self.pin_pad, self.grade, self.progress, self.tabs):
            widget.setVisible(False)  # shown once we know whether a PIN is needed
        back = QPushButton(tr("看完了，回首页", "Done, back to start"))
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
        self.name.setText(tr(f"{summary.household} · {summary.head} 户", f"{summary.household} · {summary.head}'s household"))
        self.balance.setText(tr(f"{summary.balance} 分", f"{summary.balance} points"))
        for widget in (self.grade, self.progress, self.tabs):
            widget.setVisible(False)
        self.pin_prompt.setVisible(needs_pin)
        self.pin_pad.setVisible(needs_pin)
        self.pin_pad.clear()
        if not needs_pin:
            self._load_details()

    def _try_pin(self, pin: str) -> None:
        if self.wrong_pins >= WRONG_PINS_BEFORE_PAUSE:
            self.pin_prompt.setText(tr("密码错了几次，请找店里的志愿者帮忙", "Several wrong PINs: ask a volunteer"))
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
        self.pin_prompt.setText(tr("密码不对，请再试一次", "Wrong PIN, try again"))

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
        self._fill("members", [tr(f"{m.name}（{m.relation or '户员'}）  今年 {m.earned.signed()} 分",
                                  f"{m.name} ({m.relation or 'member'})  this year {m.earned.signed()} points")
                               for m in d.members])
        self._fill("claims", [f"{c.day}  {c.resident} {c.rule} {_pts(c.points.signed())}  "
                              + (tr("待审核", "waiting for review") if c.status == "pending"
                                 else tr("公示中", "on public notice")) for c in d.claims])
        self._fill("goods", [tr(f"{g.name}  {g.price} 分 / {g.unit}  （还有 {g.stock}）",
                                f"{g.name}  {g.price} points / {g.unit}  ({g.stock} left)") for g in d.affordable])
        self._fill("rank", [tr(f"您家今年排第 {d.rank} 名（共 {d.households} 户）",
                               f"Your household is number {d.rank} of {d.households} this year")]
                   + [f"{r.place}. {r.shown_name}  {_pts(r.earned)}" + (tr(" ← 您家", " ← you") if r.is_you else "")
                      for r in ranking])
        self._fill("rules", [f"[{r.category}] {r.name}: {r.words}" if current_lang() == "en"
                             else f"【{r.category}】{r.name}：{r.words}" for r in rules])
        for widget in (self.grade, self.tabs):
            widget.setVisible(True)

    @staticmethod
    def _grade_words(d) -> str:
        if d.next_grade is None:
            return tr(f"信用等次 {d.grade} · 今年 {d.year_score} 分，已是最高一等",
                      f"Grade {d.grade} · {d.year_score} this year, the top grade")
        return tr(f"信用等次 {d.grade} · 今年 {d.year_score} 分，再挣 {d.next_grade_at - d.year_score} 分升到 {d.next_grade}",
                  f"Grade {d.grade} · {d.year_score} this year; {d.next_grade_at - d.year_score} more for {d.next_grade}")

    def _fill(self, key: str, rows: list[str]) -> None:
        widget = self.lists[key]
        widget.clear()
        widget.addItems(rows or [tr("（暂时没有）", "(nothing yet)")])

    def clear(self) -> None:
        """Nothing of this resident stays on screen for the next person."""
        self.resident = None
        for label in (self.name, self.balance, self.grade):
            label.setText("")
        for widget in self.lists.values():
            widget.clear()
        self.pin_pad.clear()


def _pts(amount) -> str:
    return tr(f"{amount} 分", f"{amount} points")
