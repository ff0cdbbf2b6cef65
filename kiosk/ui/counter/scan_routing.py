"""Where a scan goes when a dialog stands in front of the counter's pages.

A dialog that takes scans (the refund's receipt, a visitor's card) gets it; any
other dialog refuses it in words, so a code never lands in a note or a PIN.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from kiosk.i18n import _
from kiosk.ui.widgets.feedback_bar import FeedbackBar


def scan_blocker(window: QWidget) -> QWidget | None:
    """The dialog of `window`, in front of it, that a scan must not slip past, if any."""
    for candidate in (QApplication.activeModalWidget(), QApplication.activeWindow()):
        if candidate is not None and candidate is not window and candidate.isVisible() \
                and _belongs_to(candidate, window):
            return candidate
    return None


def _belongs_to(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent is window:
            return True
        parent = parent.parentWidget()
    return False


def hand_to(dialog: QWidget, code: str, fallback: FeedbackBar) -> None:
    """The dialog takes the scan, or the volunteer is told to close it first."""
    if hasattr(dialog, "on_scan"):
        dialog.on_scan(code)
        return
    title = dialog.windowTitle()
    message = (_("扫到 {code}：请先关掉“{title}”窗口，再扫码").format(code=code, title=title) if title
               else _("扫到 {code}：请先关掉打开的窗口，再扫码").format(code=code))
    feedback = getattr(dialog, "feedback", None)
    (feedback if isinstance(feedback, FeedbackBar) else fallback).show_message(message, "warn")
