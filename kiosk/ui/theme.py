"""Fonts and colours: Chinese in a Chinese (SC) face, finger-sized targets, high contrast."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

# Noto CJK alone falls back to its Japanese glyphs unless SC is named first.
CJK_FAMILIES = ["Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei",
                "PingFang SC", "Noto Sans CJK JP"]
TOUCH_MIN = 56  # px: about 15 mm on a 96-dpi counter screen

OK, WARN, BAD, INFO = "#1b7f3b", "#b26a00", "#c62828", "#1f4e9c"

STYLE = f"""
QWidget {{ font-size: 18px; color: #1a1a1a; }}
QMainWindow, QDialog {{ background: #f4f1ea; }}
QPushButton {{ min-height: {TOUCH_MIN}px; padding: 4px 14px; border-radius: 8px;
              background: #ffffff; border: 2px solid #b9b2a3; font-size: 20px; }}
QPushButton:pressed {{ background: #e6dfcf; }}
QPushButton:disabled {{ color: #9a9a9a; border-color: #dedede; }}
QPushButton[role="primary"] {{ background: #c8102e; color: white; border: none; font-size: 26px;
                               font-weight: bold; }}
QPushButton[role="primary"]:disabled {{ background: #e8a9b3; }}
QPushButton[role="quiet"] {{ background: transparent; border: 2px solid #d6cfbf; }}
QPushButton[role="goods"] {{ min-height: 84px; font-size: 18px; text-align: center; }}
QLineEdit {{ min-height: {TOUCH_MIN - 8}px; font-size: 22px; padding: 2px 10px;
            border: 2px solid #b9b2a3; border-radius: 8px; background: white; }}
QLineEdit:focus {{ border-color: {INFO}; }}
QTableView, QListView {{ background: white; font-size: 20px; border: 1px solid #d6cfbf; }}
QTableView::item, QListView::item {{ min-height: 44px; padding: 4px; }}
QHeaderView::section {{ background: #ebe5d8; font-size: 18px; padding: 6px; border: none; }}
QLabel[role="title"] {{ font-size: 24px; font-weight: bold; }}
QLabel[role="big"] {{ font-size: 40px; font-weight: bold; color: {INFO}; }}
QLabel[role="big_owed"] {{ font-size: 40px; font-weight: bold; color: {BAD}; }}
QLabel[role="muted"] {{ color: #5f5a50; }}
QTabBar::tab {{ min-height: 44px; min-width: 96px; font-size: 18px; padding: 4px 12px; }}
QTabBar::scroller {{ width: 104px; }}
QTabBar QToolButton {{ min-width: 48px; min-height: 44px; background: #ffffff; border: 2px solid #b9b2a3; }}
QComboBox {{ min-height: {TOUCH_MIN - 8}px; font-size: 20px; padding: 2px 10px; }}
QComboBox::drop-down {{ width: 48px; }}
QSpinBox {{ min-height: {TOUCH_MIN - 8}px; font-size: 20px; }}
QSpinBox::up-button, QSpinBox::down-button {{ width: 48px; }}
QFrame[role="panel"] {{ background: white; border: 1px solid #d6cfbf; border-radius: 10px; }}
QStatusBar {{ font-size: 16px; }}
QScrollBar:vertical {{ width: 28px; }}
QScrollBar:horizontal {{ height: 28px; }}
"""


def apply(app: QApplication) -> None:
    available = set(QFontDatabase.families())
    families = [f for f in CJK_FAMILIES if f in available] or CJK_FAMILIES
    font = QFont()
    font.setFamilies(families)
    font.setPointSize(12)
    app.setFont(font)
    app.setStyleSheet(STYLE)


def polish(widget, role: str):
    """Set a style role ("primary", "quiet", "title", "big" …) and return the widget."""
    widget.setProperty("role", role)
    return widget


def show_balance(label, balance) -> None:
    """A balance in big figures: blue, or red when it is below zero (owed, not to spend)."""
    role = "big_owed" if balance.is_negative() else "big"
    if label.property("role") != role:
        polish(label, role)
        label.style().unpolish(label)
        label.style().polish(label)
