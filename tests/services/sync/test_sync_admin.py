"""The manager's sync screen, without Qt: enrolment, status, USB bundles, records kept aside."""

from __future__ import annotations

import sqlite3

import httpx
import pytest

from kiosk.core.errors import Refused
from kiosk.services.sync import admin as sync_admin, kept as sync_kept
from kiosk.sync import state
from tests.conftest import fingerprint, give
from tests.sync.fake_township import URL, FakeTownship

SECRET = "s3cret-for-tests"


def _township(shop) -> FakeTownship:
    return FakeTownship("T-qingshi-1", SECRET)


def _enrolled(shop) -> FakeTownship:
    township = _township(shop)
    sync_admin.enrol(shop, URL, "ABCD-1234", township.client())
    return township


def _answering(status: int, body: dict) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(status, json=body)))


def _refused(call, *args, **kwargs) -> str:
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    return caught.value.message("zh")


# enrolment


def test_enrolment_shows_the_terminal_id_and_leaves_an_audit_row(shop):
    assert sync_admin.overview(shop).kind == "off"
    terminal = sync_admin.enrol(shop, URL + "/", " ABCD-1234 ", _township(shop).client())
    seen = sync_admin.overview(shop)
    assert terminal == "T-qingshi-1" and seen.enrolled and seen.terminal_id == terminal
    assert seen.server_url == URL and seen.kind == "never"
    assert shop.db.scalar("SELECT COUNT(*) FROM audit WHERE action = 'sync_enrol'") == 1


@pytest.mark.parametrize(("url", "words"), [("", "请填写乡镇服务器地址"), ("xiangzhen", "服务器地址 xiangzhen 不对"),
                                            ("ftp://10.0.0.1", "不对"), ("http://", "不对"),
                                            ("http://10.0.0.1 8800", "不对")])
def test_a_bad_address_is_refused_and_nothing_saved(shop, url, words):
    before = fingerprint(shop.db)
    assert words in _refused(sync_admin.enrol, shop, url, "ABCD-1234", _township(shop).client())
    assert fingerprint(shop.db) == before


def test_a_missing_code_is_refused_and_nothing_saved(shop):
    before = fingerprint(shop.db)
    assert "请填写乡镇给的接入码" in _refused(sync_admin.enrol, shop, URL, "  ", _township(shop).client())
    assert fingerprint(shop.db) == before


@pytest.mark.parametrize(("error", "said"), [("code_unknown", "注册码 ZZZ 不对。请向乡镇管理员要一个新的注册码。"),
                                             ("code_used", "注册码 ZZZ 已经用过了，每个注册码只能用一次。")])
def test_a_wrong_or_used_code_says_the_townships_words_and_saves_nothing(shop, error, said):
    before = fingerprint(shop.db)
    http = _answering(403, {"error": error, "message": said, "message_en": "x"})
    shown = _refused(sync_admin.enrol, shop, URL, "ZZZ", http)
    assert shown.startswith("接入没有成功：") and said in shown
    assert fingerprint(shop.db) == before and not state.load(shop.db).enrolled


def test_an_unreachable_township_is_said_plainly_and_saves_nothing(shop):
    def refused(request):
        raise httpx.ConnectError("[Errno 111] Connection refused")

    before = fingerprint(shop.db)
    shown = _refused(sync_admin.enrol, shop, URL, "ABCD", httpx.Client(transport=httpx.MockTransport(refused)))
    assert shown.startswith(f"连不上乡镇服务器 {URL}") and "什么也没改" in shown
    assert fingerprint(shop.db) == before


