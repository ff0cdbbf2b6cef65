"""Starting the windows: the Qt application, the theme, the session on a database."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from kiosk.i18n import _, current_lang
from kiosk.paths import user_data_dir
from kiosk.config import IDLE_LOCK_MINUTES
from kiosk.services.points import notice_credit
from kiosk.services.setup import settings, create as setup
from kiosk.services.context import Context, SELFSERVICE
from kiosk.ui import expiry_job, notice_job, sync_job, theme, township_due_job
from kiosk.ui.qt_words import use_qt_words
from kiosk.ui.counter.main_window import CounterWindow
from kiosk.ui.counter_session import CounterSession
from kiosk.ui.tasks import TaskRunner


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    theme.apply(app)
    use_qt_words(current_lang(), app)   # the wizard's; a village's own choice follows when it opens
    return app


def _close(app: QApplication, window, backup: bool = False) -> None:
    """Stop the workers, close the books, and delete the window while Qt is still whole."""
    for job in window.findChildren(sync_job.SyncJob):
        job.stop()
    window.session.runner.shutdown()
    if backup:
        _auto_backup(window.session.db, "close")
    window.session.db.close()
    window.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def _auto_backup(db, reason: str) -> None:
    """The counter's own copy at start and close; a full disk must not stop the shop."""
    from kiosk.config import BACKUP_KEEP
    from kiosk.core.errors import Refused
    from kiosk.services.setup.backup import auto_backup

    try:
        auto_backup(db, None, settings.value(Context(db, SELFSERVICE), BACKUP_KEEP), reason)
    except (Refused, OSError) as exc:
        print(f"kiosk: automatic backup skipped: {exc}", file=sys.stderr)


def counter_window(db_path: Path | str, runner=None, clock=None, backup: bool = False) -> CounterWindow:
    db = setup.open_shop(db_path)
    use_qt_words(settings.apply_language(db))   # the village's language from the start (KIOSK_LANG wins)
    if backup:
        _auto_backup(db, "start")   # before anything below writes
    notice_credit.run_at_start(db, clock)   # approved claims whose public notice ended credit now
    session = CounterSession(db, runner or TaskRunner(), receipts_dir=user_data_dir() / "receipts")
    if clock is not None:
        session.clock = clock
    village = Context(db, SELFSERVICE).village
    title = _("{name}积分超市 · 收银台").format(name=village.name)
    idle = settings.value(Context(db, SELFSERVICE), IDLE_LOCK_MINUTES)
    window = CounterWindow(session, title, idle_minutes=idle)
    window.start()
    expiry_job.start(window)   # points due to expire: now, then hourly
    notice_job.start(window)   # claims whose notice has ended credit on time: now, then every 5 minutes
    township_due_job.start(window)   # the township's rules, goods and prices due today: now, then hourly
    sync_job.start(window)     # township sync, only when sync.url is set and this PC is enrolled
    return window


def run_counter(db_path: Path | str, fullscreen: bool = False) -> int:
    from kiosk.services.setup.village_build import needs_setup

    app = application()
    if needs_setup(db_path):   # a missing or empty database: the first-run wizard sets it up
        from kiosk.ui.wizard import run_setup

        if not run_setup(app, db_path, fullscreen):
            return 0   # closed before the village was set up: nothing to open
    window = counter_window(db_path, backup=True)
    window.setGeometry(app.primaryScreen().availableGeometry())  # also without a window manager
    window.showFullScreen() if fullscreen else window.showMaximized()
    code = app.exec()
    _close(app, window, backup=True)
    return code


def selfservice_window(db_path: Path | str, runner=None, clock=None):
    """The residents' touchscreen on a read-only connection: it cannot change the books."""
    from kiosk.config import SELF_IDLE_SECONDS
    from kiosk.ui.selfservice.session import SelfServiceSession
    from kiosk.ui.selfservice.window import SelfServiceWindow

    db = setup.open_for_reading(db_path)
    use_qt_words(settings.apply_language(db))
    session = SelfServiceSession(db, runner or TaskRunner())
    if clock is not None:
        session.clock = clock
    ctx = session.reader()
    title = _("{name}积分超市 · 自助查询").format(name=ctx.village.name)
    window = SelfServiceWindow(session, title, settings.value(ctx, SELF_IDLE_SECONDS))
    window.start()
    return window


def run_selfservice(db_path: Path | str, fullscreen: bool = False, screen: int | None = None) -> int:
    """On the second screen when there is one (the counter keeps the first)."""
    app = application()
    window = selfservice_window(db_path)
    screens = app.screens()
    chosen = screens[min(screen, len(screens) - 1)] if screen is not None else screens[-1]
    window.setGeometry(chosen.availableGeometry())
    window.showFullScreen() if fullscreen else window.showMaximized()
    code = app.exec()
    _close(app, window)
    return code
