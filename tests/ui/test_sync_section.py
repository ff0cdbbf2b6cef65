"""同步 in the back office (pytest-qt): enrolment, sync now, USB bundles, refused records."""

from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import Qt

from kiosk.sync import state
from kiosk.ui import sync_job
from kiosk.ui.tasks import ImmediateRunner
from tests.conftest import MANAGER_PIN, fingerprint, give
from tests.sync.fake_township import URL, FakeTownship
from tests.ui.conftest import log_in


@pytest.fixture
def township() -> FakeTownship:
    return FakeTownship("T-qingshi-1", "s3cret-for-tests")


@pytest.fixture
def section(qtbot, counter, township):
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    opened = counter.open_manage("sync")
    opened.http = township.client
    opened.started = []
    opened.start_job = opened.started.append
    return opened


def _enrol(qtbot, section, url=URL, code="ABCD-1234") -> None:
    section.enrol.url.setText(url)
    section.enrol.code.setText(code)
    qtbot.mouseClick(section.enrol.go, Qt.MouseButton.LeftButton)


def _said(section) -> tuple[str, str]:
    return section.feedback.text(), section.feedback.kind


def test_a_first_enrolment_names_this_pc_never_its_id_and_starts_syncing(qtbot, counter, section, shop):
    assert section.enrol.url.isVisibleTo(section) and not section.now.isEnabled()
    assert section.line.text().startswith("未接入乡镇")
    _enrol(qtbot, section)
    text, kind = _said(section)
    assert kind == "ok" and "已接入乡镇" in text and "T-qingshi-1" not in text
    assert "本机：青石村 收银台 1，第 1 号收银电脑" in section.enrol.who.text() and section.now.isEnabled()
    assert "T-qingshi-1" not in section.enrol.who.text()
    assert not section.enrol.url.isVisibleTo(section) and section.enrol.again.isVisibleTo(section)
    assert section.started == [counter]


@pytest.mark.parametrize(("url", "said"), [("xiangzhen", "服务器地址 xiangzhen 不对"), ("", "请填写乡镇服务器地址")])
def test_a_bad_address_says_so_and_saves_nothing(qtbot, section, shop, url, said):
    before = fingerprint(shop.db)
    _enrol(qtbot, section, url=url)
    assert _said(section)[1] == "bad" and said in _said(section)[0]
    assert fingerprint(shop.db) == before and section.started == []


def test_a_used_code_says_the_townships_words_and_saves_nothing(qtbot, section, shop):
    used = "注册码 ABCD-1234 已经用过了，每个注册码只能用一次。请向乡镇管理员要一个新的。"
    section.http = lambda: httpx.Client(transport=httpx.MockTransport(
        lambda request: httpx.Response(403, json={"error": "code_used", "message": used})))
    before = fingerprint(shop.db)
    _enrol(qtbot, section)
    assert _said(section) == (f"接入没有成功：{used}。请检查接入码，或向乡镇管理员要一个新的。", "bad")
    assert fingerprint(shop.db) == before


def test_an_unreachable_township_says_so_and_saves_nothing(qtbot, section, shop):
    def refused(request):
        raise httpx.ConnectError("refused")

    section.http = lambda: httpx.Client(transport=httpx.MockTransport(refused))
    before = fingerprint(shop.db)
    _enrol(qtbot, section)
    assert _said(section)[0].startswith(f"连不上乡镇服务器 {URL}（网络不通，或乡镇服务器没有开）")
    assert fingerprint(shop.db) == before


def test_enrolling_again_asks_first_and_a_no_changes_nothing(qtbot, section, shop):
    _enrol(qtbot, section)
    asked = []
    section.enrol.confirm = lambda seen: asked.append(seen.terminal_id) or False
    qtbot.mouseClick(section.enrol.again, Qt.MouseButton.LeftButton)
    before = fingerprint(shop.db)
    _enrol(qtbot, section, code="NEW-CODE")
    assert asked == ["T-qingshi-1"] and fingerprint(shop.db) == before
    section.http = FakeTownship("T-qingshi-2", "other").client
    section.enrol.confirm = lambda seen: True
    _enrol(qtbot, section, code="NEW-CODE")
    assert state.load(shop.db).terminal_id == "T-qingshi-2" and "T-qingshi-2" not in section.enrol.who.text()


def test_sync_now_shows_synced_and_nothing_waiting(qtbot, section, shop):
    _enrol(qtbot, section)
    give(shop, "JF000001")
    qtbot.mouseClick(section.now, Qt.MouseButton.LeftButton)
    assert _said(section)[1] == "ok" and _said(section)[0].startswith("同步完成：上传 ")
    assert section.line.text().startswith("已同步 ") and section.line.text().endswith("待上传 0")