def test_enrolling_again_needs_an_explicit_confirm(shop):
    _enrolled(shop)
    before = fingerprint(shop.db)
    other = FakeTownship("T-qingshi-2", "another-secret")
    said = _refused(sync_admin.enrol, shop, URL, "NEW-CODE", other.client())
    assert "已经接入乡镇（青石村 收银台 1，第 1 号收银电脑）" in said and "T-qingshi-1" not in said
    assert fingerprint(shop.db) == before
    assert sync_admin.enrol(shop, URL, "NEW-CODE", other.client(), replace=True) == "T-qingshi-2"
    assert state.load(shop.db).secret == "another-secret"


def test_a_volunteer_may_not_enrol_or_deal_with_refused_records(shop, volunteer):
    before = fingerprint(shop.db)
    assert "请找管理员" in _refused(sync_admin.enrol, volunteer, URL, "ABCD", _township(shop).client())
    with pytest.raises(Refused):
        sync_kept.kept_aside(volunteer)
    with pytest.raises(Refused):
        sync_kept.mark_handled(volunteer, "T", 1, "note")
    assert fingerprint(shop.db) == before


# status, sync now, USB


def test_sync_now_then_the_status_says_synced_and_nothing_waits(shop):
    township = _enrolled(shop)
    give(shop, "JF000001", 2)
    assert sync_admin.overview(shop).waiting > 0
    result = sync_admin.sync_now(shop, township.client())
    assert result.ok and "同步完成：上传" in sync_admin.result_words(result)
    seen = sync_admin.overview(shop)
    assert seen.kind == "ok" and seen.waiting == 0 and seen.line.startswith("已同步 ")
    assert seen.last_error is None


def test_an_offline_round_gives_the_last_error_in_words(shop):
    _enrolled(shop)

    def refused(request):
        raise httpx.ConnectError("refused")

    result = sync_admin.sync_now(shop, httpx.Client(transport=httpx.MockTransport(refused)))
    seen = sync_admin.overview(shop)
    assert not result.ok and seen.kind == "offline" and seen.line.startswith("离线，自 ")
    assert seen.last_error.startswith("连不上乡镇服务器（网络不通，或乡镇服务器没有开）")
    assert sync_admin.result_words(result).startswith("连不上乡镇服务器")


def test_export_to_a_folder_then_import_the_reply_once(shop, tmp_path):
    township = _enrolled(shop)
    give(shop, "JF000001")
    missing = tmp_path / "no-stick"
    before = fingerprint(shop.db)
    assert f"找不到文件夹 {missing}" in _refused(sync_admin.export_to, shop, missing)
    assert fingerprint(shop.db) == before
    done = sync_admin.export_to(shop, tmp_path)
    assert done.path.parent == tmp_path and done.path.is_file() and done.count > 0
    township.take_bundle(done.path)
    township.reply_bundle(tmp_path / "reply.zip")
    sync_admin.import_reply(shop, tmp_path / "reply.zip")
    assert sync_admin.overview(shop).waiting == 0
    again = fingerprint(shop.db)
    sync_admin.import_reply(shop, tmp_path / "reply.zip")
    assert fingerprint(shop.db) == again


def test_a_reply_for_another_terminal_is_refused_and_changes_nothing(shop, tmp_path):
    township = _enrolled(shop)
    township.reply_bundle(tmp_path / "reply.zip", terminal_id="T-elsewhere")
    before = fingerprint(shop.db)
    said = _refused(sync_admin.import_reply, shop, tmp_path / "reply.zip")
    assert "是给另一台电脑的回执" in said and "T-elsewhere" not in said
    assert fingerprint(shop.db) == before


# records kept aside


def _kept_entries(shop, reason="The points entry lacks its account or amount.") -> FakeTownship:
    """Two awards to 王小明 that the township refuses; the rest of the queue goes through."""
    township = _enrolled(shop)
    give(shop, "JF000001", 2)
    township.reject["entry"] = reason
    assert sync_admin.sync_now(shop, township.client()).ok
    return township


def _first(shop) -> sync_kept.Kept:
    return sync_kept.kept_aside(shop)[0]


