"""THE scanner test: the real counter and touchscreen under Xvfb, typed at with real X keys.

Qt's synthetic key events (qtbot) send no Shift, no Caps Lock, no keypad flag and
no event stamps; a real keyboard-wedge scanner sends all of them. Here xdotool
types into the real window as scanners do, 3–40 ms per key, and the database
says whose sale it was.
"""

from __future__ import annotations

import time

import pytest

from tests.conftest import give
from tests.ui.realx.xserver import RealWindow, Xvfb, missing_tools

pytestmark = pytest.mark.skipif(bool(missing_tools()),
                                reason=f"needs {' and '.join(missing_tools())} (apt-get install xvfb xdotool)")
RICE, PASTE = "6901234567892", "6920000000012"


@pytest.fixture(scope="module")
def x():
    server = Xvfb()
    yield server
    server.stop()


@pytest.fixture
def launch(x, tmp_path):
    started = []

    def start(kind: str, db_path) -> RealWindow:
        window = RealWindow(x, kind, db_path, tmp_path)
        started.append(window)
        window.wait_for(lambda s: s["ready"], f"the {kind} window", seconds=30)
        return window

    yield start
    for window in started:
        window.close()


def _buyers(shop) -> list[str]:
    return [row[0] for row in shop.db.all(
        "SELECT r.card_code FROM sale s JOIN resident r ON r.id = s.resident_id ORDER BY s.at, s.receipt")]


def _wait_for_sales(shop, count: int, seconds: float = 10) -> list[str]:
    deadline = time.monotonic() + seconds
    while len(buyers := _buyers(shop)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return buyers


def test_counter_takes_real_scanner_bursts_and_sells_to_the_scanned_resident(shop, launch):
    give(shop, "JF000001", 12)                       # 王小明: 60 points
    give(shop, "JF000004", 2)                        # 张桂兰: 10 points
    counter = launch("counter", shop.db.path)
    counter.click(counter.state["names"]["operator_张晓燕"])
    counter.wait_for(lambda s: s["chosen"] == "张晓燕", "the name chosen")

    counter.scan("JF000001", 5)                      # a card scanned into the PIN field
    at_login = counter.wait_for(lambda s: "请先登录" in s["login_message"], "a refusal at the login page")
    assert at_login["page"] == "LoginPage" and at_login["pin"] == 0  # not typed in, not taken as a PIN

    counter.keys("4", "8", "2", "6", "Return")       # the volunteer's PIN, by hand
    counter.wait_for(lambda s: s["page"] == "ExchangePage", "the exchange page")

    counter.scan("JF000001", 3)                      # capitals with Shift, Enter at the end
    counter.wait_for(lambda s: "王小明" in s["resident"], "王小明 chosen by his card")
    counter.scan(RICE, 20, suffix="Tab", keypad=True)   # keypad digits, Tab at the end
    shown = counter.wait_for(lambda s: s["cart"] == ["大米 5kg"], "the rice in the cart")
    assert shown["search"] == "" and shown["code"] == ""  # no junk left in any field
    counter.keys("F12")
    assert _wait_for_sales(shop, 1) == ["JF000001"]

    counter.keys("Caps_Lock")                        # Caps Lock on: the card's letters come lower case
    try:
        counter.scan("JF000004", 30, suffix=None)    # slow scanner, no suffix: the burst just stops
        counter.wait_for(lambda s: "张桂兰" in s["resident"], "张桂兰 chosen with Caps Lock on")
        counter.scan(PASTE, 10, suffix="Return")
        counter.wait_for(lambda s: s["cart"] == ["牙膏"], "the toothpaste in the cart")
    finally:
        counter.keys("Caps_Lock")
    counter.keys("F12")
    assert _wait_for_sales(shop, 2) == ["JF000001", "JF000004"]

    counter.scan("JF999999", 5)
    unknown = counter.wait_for(lambda s: "JF999999" in s["message"], "the unknown card named")
    assert "不认识" in unknown["message"] and unknown["search"] == ""


def test_touchscreen_opens_the_scanned_residents_page(shop, launch):
    screen = launch("selfservice", shop.db.path)
    screen.scan("JF000001", 5, suffix=None)
    screen.wait_for(lambda s: s["page"] == "ResidentPage" and "王小明" in s["name"], "王小明's page")

    screen.keys("Caps_Lock")
    try:                                             # another card, on his page (its PIN pad has focus)
        screen.scan("JF000003", 15, suffix="Tab", keypad=True)
        shown = screen.wait_for(lambda s: "王晓明" in s["name"], "王晓明's page")
    finally:
        screen.keys("Caps_Lock")
    assert shown["page"] == "ResidentPage" and shown["pin"] == 0

    screen.scan("JF999999", 3)
    home = screen.wait_for(lambda s: "JF999999" in s["message"], "the unknown card named")
    assert home["page"] == "HomePage"