def test_export_to_a_missing_folder_says_so(qtbot, section, shop, tmp_path):
    _enrol(qtbot, section)
    before = fingerprint(shop.db)
    section.export_to(str(tmp_path / "gone"))
    assert _said(section) == (f"找不到文件夹 {tmp_path / 'gone'}。请插好 U 盘，再选一次。", "bad")
    assert fingerprint(shop.db) == before
    section.export_to(str(tmp_path))
    assert _said(section)[1] == "ok" and "请把U盘带到乡镇" in _said(section)[0]


def test_a_tampered_reply_is_refused_and_changes_nothing(qtbot, section, shop, township, tmp_path):
    _enrol(qtbot, section)
    township.reply_bundle(tmp_path / "reply.zip", secret="not-ours")
    before = fingerprint(shop.db)
    section.import_reply(str(tmp_path / "reply.zip"))
    assert _said(section)[1] == "bad" and "签名不对" in _said(section)[0]
    assert fingerprint(shop.db) == before


def _with_refused(qtbot, section, shop, township) -> None:
    _enrol(qtbot, section)
    give(shop, "JF000001", 2)
    township.reject["entry"] = "The record does not match its checksum (damaged or altered)."
    qtbot.mouseClick(section.now, Qt.MouseButton.LeftButton)


def test_refused_records_are_listed_in_words(qtbot, section, shop, township):
    _with_refused(qtbot, section, shop, township)
    kept = section.kept
    assert kept.list.count() == 2 and kept.count.text() == "待处理 2 条，共 2 条"
    first = kept.list.item(0).text()
    assert first.startswith("积分记录：王小明 加分 +5 分") and "记录在路上损坏了" in first and "待处理" in first
    assert not kept.resend_button.isEnabled()          # nothing chosen yet
    assert section.line.text().startswith("已同步 ") and "2 条被退回" in section.line.text()


def test_mark_handled_needs_a_note_then_keeps_the_record(qtbot, section, shop, township):
    _with_refused(qtbot, section, shop, township)
    kept = section.kept
    kept.list.setCurrentRow(0)
    before = fingerprint(shop.db)
    qtbot.mouseClick(kept.handled_button, Qt.MouseButton.LeftButton)
    assert _said(section)[1] == "bad" and "请写一句处理说明" in _said(section)[0]
    assert fingerprint(shop.db) == before
    kept.note.setText("乡镇已补录")
    qtbot.mouseClick(kept.handled_button, Qt.MouseButton.LeftButton)
    assert _said(section)[1] == "ok" and kept.count.text() == "待处理 1 条，共 2 条"
    assert any("已处理：乡镇已补录" in kept.list.item(i).text() for i in range(2))
    assert shop.db.scalar("SELECT COUNT(*) FROM sync_reject") == 2


def test_resend_queues_it_again_and_the_next_sync_sends_it(qtbot, section, shop, township):
    _with_refused(qtbot, section, shop, township)
    kept = section.kept
    kept.list.setCurrentRow(0)
    qtbot.mouseClick(kept.resend_button, Qt.MouseButton.LeftButton)
    assert _said(section)[1] == "ok" and "已重新排队" in _said(section)[0]
    assert section.line.text().endswith("待上传 1 · 1 条被退回")
    del township.reject["entry"]
    qtbot.mouseClick(section.now, Qt.MouseButton.LeftButton)
    assert section.line.text().endswith("待上传 0 · 1 条被退回") and kept.count.text() == "待处理 1 条，共 2 条"
    assert any(kept.list.item(i).text().endswith("刘建军 2026-11-03 09:30") and "已重新提交" in kept.list.item(i).text()
               for i in range(2))


def test_the_counter_bar_warns_while_refused_records_wait(qtbot, counter, section, shop, township):
    _with_refused(qtbot, section, shop, township)
    job = sync_job.start(counter, runner=ImmediateRunner(), http=township.client, draw=lambda: 0.5)
    try:
        assert counter.sync_status.text().startswith("⚠ 2 条被退回 · 已同步 ")
        for _ in range(2):
            section.kept.list.setCurrentRow(0)      # open ones come first
            section.kept.note.setText("已核对")
            qtbot.mouseClick(section.kept.handled_button, Qt.MouseButton.LeftButton)
        assert counter.sync_status.text().startswith("已同步 ") and "退回" not in counter.sync_status.text()
    finally:
        job.stop()


def test_the_address_and_code_kept_at_setup_are_filled_in_for_enrolment(qtbot, counter, township, shop):
    from kiosk.services.setup import settings

    settings.change(shop, {"sync.url": URL, "sync.enrol_code": "ABCD-1234"})   # typed in the wizard
    log_in(qtbot, counter, "刘建军", MANAGER_PIN)
    opened = counter.open_manage("sync")
    assert opened.enrol.url.text() == URL and opened.enrol.code.text() == "ABCD-1234"
