"""The touchscreen's look: large by default; elder mode larger still and high contrast."""

from __future__ import annotations

NORMAL = {"base": 24, "button": 72, "big": 64, "bg": "#f4f1ea", "fg": "#1a1a1a", "panel": "#ffffff",
          "accent": "#1f4e9c", "border": "#b9b2a3"}
# Elder mode: every target at least 15 mm (≈ 90 px on a 21.5" 1080p panel), black on white.
ELDER = {"base": 34, "button": 96, "big": 88, "bg": "#ffffff", "fg": "#000000", "panel": "#fffbe6",
         "accent": "#000000", "border": "#000000"}


SHORT_SCREEN = 900   # px: a 1366×768 (or 1280×800) panel gets keys a size smaller


def sizes(elder: bool, short: bool = False) -> dict:
    """Sizes for the mode; on a short screen the keys shrink so a whole page still fits."""
    v = dict(ELDER if elder else NORMAL)
    if short:   # keys stay at least 52 px (about 14 mm on such a panel)
        v.update(base=round(v["base"] * 0.85), button=round(v["button"] * (0.6 if elder else 0.72)),
                 big=round(v["big"] * 0.8))
    return v


def stylesheet(elder: bool, short: bool = False) -> str:
    v = sizes(elder, short)
    return f"""
QWidget {{ font-size: {v['base']}px; color: {v['fg']}; }}
QMainWindow, QStackedWidget > QWidget {{ background: {v['bg']}; }}
QPushButton {{ min-height: {v['button']}px; padding: 6px 18px; border-radius: 12px;
              background: {v['panel']}; border: 3px solid {v['border']}; font-size: {v['base'] + 2}px; }}
QPushButton:pressed {{ background: #e6dfcf; }}
QPushButton[role="primary"] {{ background: #c8102e; color: white; border: none; font-weight: bold; }}
QPushButton[role="key"] {{ min-width: {v['button']}px; font-size: {v['base'] + 6}px; font-weight: bold; }}
QListWidget {{ background: {v['panel']}; border: 2px solid {v['border']}; font-size: {v['base'] + 2}px; }}
QListWidget::item {{ min-height: {v['button']}px; padding: 6px 12px; border-bottom: 1px solid #d6cfbf; }}
QLabel[role="title"] {{ font-size: {v['base'] + 8}px; font-weight: bold; }}
QLabel[role="big"] {{ font-size: {v['big']}px; font-weight: bold; color: {v['accent']}; }}
QLabel[role="big_owed"] {{ font-size: {v['big']}px; font-weight: bold; color: #c62828; }}
QLabel[role="muted"] {{ color: {'#000000' if elder else '#5f5a50'}; }}
QLabel[role="countdown"] {{ font-size: {v['base']}px; color: #b26a00; font-weight: bold; }}
QProgressBar {{ min-height: {v['base']}px; border: 2px solid {v['border']}; border-radius: 8px;
               text-align: center; background: {v['panel']}; }}
QProgressBar::chunk {{ background: #1b7f3b; border-radius: 6px; }}
QTabBar::tab {{ min-height: {v['button'] - 12}px; min-width: 140px; font-size: {v['base']}px;
               padding: 6px 16px; }}
QTextBrowser {{ background: {v['panel']}; border: 2px solid {v['border']}; font-size: {v['base']}px; }}
QScrollBar:vertical {{ width: {v['button'] // 2}px; }}
QScrollBar:horizontal {{ height: {v['button'] // 2}px; }}
"""
