"""The township console in a real headless Chromium (Debian's chromium + chromium-driver, Selenium):
sign in, a village's households by house number, 复核 退回 reaching a counter at its sync,
an incident resolved, a rate previewed and drafted by a clerk then published by an admin, a
township rule previewed per village, published and found at the counter after its sync, a certificate
printed at the counter verified on /verify from its QR code. Screenshots go to the test's tmp folder
(KIOSK_CONSOLE_SHOTS=folder keeps them)."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from datetime import datetime
from pathlib import Path

import httpx
import pytest
import uvicorn
from PIL import Image

from kiosk.core.points import Points
from kiosk.services.points import certificates, review_tasks, rules
from kiosk.sync import client, enrolment
from kiosk.township.app import create_app
from kiosk.township.console import accounts
from tests.conftest import give
from tests.printing.helpers import qr_codes
from tests.township.test_real_server import free_port

DRIVER = "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(not Path(DRIVER).exists() or shutil.which("chromium") is None,
                                reason="needs Debian's chromium and chromium-driver (.ci/run installs them)")


@pytest.fixture
def served(tmp_path):
    app = create_app(tmp_path / "served_township.sqlite3")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.01)
    yield app.state.store, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(20)


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,768",
                "--lang=zh-CN", "--disable-gpu"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


def _by(driver, css: str):
    from selenium.webdriver.common.by import By
    return driver.find_element(By.CSS_SELECTOR, css)


def _all(driver, css: str):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, css)


def _shot(driver, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("KIOSK_CONSOLE_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(folder / f"{name}.png"))


def _first_sign_in(driver, first: str, name: str = "李会计") -> None:
    """Sign in with a one-time password and change it, as a new user does."""
    _by(driver, "#name").clear()
    _by(driver, "#name").send_keys(name)
    _by(driver, "#password").send_keys(first)
    _by(driver, "#login").click()
    for field, value in (("#old", first), ("#new", "a-long-new-password"), ("#repeat", "a-long-new-password")):
        _by(driver, field).send_keys(value)
    save = _by(driver, "#save")
    save.click()
    _left(driver, save)


def _left(driver, element) -> None:
    """Wait until the browser has left the page `element` was on (a loaded machine answers slowly:
    a page asked for before that would still go with the old session). Asked mid-navigation,
    chromedriver may say the element's node "does not belong to the document" instead of stale:
    that too means the page is gone."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def gone(_driver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False
    WebDriverWait(driver, 30).until(gone)


def _publish_a_rule_and_see_it_at_the_counter(driver, store, url: str, shop, tmp_path: Path) -> None:
    """规则与兑换 → 积分标准: a typo answered next to its field, the preview per village, publish; the
    counter has the township's rule after its next sync, and says where it came from."""
    driver.get(url + "/rules")
    for field, value in (("#code", "xz_ljfl"), ("#name", "垃圾分类"), ("#category", "环境卫生"), ("#points", "十")):
        _by(driver, field).send_keys(value)
    _by(driver, "#do-preview").click()
    assert "请写分值" in _by(driver, "#points-error").text and not _all(driver, "#preview")
    _by(driver, "#points").clear()
    _by(driver, "#points").send_keys("10")
    _by(driver, "#do-preview").click()
    rows = {r.find_element("css selector", "th").text: r.find_element("css selector", "td").text
            for r in _all(driver, "#preview-table tr")}
    assert set(rows) == {"青石村", "桃源村"} and "新增乡镇标准「垃圾分类」：每次 10 分" in rows["青石村"]
    _shot(driver, tmp_path, "rule_preview")
    assert store.one("SELECT COUNT(*) FROM record WHERE type = 'rule' AND terminal_id = 'township'")[0] == 0
    _by(driver, "#publish").click()
    assert "已发布" in _by(driver, "#done").text and "每次 10 分" in _by(driver, "#township-rules").text
    with httpx.Client(base_url=url) as http:
        assert client.sync_once(shop.db, http, datetime.now()).ok
    found = {c.rule.code: c for c in rules.catalogue(shop)}["xz_ljfl"]
    assert (found.owner, found.rule.points, found.rule.version) == ("township", Points.parse(10), 1)
    assert found.origin().startswith("乡镇发布，") and "第 1 版" in found.origin()


