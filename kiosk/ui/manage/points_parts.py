"""What the points sections share: buttons, rule words, refusals shown on the feedback bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QPushButton

from kiosk.core.errors import Refused
from kiosk.core.rules import Rule
from kiosk.i18n import N_, _
from kiosk.services.selfservice.words import rule_words
from kiosk.ui.theme import TOUCH_MIN, polish

SHAPE_WORDS = {"fixed": N_("按次"), "per_hour": N_("按小时"),
               "per_m2": N_("按平方米"), "per_mu": N_("按亩"),
               "per_period": N_("按评比期")}
CAP_PERIOD_WORDS = {"": N_("不设上限"), "day": N_("每天"), "month": N_("每月"),
                    "year": N_("每年")}
QTY_WORDS = {"fixed": N_("次数"), "per_hour": N_("小时", "points_parts"), "per_m2": N_("平方米"),
             "per_mu": N_("亩"), "per_period": N_("期数")}


def button(text: str, name: str, slot: Callable, role: str = "") -> QPushButton:
    widget = polish(QPushButton(text), role) if role else QPushButton(text)
    widget.setObjectName(name)
    widget.clicked.connect(lambda _unused=False: slot())
    return widget


def big_check(box):
    """A check box with a finger-sized tick area."""
    box.setMinimumHeight(TOUCH_MIN)
    box.setStyleSheet("QCheckBox::indicator { width: 34px; height: 34px; }")
    return box


def choice_box(name: str, words: dict[str, tuple[str, str]]) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for value, pair in words.items():
        box.addItem(_(pair), value)
    return box


def choose(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    box.setCurrentIndex(max(0, index))


def rule_label(rule: Rule) -> str:
    """'环境卫生 · 环境清扫（每次 5 分，每月最多 20 分）'."""
    return _("{category} · {name}（{value}）").format(category=rule.category, name=rule.name, value=rule_words(rule))


def refusal_shower(feedback) -> Callable[[BaseException], None]:
    """An on_error for the runner: a refusal on the feedback bar; anything else is a bug."""
    def shown(error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        feedback.show_message(error.message(), "bad")
    return shown
