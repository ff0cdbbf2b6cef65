"""USB bundles on the terminal's side: export, the township's reply, and every bad reply."""

from __future__ import annotations

import zipfile
from datetime import datetime

import pytest

from kiosk.core.errors import Refused
from kiosk.store import ledger
from kiosk.sync import state, usb
from kiosk.sync.bundle import read_bundle
from tests.conftest import fingerprint, give
from tests.sync import remote
from tests.sync.conftest import SECRET

NOW = datetime(2026, 11, 3, 18, 0, 0)


def _top(db) -> int:
    return db.scalar("SELECT MAX(seq) FROM journal")


def test_export_then_reply_round_trip(shop, township, tmp_path):
    give(shop, "JF000001", 2)
    out = usb.export_bundle(shop.db, tmp_path / "qingshi.zip", NOW)
    assert (out.count, out.first_seq, out.last_seq) == (_top(shop.db), 1, _top(shop.db))
    manifest, records = read_bundle(out.path, SECRET)
    assert manifest["kind"] == "push" and manifest["terminal_id"] == township.terminal_id
    assert manifest["cursor"] == "" and len(records) == out.count
    assert manifest["books"] == state.load(shop.db).local_terminal_id   # numbered from these (township holds)
    assert state.load(shop.db).pushed_high_water == 0  # exporting marks nothing sent
    township.take_bundle(out.path)
    township.publish([remote.entry(shop.db, hundredths=700)])
    reply = township.reply_bundle(tmp_path / "reply.zip")
    account_id, _ = remote.account_of(shop.db, "JF000001")
    before = ledger.balance(shop.db, account_id)
    done = usb.import_reply(shop.db, reply, NOW)
    assert (done.received, done.applied, done.high_water) == (1, 1, _top(shop.db))
    assert ledger.balance(shop.db, account_id) == before + 700
    assert state.load(shop.db).pull_cursor == "1"
    assert usb.export_bundle(shop.db, tmp_path / "next.zip", NOW).count == 0


def test_the_same_reply_twice_or_an_older_after_a_newer_changes_nothing(shop, township, tmp_path):
    township.take_bundle(usb.export_bundle(shop.db, tmp_path / "a.zip", NOW).path)
    township.publish([remote.entry(shop.db)])
    older = township.reply_bundle(tmp_path / "older.zip")
    give(shop, "JF000001")
    township.take_bundle(usb.export_bundle(shop.db, tmp_path / "b.zip", NOW).path)
    township.publish([remote.entry(shop.db)])
    newer = township.reply_bundle(tmp_path / "newer.zip")
    usb.import_reply(shop.db, older, NOW)
    usb.import_reply(shop.db, newer, NOW)
    before = fingerprint(shop.db)
    assert usb.import_reply(shop.db, newer, NOW).applied == 0
    assert usb.import_reply(shop.db, older, NOW).applied == 0
    assert fingerprint(shop.db) == before
    assert state.load(shop.db).pull_cursor == "2" and state.load(shop.db).pushed_high_water == _top(shop.db)


def _refused(shop, path, code: str, words: str):
    before = fingerprint(shop.db)
    with pytest.raises(Refused) as refused:
        usb.import_reply(shop.db, path, NOW)
    assert refused.value.code == code
    assert words in refused.value.message()
    assert fingerprint(shop.db) == before


def test_a_truncated_reply_is_refused(shop, township, tmp_path):
    township.publish([remote.entry(shop.db)])
    reply = township.reply_bundle(tmp_path / "reply.zip")
    data = reply.read_bytes()
    reply.write_bytes(data[: len(data) // 2])
    _refused(shop, reply, "sync_bundle_unreadable", "读不出来")


def test_a_tampered_reply_is_refused(shop, township, tmp_path):
    township.publish([remote.entry(shop.db, hundredths=800)])
    reply = township.reply_bundle(tmp_path / "reply.zip")
    with zipfile.ZipFile(reply) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members["records.jsonl"] = members["records.jsonl"].replace(b'"hundredths":800', b'"hundredths":80000')
    with zipfile.ZipFile(reply, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    _refused(shop, reply, "sync_bundle_tampered", "签名不对")


def test_a_reply_for_another_terminal_is_refused(shop, township, tmp_path):
    township.publish([remote.entry(shop.db)])
    reply = township.reply_bundle(tmp_path / "reply.zip", terminal_id="another-pc", secret="other-secret")
    _refused(shop, reply, "sync_bundle_other_terminal", "另一台电脑")


def test_our_own_push_bundle_is_not_a_reply(shop, township, tmp_path):
    out = usb.export_bundle(shop.db, tmp_path / "mine.zip", NOW)
    _refused(shop, out.path, "sync_bundle_not_reply", "不是乡镇发回的回执")


def test_a_missing_file_is_refused(shop, township, tmp_path):
    _refused(shop, tmp_path / "nothing.zip", "sync_bundle_missing", "找不到文件")


def test_a_record_that_fails_its_hash_inside_a_signed_reply_is_refused(shop, township, tmp_path):
    record = remote.entry(shop.db)
    bad = {**record.as_json(), "body": {**record.body, "hundredths": 1}}
    reply = township.reply_bundle(tmp_path / "reply.zip", records=[bad])
    _refused(shop, reply, "sync_bundle_unreadable", "读不出来")


def test_export_without_enrolment_is_refused(shop, tmp_path):
    before = fingerprint(shop.db)
    with pytest.raises(Refused) as refused:
        usb.export_bundle(shop.db, tmp_path / "x.zip", NOW)
    assert "还没有接入乡镇服务器" in refused.value.message()
    assert fingerprint(shop.db) == before and not (tmp_path / "x.zip").exists()


def test_export_to_a_missing_folder_is_refused(shop, township, tmp_path):
    with pytest.raises(Refused) as refused:
        usb.export_bundle(shop.db, tmp_path / "no-stick" / "x.zip", NOW)
    assert "没能写出" in refused.value.message()


def test_a_bomb_or_a_strange_reply_is_refused_in_plain_words(shop, township, tmp_path):
    from kiosk.sync.wire import canonical
    from tests.sync.zips import member, write_zip, zeros

    manifest = member("manifest.json", canonical({"kind": "reply", "terminal_id": township.terminal_id,
                                                  "count": 1}))
    bomb = write_zip(tmp_path / "bomb.zip", [manifest, zeros(1024), member("signature", b"0" * 64)])
    _refused(shop, bomb, "sync_bundle_too_big", "太大")
    extra = write_zip(tmp_path / "extra.zip", [manifest, member("records.jsonl", b""),
                                               member("signature", b"0"), member("run.exe", b"")])
    _refused(shop, extra, "sync_bundle_strange", "里面的东西不对")
