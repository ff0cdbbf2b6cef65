"""积分证明 printed at the counter from the township's signed snapshot: what it says, how old it is,
refusals in words, managers only, and the QR text the township's /verify and CLI accept or refuse."""

from __future__ import annotations

import base64
import shutil
import subprocess
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from kiosk.core.errors import Refused
from kiosk.services.points import certificates
from kiosk.sync import client, enrolment
from kiosk.township import cli as township_cli
from kiosk.township.app import create_app
from kiosk.township.console import certificate, verdicts
from tests.conftest import MANAGER_PIN, give
from tests.printing.helpers import pdf_text, qr_codes
from tests.sync.test_certificate_snapshots import NOW, URL, _enrolled, township  # noqa: F401  (fixture)


@pytest.fixture
def synced(shop, township):  # noqa: F811
    _enrolled(shop, township)
    give(shop, "JF000001", 3)
    assert client.sync_once(shop.db, township[1], NOW).ok
    shop.clock.set(NOW + timedelta(minutes=5))
    return shop


def _qr(pdf: bytes, folder) -> str:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    (folder / "c.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(folder / "c.pdf"), str(folder / "c")],
                   check=True, timeout=60)
    found = qr_codes(Image.open(folder / "c.png"))
    assert len(found) == 1
    return found[0]


def test_a_manager_prints_the_households_certificate(synced, township, tmp_path):  # noqa: F811
    made = certificates.write_pdf(synced, "3组12号", tmp_path / "cert.pdf")
    text = pdf_text((tmp_path / "cert.pdf").read_bytes())
    for words in ("青石村积分证明", "3组12号", "王小明", "信用等次：C", "2026年积分：15.00", "2025年积分：0.00",
                  "环境卫生", "无冻结", "数据截至 11月3日 10:30，今天同步"):
        assert words in text, words
    qr = _qr((tmp_path / "cert.pdf").read_bytes(), tmp_path)
    assert qr == f"http://township.test/verify?text={made.signed}"
    assert verdicts.verify(township[0].state.store, qr).code == "genuine_current"
    assert synced.db.scalar("SELECT COUNT(*) FROM audit WHERE action = 'certificate.print'") == 1


def test_offline_it_says_how_old_the_snapshot_is(synced):
    synced.clock.set(NOW + timedelta(days=5))
    made = certificates.issue(synced, "王小明")                   # a resident's name finds the household
    assert made.house_no == "3组12号" and made.age_words() == "数据截至 11月3日，5天前同步"
    synced.clock.set(NOW + timedelta(days=1))
    assert certificates.issue(synced, "JF000001").age_words() == "数据截至 11月3日，昨天同步"


def test_with_no_snapshot_it_says_to_sync_first_and_writes_nothing(shop, tmp_path):
    with pytest.raises(Refused) as refused:
        certificates.write_pdf(shop, "3组12号", tmp_path / "cert.pdf")
    assert refused.value.code == "certificate_no_snapshot" and "先同步一次" in refused.value.message()
    assert not (tmp_path / "cert.pdf").exists()


def test_a_snapshot_past_its_date_is_refused(synced, tmp_path):
    synced.clock.set(NOW + timedelta(days=certificate.VALID_DAYS + 1))
    with pytest.raises(Refused) as refused:
        certificates.write_pdf(synced, "3组12号", tmp_path / "cert.pdf")
    assert refused.value.code == "certificate_snapshot_old" and "先同步一次" in refused.value.message()


def test_a_snapshot_changed_on_this_pc_is_refused(synced):
    home = synced.db.scalar("SELECT id FROM household WHERE house_no = '3组12号'")
    signed = synced.db.scalar("SELECT signed FROM certificate_snapshot WHERE household_id = ?", (home,))
    _, body, signature = signed.split(".")
    raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).replace(b'"grade":"C"', b'"grade":"A"')
    with synced.db.write() as conn:
        conn.execute("UPDATE certificate_snapshot SET signed = ? WHERE household_id = ?",
                     (f"JFZM1.{base64.urlsafe_b64encode(raw).decode().rstrip('=')}.{signature}", home))
    with pytest.raises(Refused) as refused:
        certificates.issue(synced, "3组12号")
    assert refused.value.code == "certificate_snapshot_bad"