def test_refused_records_read_in_words_and_the_counter_shows_a_warning(shop):
    _kept_entries(shop)
    kept = sync_kept.kept_aside(shop)
    assert len(kept) == 2 and all(k.dealt == "" and k.can_resend for k in kept)
    first = kept[0]
    assert first.kind_words == "积分记录" and first.what == "王小明 加分 +5 分"
    assert first.why == "积分记录缺少账户或分值，乡镇不收。" and first.made_at.startswith("20")
    assert "{" not in first.what + first.why          # words, never JSON
    assert sync_admin.bar_text(shop.db).startswith("⚠ 2 条被退回 · 已同步 ")


def test_a_reason_the_screen_does_not_know_is_shown_as_the_township_said_it(shop):
    _kept_entries(shop, reason="本村积分只能由村管理员录入")
    assert _first(shop).why == "乡镇退回的原因：本村积分只能由村管理员录入"


def test_resend_queues_the_record_again_and_the_township_takes_it(shop):
    township = _kept_entries(shop, reason="The record does not match its checksum (damaged or altered).")
    first = _first(shop)
    assert first.why.startswith("记录在路上损坏了")
    count = shop.db.scalar("SELECT COUNT(*) FROM sync_reject")
    new_seq = sync_kept.resend(shop, first.terminal_id, first.seq)
    assert sync_admin.overview(shop).waiting == 1
    del township.reject["entry"]
    assert sync_admin.sync_now(shop, township.client()).ok
    assert sync_admin.overview(shop).waiting == 0
    assert shop.db.scalar("SELECT COUNT(*) FROM sync_reject") == count          # still kept
    again = next(k for k in sync_kept.kept_aside(shop) if k.seq == first.seq)
    assert again.dealt == "resent" and f"本机第 {new_seq} 条" in again.dealt_words and not again.can_resend
    assert sync_kept.open_count(shop.db) == 1


def test_mark_handled_needs_a_note_and_keeps_the_record(shop):
    _kept_entries(shop)
    first = _first(shop)
    before = fingerprint(shop.db)
    assert "请写一句处理说明" in _refused(sync_kept.mark_handled, shop, first.terminal_id, first.seq, "   ")
    assert "处理说明太长了（最多 200 个字）" in _refused(sync_kept.mark_handled, shop, first.terminal_id,
                                                   first.seq, "长" * 201)
    assert fingerprint(shop.db) == before
    sync_kept.mark_handled(shop, first.terminal_id, first.seq, "已和乡镇核对，是重复记录")
    shown = next(k for k in sync_kept.kept_aside(shop) if k.seq == first.seq)
    assert shown.dealt == "handled" and shown.dealt_words.startswith("已处理：已和乡镇核对，是重复记录 · 刘建军")
    assert shop.db.scalar("SELECT COUNT(*) FROM sync_reject") == 2
    assert shop.db.scalar("SELECT COUNT(*) FROM audit WHERE action = 'sync_reject_handled'") == 1
    assert sync_admin.shown_status(shop.db).quarantined == 1    # what `kiosk sync status` counts


def test_a_record_dealt_with_cannot_be_dealt_with_again(shop):
    _kept_entries(shop)
    first = _first(shop)
    sync_kept.mark_handled(shop, first.terminal_id, first.seq, "乡镇已补录")
    before = fingerprint(shop.db)
    assert f"第 {first.seq} 条已经处理过了" in _refused(sync_kept.resend, shop, first.terminal_id, first.seq)
    assert "已经处理过了" in _refused(sync_kept.mark_handled, shop, first.terminal_id, first.seq, "again")
    assert fingerprint(shop.db) == before


def test_an_unknown_refused_record_is_said_plainly(shop):
    _kept_entries(shop)
    before = fingerprint(shop.db)
    assert "没有这条被退回的记录（第 999 条）" in _refused(sync_kept.resend, shop, "T-qingshi-1", 999)
    assert "没有这条" in _refused(sync_kept.mark_handled, shop, "T-qingshi-1", 999, "note")
    assert fingerprint(shop.db) == before


