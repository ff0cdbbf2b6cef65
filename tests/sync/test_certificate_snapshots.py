"""积分证明 snapshots reach the counter: the township's key at enrolment, one signed statement per
household at each sync (online and in a USB reply), and nothing kept that does not check."""

from __future__ import annotations

import base64
import json
import zipfile
from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from kiosk.core import statements
from kiosk.core.errors import Refused
from kiosk.services.points import awards
from kiosk.store import certificates as kept
from kiosk.sync import certificates, client, enrolment, state, usb
from kiosk.sync.bundle import read_bundle, write_bundle
from kiosk.township import usb as township_usb
from kiosk.township import word
from kiosk.township.app import create_app
from kiosk.township.console import snapshots
from tests.conftest import fingerprint, give

NOW = datetime(2026, 11, 3, 10, 30, 0)
URL = "http://township.test"


@pytest.fixture
def township(tmp_path):
    app = create_app(tmp_path / "township.sqlite", clock=lambda: NOW.timestamp())
    with TestClient(app) as http:
        app.state.store.add_village("青石村", "美德积分")
        yield app, http


def _enrolled(shop, township) -> None:
    app, http = township
    enrolment.enrol(shop.db, http, URL, app.state.store.issue_code("青石村")["code"], NOW)


def _statement(shop, house_no: str) -> dict:
    home = next(h for h in shop.db.all("SELECT id, house_no FROM household") if h["house_no"] == house_no)
    row = kept.snapshot(shop.db, home["id"])
    read = statements.check(row["signed"], kept.township_key(shop.db))
    assert read.genuine
    return read.statement


def test_enrolment_learns_the_key_and_each_sync_brings_every_household(shop, township):
    app, http = township
    _enrolled(shop, township)
    assert kept.township_key(shop.db) == app.state.store.one("SELECT public_hex FROM township_key")[0]
    give(shop, "JF000001", 3)
    assert client.sync_once(shop.db, http, NOW).ok
    assert kept.snapshot_count(shop.db) == shop.db.scalar("SELECT COUNT(*) FROM household")
    signed = _statement(shop, "3组12号")
    assert signed["kind"] == "snapshot" and signed["head"] == "王小明" and signed["this_year"] == "15.00"
    assert signed["by_category"] == {"环境卫生": "15.00"} and signed["grade"] == "C"    # under 60: the default table's lowest
    assert signed["last_year"] == "0.00" and signed["holds"] == [] and signed["issued"] == "2026-11-03T10:30:00Z"


def test_the_grade_is_the_villages_own_table(shop, township):
    _enrolled(shop, township)
    with shop.db.write() as conn:
        conn.execute("UPDATE village SET grade_scale = ?", (json.dumps([["五星", "10", ""], ["四星", "0", ""]]),))
    give(shop, "JF000001", 3)
    assert client.sync_once(shop.db, township[1], NOW).ok
    assert _statement(shop, "3组12号")["grade"] == "五星" and _statement(shop, "1组8号")["grade"] == "四星"


def test_a_statement_that_does_not_check_is_never_kept(shop, township):
    app, http = township
    _enrolled(shop, township)
    assert client.sync_once(shop.db, http, NOW).ok
    with shop.db.write() as conn:
        conn.execute("DELETE FROM certificate_snapshot")
    answer = snapshots.for_village(app.state.store, app.state.store.village("青石村")["id"], None)
    first = answer["statements"][0]
    _, body, signature = first["text"].split(".")
    raw = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw[raw.index(b'"0.00"') + 1] = ord("9")                                      # 0.00 → 9.00
    first["text"] = f"JFZM1.{base64.urlsafe_b64encode(bytes(raw)).decode().rstrip('=')}.{signature}"
    answer["statements"][1]["household"] = answer["statements"][2]["household"]   # not the one it names
    taken = certificates.take(shop.db, answer, "2026-11-03T10:30:00")
    assert taken.dropped == 2 and taken.kept == len(answer["statements"]) - 2
    assert kept.snapshot(shop.db, first["household"]) is None


def test_another_townships_key_is_refused_after_enrolment(shop, township, tmp_path):
    _enrolled(shop, township)
    other = create_app(tmp_path / "other.sqlite", clock=lambda: NOW.timestamp())
    with TestClient(other) as _:
        village = other.state.store.add_village("青石村", "美德积分")
        answer = snapshots.for_village(other.state.store, village["id"], None)
    taken = certificates.take(shop.db, answer, "2026-11-03T10:30:00")
    assert taken.other_key and kept.snapshot_count(shop.db) == 0


def test_an_older_snapshot_never_replaces_a_newer_one(shop, township):
    _enrolled(shop, township)
    assert client.sync_once(shop.db, township[1], NOW).ok
    home = shop.db.scalar("SELECT id FROM household LIMIT 1")
    newer = kept.snapshot(shop.db, home)["signed"]
    with shop.db.write() as conn:
        assert kept.keep_snapshots(conn, [(home, "JFZM1.old.old", "2026-10-01T00:00:00Z")], "x") == 0
    assert kept.snapshot(shop.db, home)["signed"] == newer


def test_a_usb_reply_brings_the_snapshots(shop, township, tmp_path):
    usb.import_reply(shop.db, _reply(shop, township, tmp_path), NOW)
    assert _statement(shop, "3组12号")["this_year"] == "10.00"
    assert kept.snapshot_count(shop.db) == shop.db.scalar("SELECT COUNT(*) FROM household")