def test_a_volunteer_may_not_print_one(synced, volunteer):
    with pytest.raises(Refused) as refused:
        certificates.issue(volunteer, "3组12号")
    assert refused.value.code == "not_allowed"


def test_an_unknown_house_or_name_is_said(synced):
    with pytest.raises(Refused) as refused:
        certificates.issue(synced, "9组99号")
    assert refused.value.code == "certificate_who_unknown" and "9组99号" in refused.value.message()


@pytest.fixture
def live(shop, tmp_path):
    """A township on the real clock (the CLIs read it), the counter enrolled and synced."""
    app = create_app(tmp_path / "live.sqlite")
    with TestClient(app) as http:
        app.state.store.add_village("青石村", "美德积分")
        enrolment.enrol(shop.db, http, URL, app.state.store.issue_code("青石村")["code"], datetime.now())
        give(shop, "JF000001", 3)
        assert client.sync_once(shop.db, http, datetime.now()).ok
    app.state.store.close()
    return tmp_path / "live.sqlite"


def test_the_cli_prints_it_or_says_to_sync_first(shop, live, kiosk, db_path, tmp_path):
    done = kiosk("--db", str(db_path), "--json", "certificate", "3组12号", "--out", str(tmp_path / "c.pdf"),
                 "--operator", "刘建军", "--pin", MANAGER_PIN)
    assert done.code == 0 and done.json()["household"] == "3组12号" and (tmp_path / "c.pdf").exists()
    assert done.json()["age_days"] == 0 and done.json()["text"].startswith("JFZM1.")
    with shop.db.write() as conn:
        conn.execute("DELETE FROM certificate_snapshot")
    refused = kiosk("--db", str(db_path), "certificate", "王小明", "--out", str(tmp_path / "d.pdf"),
                    "--operator", "刘建军", "--pin", MANAGER_PIN)
    assert refused.code == 1 and "先同步一次" in refused.err and not (tmp_path / "d.pdf").exists()


def test_kiosk_township_verify_takes_the_counters_qr_text(shop, live, tmp_path, capsys):
    shop.clock.set(datetime.now())
    qr = certificates.issue(shop, "3组12号").qr_text
    (tmp_path / "scanned.txt").write_text(f"扫码结果：{qr}\n", "utf-8")
    assert township_cli.main(["--db", str(live), "verify", str(tmp_path / "scanned.txt")]) == 0
    assert "真实有效" in capsys.readouterr().out
    assert township_cli.main(["--db", str(live), "verify", _altered(qr.split("text=")[1])]) == 1
    assert "不是真的" in capsys.readouterr().err


def _altered(text: str) -> str:
    _, body, signature = text.split(".")
    raw = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw[raw.index(b'"this_year":"') + len('"this_year":"')] = ord("9")          # 15.00 → 95.00
    return f"JFZM1.{base64.urlsafe_b64encode(bytes(raw)).decode().rstrip('=')}.{signature}"


def test_the_township_verifies_the_counters_certificate(synced, township, tmp_path):  # noqa: F811
    store = township[0].state.store
    qr = certificates.issue(synced, "3组12号").qr_text
    assert verdicts.verify(store, qr).code == "genuine_current"
    assert verdicts.verify(store, _altered(qr.split("text=")[1])).code == "forged"
    give(synced, "JF000001")
    assert client.sync_once(synced.db, township[1], NOW).ok
    changed = verdicts.verify(store, qr)
    assert changed.code == "genuine_changed" and changed.now["this_year"] == "20.00"
    other = create_app(tmp_path / "other.sqlite", clock=lambda: NOW.timestamp())
    with TestClient(other):
        assert verdicts.verify(other.state.store, qr).code == "other_township"
    store.clock = lambda: (NOW + timedelta(days=certificate.VALID_DAYS + 1)).timestamp()
    assert verdicts.verify(store, qr).code == "expired"
