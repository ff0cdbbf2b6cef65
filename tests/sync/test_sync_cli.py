"""kiosk sync enroll / now / status / export / import, as a user types them."""

from __future__ import annotations

import pytest

from kiosk.cli.sync import township as cli_sync
from kiosk.sync import state
from tests.conftest import fingerprint, give
from tests.sync import remote


@pytest.fixture
def wired(shop, township, monkeypatch):
    monkeypatch.setattr(cli_sync, "_http", township.client)
    return township


def test_enroll_then_sync_now_then_status(shop, wired, kiosk, db_path):
    with shop.db.write() as conn:
        state.update(conn, secret=None, terminal_id=None, server_url="")
    done = kiosk("--db", str(db_path), "sync", "enroll", "http://township.test", "QS-7H2K")
    assert done.code == 0, done.err
    assert "已接入乡镇服务器 http://township.test：青石村" in done.out and "号收银电脑" in done.out
    assert state.load(shop.db).terminal_id not in done.out                 # said by name and number, never by id
    give(shop, "JF000001")
    wired.publish([remote.entry(shop.db)])
    now = kiosk("--db", str(db_path), "--json", "sync", "now")
    assert now.code == 0, now.err
    assert now.json()["pushed"] == wired.high_water and now.json()["applied"] == 1
    shown = kiosk("--db", str(db_path), "sync", "status")
    assert shown.code == 0 and shown.out.startswith("已同步 ") and "待上传 0" in shown.out


def test_enroll_with_a_bad_address_is_refused(shop, kiosk, db_path):
    before = fingerprint(shop.db)
    done = kiosk("--db", str(db_path), "sync", "enroll", "township.test", "QS-7H2K")
    assert done.code == 1 and "服务器地址 township.test 不对" in done.err
    assert fingerprint(shop.db) == before


def test_sync_now_with_the_server_down_says_so_and_keeps_everything(shop, township, kiosk, db_path, monkeypatch):
    import httpx

    def refused(request):
        raise httpx.ConnectError("[Errno 111] Connection refused")

    monkeypatch.setattr(cli_sync, "_http", lambda: httpx.Client(transport=httpx.MockTransport(refused)))
    before = fingerprint(shop.db, skip=("sync_state",))
    done = kiosk("--db", str(db_path), "sync", "now")
    assert done.code == 1 and "连不上乡镇服务器" in done.err
    assert fingerprint(shop.db, skip=("sync_state",)) == before
    shown = kiosk("--db", str(db_path), "sync", "status")
    assert shown.out.startswith("离线，自 ")


def test_export_and_import_on_the_command_line(shop, township, kiosk, db_path, tmp_path):
    out = kiosk("--db", str(db_path), "sync", "export", str(tmp_path / "qs.zip"))
    assert out.code == 0 and "请把 U 盘带到乡镇" in out.out
    township.take_bundle(tmp_path / "qs.zip")
    township.publish([remote.entry(shop.db)])
    township.reply_bundle(tmp_path / "reply.zip")
    done = kiosk("--db", str(db_path), "sync", "import", str(tmp_path / "reply.zip"))
    assert done.code == 0 and "新记入 1 条" in done.out and "待上传 0" in done.out
    again = kiosk("--db", str(db_path), "sync", "import", str(tmp_path / "reply.zip"))
    assert again.code == 0 and "新记入 0 条" in again.out


def test_import_of_a_damaged_file_is_refused_on_the_command_line(shop, township, kiosk, db_path, tmp_path):
    (tmp_path / "junk.zip").write_bytes(b"PK\x03\x04 not really a zip")
    before = fingerprint(shop.db)
    done = kiosk("--db", str(db_path), "sync", "import", str(tmp_path / "junk.zip"))
    assert done.code == 1 and "读不出来" in done.err
    assert fingerprint(shop.db) == before


def test_status_lists_what_the_township_refused(shop, wired, kiosk, db_path):
    wired.reject["rule"] = "规则只能由乡镇发布"
    assert kiosk("--db", str(db_path), "sync", "now").code == 0
    shown = kiosk("--db", str(db_path), "sync", "status")
    assert "乡镇退回的记录" in shown.out and "积分标准：乡镇退回的原因：规则只能由乡镇发布" in shown.out
    assert "rule rejected" not in shown.out                            # said in words, never as codes
    data = kiosk("--db", str(db_path), "--json", "sync", "status").json()
    assert {r["type"] for r in data["rejects"]} == {"rule"} and data["quarantined"] == len(data["rejects"])