def test_a_clerk_works_through_the_console_in_a_real_browser(served, browser, shop, tmp_path):
    store, url = served
    store.add_village("青石村", "美德积分")
    store.add_village("桃源村", "积分")
    now = datetime.now()
    with httpx.Client(base_url=url) as http:
        enrolment.enrol(shop.db, http, url, store.issue_code("青石村")["code"], now)
        give(shop, "JF000001", 2)
        assert client.sync_once(shop.db, http, now).ok
    store.log_incident("gap", {"detail": "缺第 3 条记录"}, village_id=store.village("青石村")["id"])
    first = accounts.add_user(store, "李会计", "clerk", None)

    browser.get(url + "/")                                  # not signed in: the sign-in page
    _by(browser, "#name").send_keys("李会计")
    _by(browser, "#password").send_keys("wrong-password")
    _by(browser, "#login").click()
    assert "用户名或密码不对" in _by(browser, "#error").text
    _first_sign_in(browser, first)
    assert "青石村" in _by(browser, "#villages").text and "总览" in browser.title
    _shot(browser, tmp_path, "overview")

    next(a for a in _all(browser, "#villages a") if a.text == "青石村").click()   # → its households
    households = _by(browser, "#households").text
    assert "3组12号" in households and "王小明" in households and "10.00" in households
    assert "JF000001" not in households
    _shot(browser, tmp_path, "households")

    _by(browser, "#review").click()                          # 复核 → 退回 one award with a reason
    _by(browser, ".reason").send_keys("没有活动照片")
    _by(browser, ".give-back").click()
    assert "已退回" in _by(browser, "#done").text and len(_all(browser, ".returned")) == 1
    with httpx.Client(base_url=url) as http:
        assert client.sync_once(shop.db, http, datetime.now()).ok
    assert [t.reason for t in review_tasks.tasks(shop)] == ["没有活动照片"]

    browser.get(url + "/incidents")                          # 事件 → resolved with a note
    assert "记录缺号" in browser.page_source
    _by(browser, ".note").send_keys("已重新同步")
    _by(browser, ".resolve").click()
    assert "事件已处理" in _by(browser, "#done").text and _by(browser, "#none")

    browser.get(url + "/rates")                              # 规则与兑换 → a clerk previews and drafts
    from selenium.webdriver.support.ui import Select
    Select(_by(browser, "#from")).select_by_visible_text("青石村")
    Select(_by(browser, "#to")).select_by_visible_text("桃源村")
    _by(browser, "#rate").send_keys("1.5")
    _by(browser, "#do-preview").click()
    assert "在桃源村可换 1.5 积分" in _by(browser, "#preview").text and not _all(browser, "#publish")
    _by(browser, "#draft").click()
    assert "草稿已保存" in _by(browser, "#done").text
    assert store.one("SELECT COUNT(*) FROM record WHERE type = 'rate'")[0] == 0

    _by(browser, "header form button").click()               # the admin opens the draft and publishes it
    _first_sign_in(browser, accounts.add_user(store, "王站长", "admin", None), "王站长")
    browser.get(url + "/rates")
    _by(browser, "#drafts a.draft").click()
    _by(browser, "#do-preview").click()
    _by(browser, "#publish").click()
    assert "已发布" in _by(browser, "#done").text and "1.5" in _by(browser, "#rates").text

    _publish_a_rule_and_see_it_at_the_counter(browser, store, url, shop, tmp_path)

    browser.get(url + "/audit")
    trail = _by(browser, "#audit").text
    assert "复核退回积分" in trail and "处理事件" in trail and "发布兑换比例" in trail and "发布乡镇积分标准" in trail

    _verify_a_counters_certificate(browser, shop, url, tmp_path)

    browser.set_window_size(390, 844)                        # a phone, in English
    browser.get(url + "/villages/%E9%9D%92%E7%9F%B3%E6%9D%91?lang=en")
    assert "House no." in _by(browser, "#households").text and "3组12号" in _by(browser, "#households").text
    _shot(browser, tmp_path, "households_phone_en")


def _verify_a_counters_certificate(browser, shop, url: str, tmp_path: Path) -> None:
    """积分证明 printed at the counter (from the snapshot its last sync brought): its QR's text pasted
    into /verify says genuine; the same text with one character changed does not."""
    shop.clock.set(datetime.now())
    certificates.write_pdf(shop, "3组12号", tmp_path / "certificate.pdf")
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(tmp_path / "certificate.pdf"),
                    str(tmp_path / "certificate")], check=True, timeout=60)
    scanned = qr_codes(Image.open(tmp_path / "certificate.png"))
    assert len(scanned) == 1 and scanned[0].startswith(url + "/verify?text=JFZM1.")
    signed = scanned[0].split("text=", 1)[1]
    browser.get(url + "/verify")
    _by(browser, "#text").send_keys(signed)
    _by(browser, "#check").click()
    assert "真实有效" in _by(browser, "#verdict-words").text
    assert "3组12号" in _by(browser, "#verdict").text and "信用等次" in _by(browser, "#snapshot").text
    _shot(browser, tmp_path, "verify_certificate")
    browser.get(scanned[0])                                  # what a bank's phone opens from the QR
    assert "真实有效" in _by(browser, "#verdict-words").text
    flipped = signed[:40] + ("A" if signed[40] != "A" else "B") + signed[41:]
    browser.get(url + "/verify")
    _by(browser, "#text").send_keys(flipped)
    _by(browser, "#check").click()
    assert "不是真的" in _by(browser, "#verdict-words").text
