"""Starting the windows: the Qt application, the theme, the session on a database."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from kiosk.i18n import tr
from kiosk.paths import user_data_dir
from kiosk.config import IDLE_LOCK_MINUTES
from kiosk.services import settings, setup
from kiosk.services.context import Context, SELFSERVICE
from kiosk.ui import theme
from kiosk.ui.counter.main_window import CounterWindow
from kiosk.ui.counter_session import CounterSession
from kiosk.ui.tasks import TaskRunner


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    theme.apply(app)
    return app


def counter_window(db_path: Path | str, runner=None, clock=None) -> CounterWindow:
    db = setup.open_shop(db_path)
    session = CounterSession(db, runner or TaskRunner(), receipts_dir=user_data_dir() / "receipts")
    if clock is not None:
        session.clock = clock
    village = Context(db, SELFSERVICE).village
    title = tr(f"{village.name}积分超市 · 收银台", f"{village.name} points shop · counter")
    idle = settings.value(Context(db, SELFSERVICE), IDLE_LOCK_MINUTES)
    window = CounterWindow(session, title, idle_minutes=idle)
    window.start()
    return window


def run_counter(db_path: Path | str, fullscreen: bool = False) -> int:
    app = application()
    window = counter_window(db_path)
    window.setGeometry(app.primaryScreen().availableGeometry())  # also without a window manager
    window.showFullScreen() if fullscreen else window.showMaximized()
    code = app.exec()
    window.session.runner.shutdown()
    window.session.db.close()
    return code