def test_a_sync_with_nothing_new_carries_no_statements_until_a_day_has_passed(shop, township, monkeypatch):
    app, http = township
    _enrolled(shop, township)
    assert client.sync_once(shop.db, http, NOW).ok
    answers = []
    real = certificates.take
    monkeypatch.setattr(certificates, "take", lambda db, data, at: answers.append(len(data["statements"])) or
                        real(db, data, at))
    assert client.sync_once(shop.db, http, NOW).ok                 # nothing changed: not even asked
    assert answers == []
    pull_wanted = client._pull_wanted
    monkeypatch.setattr(client, "_pull_wanted", lambda db, said: True)   # a commit elsewhere: a pull
    assert client.sync_once(shop.db, http, NOW).ok                 # asked; the same version: nothing signed or sent
    assert answers == [0]
    monkeypatch.setattr(client, "_pull_wanted", pull_wanted)
    give(shop, "JF000001")
    assert client.sync_once(shop.db, http, NOW).ok                 # an award: all afresh
    homes = shop.db.scalar("SELECT COUNT(*) FROM household")
    assert answers == [0, homes] and _statement(shop, "3组12号")["this_year"] == "5.00"
    later = NOW.replace(day=4, hour=11)
    app.state.store.clock = later.timestamp
    assert client.sync_once(shop.db, http, later).ok                # a day later: afresh
    assert answers == [0, homes, homes]


def _reply(shop, township, tmp_path):
    _enrolled(shop, township)
    give(shop, "JF000001", 2)
    usb.export_bundle(shop.db, tmp_path / "push.zip", NOW)
    township_usb.import_bundle(township[0].state.store, tmp_path / "push.zip", tmp_path / "reply.zip")
    return tmp_path / "reply.zip"


def test_a_reply_whose_certificates_were_changed_is_refused_whole(shop, township, tmp_path):
    reply = _reply(shop, township, tmp_path)
    with zipfile.ZipFile(reply) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    assert b'"household":"' in members["certificates.json"]
    members["certificates.json"] = members["certificates.json"].replace(b'"household":"', b'"household":"x', 1)
    with zipfile.ZipFile(reply, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    before = fingerprint(shop.db)
    with pytest.raises(Refused) as refused:
        usb.import_reply(shop.db, reply, NOW)
    assert refused.value.code == "sync_bundle_tampered" and fingerprint(shop.db) == before


def test_a_reply_from_a_township_before_certificates_still_imports(shop, township, tmp_path):
    _enrolled(shop, township)
    give(shop, "JF000001", 2)
    usb.export_bundle(shop.db, tmp_path / "push.zip", NOW)
    manifest, _ = read_bundle(tmp_path / "push.zip", state.load(shop.db).secret)
    assert "certificates" in manifest
    store = township[0].state.store
    terminal = store.terminal(state.load(shop.db).terminal_id)
    write_bundle(tmp_path / "reply.zip", {"kind": "reply", "terminal_id": terminal["id"], "high_water": 0,
                                          "cursor": None, "created": "x"}, [], terminal["secret"],
                 township=lambda sha256_hex: word.reply_signature(store, terminal["id"], sha256_hex))
    assert usb.import_reply(shop.db, tmp_path / "reply.zip", NOW).received == 0
    assert kept.snapshot_count(shop.db) == 0


def test_deductions_lower_the_score_and_holds_are_stated(shop, township):
    app, http = township
    _enrolled(shop, township)
    give(shop, "JF000001", 3)
    awards.award(shop, "JF000001", "kf_dubo")                               # 赌博 −20
    assert client.sync_once(shop.db, http, NOW).ok
    signed = _statement(shop, "3组12号")
    assert signed["this_year"] == "-5.00" and signed["by_category"] == {"环境卫生": "15.00"}
    store = app.state.store
    account = shop.db.scalar("SELECT a.id FROM account a JOIN household h ON h.id = a.household_id"
                             " WHERE h.house_no = '3组12号'")
    store.log_incident("overdraft", {"balance": "-5.00"}, village_id=store.village("青石村")["id"], account_id=account)
    give(shop, "JF000004")                                                  # something new for the village
    assert client.sync_once(shop.db, http, NOW).ok
    signed = _statement(shop, "3组12号")
    assert signed["on_hold"] and signed["holds"] == [{"since": "2026-11-03", "balance": "-5.00"}]
    assert not _statement(shop, "1组8号")["on_hold"]


def test_a_counter_enrolled_before_certificates_learns_the_key_at_its_next_sync(shop, township):
    app, http = township
    _enrolled(shop, township)
    with shop.db.write() as conn:
        conn.execute("DELETE FROM township_key")                     # as a counter enrolled before 0026
    assert client.sync_once(shop.db, http, NOW).ok
    assert shop.db.one("SELECT learnt_by FROM township_key")[0] == "sync"
    assert kept.township_key(shop.db) == app.state.store.one("SELECT public_hex FROM township_key")[0]


def test_enrolling_with_another_township_forgets_the_old_snapshots(shop, township, tmp_path):
    _enrolled(shop, township)
    assert client.sync_once(shop.db, township[1], NOW).ok and kept.snapshot_count(shop.db) > 0
    other = create_app(tmp_path / "other.sqlite", clock=lambda: NOW.timestamp())
    with TestClient(other) as http:
        other.state.store.add_village("青石村", "美德积分")
        enrolment.enrol(shop.db, http, URL, other.state.store.issue_code("青石村")["code"], NOW)
        assert kept.snapshot_count(shop.db) == 0
        assert kept.township_key(shop.db) == other.state.store.one("SELECT public_hex FROM township_key")[0]
