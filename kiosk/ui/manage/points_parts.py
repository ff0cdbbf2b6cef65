"""What the points sections share: buttons, rule words, refusals shown on the feedback bar."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QPushButton

from kiosk.core.errors import Refused
from kiosk.core.rules import Rule
from kiosk.i18n import tr
from kiosk.services.selfservice_words import rule_words
from kiosk.ui.theme import TOUCH_MIN, polish

SHAPE_WORDS = {"fixed": ("按次", "per act"), "per_hour": ("按小时", "per hour"),
               "per_m2": ("按平方米", "per m²"), "per_mu": ("按亩", "per mu"),
               "per_period": ("按评比期", "per period")}
CAP_PERIOD_WORDS = {"": ("不设上限", "no cap"), "day": ("每天", "a day"), "month": ("每月", "a month"),
                    "year": ("每年", "a year")}
QTY_WORDS = {"fixed": ("次数", "times"), "per_hour": ("小时", "hours"), "per_m2": ("平方米", "m²"),
             "per_mu": ("亩", "mu"), "per_period": ("期数", "periods")}


def button(text: str, name: str, slot: Callable, role: str = "") -> QPushButton:
    widget = polish(QPushButton(text), role) if role else QPushButton(text)
    widget.setObjectName(name)
    widget.clicked.connect(lambda _=False: slot())
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
        box.addItem(tr(*pair), value)
    return box


def choose(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    box.setCurrentIndex(max(0, index))


def rule_label(rule: Rule) -> str:
    """'环境卫生 · 环境清扫（每次 5 分，每月最多 20 分）'."""
    return tr(f"{rule.category} · {rule.name}（{rule_words(rule)}）", f"{rule.category} · {rule.name} ({rule_words(rule)})")


def refusal_shower(feedback) -> Callable[[BaseException], None]:
    """An on_error for the runner: a refusal on the feedback bar; anything else is a bug."""
    def shown(error: BaseException) -> None:
        if not isinstance(error, Refused):
            raise error
        feedback.show_message(error.message(), "bad")
    return shown