def _refuse_by_hand(shop, record_type: str, record_id: str, refusal: str, reason: str) -> None:
    """A sync_reject row as the client writes it after the township's answer."""
    with shop.db.write() as conn:
        conn.execute("INSERT INTO sync_reject (record_id, terminal_id, seq, type, status, reason, at)"
                     " VALUES (?, 'T-qingshi-1', 500, ?, ?, ?, '2026-11-03 10:00:00')",
                     (record_id, record_type, refusal, reason))


def test_a_conflict_under_the_same_id_cannot_be_resent(shop):
    _enrolled(shop)
    give(shop, "JF000001")
    entry = shop.db.scalar("SELECT id FROM entry ORDER BY rowid DESC LIMIT 1")
    _refuse_by_hand(shop, "entry", entry, "conflict", "Some records differ from the township's copy with the same id")
    kept = _first(shop)
    assert kept.why.startswith("乡镇已经有一条编号相同、内容不同的记录") and not kept.can_resend
    before = fingerprint(shop.db)
    assert "不能重新提交：乡镇已有同编号的另一条记录" in _refused(sync_kept.resend, shop, "T-qingshi-1", 500)
    assert fingerprint(shop.db) == before


def test_a_record_no_longer_here_cannot_be_resent_but_can_be_marked(shop):
    _enrolled(shop)
    _refuse_by_hand(shop, "sale", "no-such-sale", "rejected", "bad")
    kept = _first(shop)
    assert kept.what == "（本机已找不到原记录）" and not kept.can_resend
    before = fingerprint(shop.db)
    assert "在本机找不到原记录了" in _refused(sync_kept.resend, shop, "T-qingshi-1", 500)
    assert fingerprint(shop.db) == before
    sync_kept.mark_handled(shop, "T-qingshi-1", 500, "乡镇说这笔兑换已在别处登记")
    assert sync_kept.open_count(shop.db) == 0 and not sync_admin.bar_text(shop.db).startswith("⚠")


def test_the_sync_reject_rows_can_never_be_deleted(shop):
    _kept_entries(shop)
    with pytest.raises(sqlite3.IntegrityError, match="^quarantined records are kept$"), shop.db.write() as conn:
        conn.execute("DELETE FROM sync_reject")


def test_a_refused_resident_travelled_under_its_version_id_and_is_still_named(shop):
    township = _enrolled(shop)
    township.reject["resident"] = "村民资料要由乡镇核对"
    assert sync_admin.sync_now(shop, township.client()).ok
    named = {k.what for k in sync_kept.kept_aside(shop)}
    assert "王小明" in named and all(k.kind_words == "村民" for k in sync_kept.kept_aside(shop))
    kept = next(k for k in sync_kept.kept_aside(shop) if k.what == "王小明")
    sync_kept.resend(shop, kept.terminal_id, kept.seq)
    resent = shop.db.one("SELECT record_type, record_id FROM journal ORDER BY seq DESC LIMIT 1")
    assert resent["record_type"] == "resident"
    assert shop.db.scalar("SELECT name FROM resident WHERE id = ?", (resent["record_id"],)) == "王小明"


def test_a_refused_exchange_names_the_resident_and_the_goods(shop):
    from kiosk.services.shop import checkout

    township = _enrolled(shop)
    give(shop, "JF000001", 4)
    sale = checkout.redeem_items(shop, "JF000001", ["6920000000012x2"])
    township.reject["sale"] = "本村积分只能由村管理员录入"
    assert sync_admin.sync_now(shop, township.client()).ok
    kept = next(k for k in sync_kept.kept_aside(shop) if k.record_type == "sale")
    assert kept.what == f"王小明 换 牙膏 ×2，共 10 分（小票 {sale.receipt}）" and kept.kind_words == "兑换"
