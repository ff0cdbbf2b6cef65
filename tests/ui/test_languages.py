"""No screen is left half-translated: the English UI shows no Chinese, the Chinese UI no English.

The English run uses a village whose own data (names, goods, rules) is written in
Latin letters, so any Chinese left on screen is the program's, not the village's.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from kiosk.core.points import Points
from kiosk.core.rules import Rule, Shape
from kiosk.services.people import residents
from kiosk.services.points import awards, rules
from kiosk.services.setup import create as setup
from kiosk.services.shop import products
from kiosk.services.stock import movements as stock
from kiosk.ui.counter.main_window import CounterWindow
from kiosk.ui.counter_session import CounterSession
from kiosk.ui.manage.sections import SECTIONS
from kiosk.ui.tasks import ImmediateRunner
from tests.conftest import MANAGER_PIN
from tests.ui.words import chinese_left, english_left, texts


def _english_village(path, clock):
    db = setup.create_database(path)
    ctx = setup.init_village(db, village="Greenstone", manager="Liu Jianjun", pin=MANAGER_PIN,
                             clock=clock, currency="credits")
    residents.add_resident(ctx, name="Wang Xiaoming", house_no="3-12")
    rules.add_rule(ctx, Rule("sweep", "Street sweeping", "Hygiene", Shape.FIXED, Points.parse(5)))
    rice = products.add_product(ctx, name="Rice 5kg", price=50, barcode="6901234567892",
                                category="Grain", unit="bag")
    stock.receive(ctx, rice.code, 20, source="purchase")
    awards.award(ctx, "Wang Xiaoming", "sweep")
    return ctx


def _screens(qtbot, window, session) -> list:
    """The counter as a manager walks through it: exchange, dialogs, every back-office section."""
    window.login.load()
    shown = [window.login]
    session.login(*_manager(session))
    window._logged_in(session.actor)
    page = window.exchange
    page.on_scan(session.db.scalar("SELECT card_code FROM resident LIMIT 1"))
    page.on_scan("6901234567892")
    shown.append(window)
    for opened in (window.open_shift(), window.open_refund("")):
        shown.append(opened)
    for section in SECTIONS:
        shown.append(window.open_manage(section.key))
    return shown


def _manager(session):
    name = session.db.scalar("SELECT name FROM operator WHERE role = 'manager' LIMIT 1")
    return name, MANAGER_PIN


def _walk(qtbot, db, clock, tmp_path):
    session = CounterSession(db, ImmediateRunner(), clock=clock, receipts_dir=tmp_path / "receipts")
    window = CounterWindow(session, "counter")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    found = []
    for widget in _screens(qtbot, window, session):
        QApplication.processEvents()
        found += texts(widget)
    window.close()
    return found


def test_the_english_counter_shows_no_chinese(qtbot, monkeypatch, tmp_path, clock):
    monkeypatch.setenv("KIOSK_LANG", "en")
    ctx = _english_village(tmp_path / "en.sqlite", clock)
    left = chinese_left(_walk(qtbot, ctx.db, clock, tmp_path))
    assert left == [], "Chinese left on the English screens:\n" + _listed(left)


def test_the_chinese_counter_shows_no_english(qtbot, monkeypatch, shop, clock, tmp_path):
    monkeypatch.setenv("KIOSK_LANG", "zh")
    left = english_left(_walk(qtbot, shop.db, clock, tmp_path), {"counter"})
    assert left == [], "English left on the Chinese screens:\n" + _listed(left)


def _listed(found) -> str:
    return "\n".join(sorted({f"  {where}: {text!r}" for where, text in found}))


def _walk_selfservice(qtbot, db_path, clock):
    from kiosk.ui.app import selfservice_window

    window = selfservice_window(db_path, runner=ImmediateRunner(), clock=clock)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    found = texts(window)
    card = window.session.db.scalar("SELECT card_code FROM resident LIMIT 1")
    for show in (lambda: window.find("initials"), lambda: window.find("house"), lambda: window.find("names"),
                 lambda: window.on_scan(card), window.show_notices):
        show()
        QApplication.processEvents()
        found += texts(window)
    window.close()
    window.session.db.close()
    return found


def test_the_english_touchscreen_shows_no_chinese(qtbot, monkeypatch, tmp_path, clock):
    monkeypatch.setenv("KIOSK_LANG", "en")
    ctx = _english_village(tmp_path / "en.sqlite", clock)
    # house numbers are written 3组12号 in every village: the house pad types them so
    left = chinese_left(_walk_selfservice(qtbot, tmp_path / "en.sqlite", clock), {"组", "号"})
    ctx.db.close()
    assert left == [], "Chinese left on the English touchscreen:\n" + _listed(left)


def test_the_chinese_touchscreen_shows_no_english(qtbot, monkeypatch, shop, db_path, clock):
    monkeypatch.setenv("KIOSK_LANG", "zh")
    left = english_left(_walk_selfservice(qtbot, db_path, clock))
    assert left == [], "English left on the Chinese touchscreen:\n" + _listed(left)
