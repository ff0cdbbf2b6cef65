"""The first-run setup wizard's screens (the logic is kiosk.services.setup.wizard)."""

from __future__ import annotations

from pathlib import Path


def run_setup(app, db_path: Path | str, fullscreen: bool = False) -> bool:
    """Shows the wizard until the village is set up (True) or the window is closed (False)."""
    from PySide6.QtWidgets import QDialog

    from kiosk.services.setup.wizard import SetupWizard
    from kiosk.i18n import current_lang
    from kiosk.ui.qt_words import use_qt_words
    from kiosk.ui.tasks import TaskRunner
    from kiosk.ui.wizard.dialog import SetupDialog

    use_qt_words(current_lang(), app)
    runner = TaskRunner()
    dialog = SetupDialog(SetupWizard(db_path), runner)
    dialog.setGeometry(app.primaryScreen().availableGeometry())
    dialog.showFullScreen() if fullscreen else dialog.showMaximized()
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        runner.shutdown()
        dialog.deleteLater()
