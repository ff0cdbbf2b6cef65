"""积分证明: genuine statements verify; one changed byte, an expired one or another township's key do not."""

from __future__ import annotations

import base64
import time

from kiosk.township import cli
from kiosk.township.console import certificate, verdicts, queries
from kiosk.township.store import Store
from tests.township.console_helpers import push_household, sign_in


def _signed(admin, enrol) -> str:
    till = enrol()
    account = push_household(till, "3组12号", "王小明")
    till.push([till.entry(account, 1500, kind="award", at="2026-09-01T08:00:00")])
    village = dict(admin.village("青石村"))
    home = queries.households(admin, village["id"])[0]
    return certificate.sign(admin, village, home)


def test_a_genuine_certificate_verifies_as_current(admin, enrol):
    text = _signed(admin, enrol)
    verdict = verdicts.verify(admin, text)
    assert verdict.code == "genuine_current"
    assert verdict.statement["house_no"] == "3组12号" and verdict.statement["this_year"] == "15.00"
    assert verdicts.verify(admin, f"http://t/verify?text={text}").code == "genuine_current"


def test_one_changed_byte_is_refused(admin, enrol):
    text = _signed(admin, enrol)
    prefix, body, signature = text.split(".")
    raw = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw[raw.index(b"15.00")] = ord("9")                           # 15.00 → 95.00
    altered = base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
    assert verdicts.verify(admin, f"{prefix}.{altered}.{signature}").code == "forged"
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    assert verdicts.verify(admin, f"{prefix}.{body}.{flipped}").code == "forged"
    assert not verdicts.verify(admin, "hello").genuine


def test_an_expired_certificate_is_refused(admin, enrol, clock):
    text = _signed(admin, enrol)
    clock.now += (certificate.VALID_DAYS + 1) * 86400
    assert verdicts.verify(admin, text).code == "expired"


def test_another_townships_certificate_is_refused(admin, enrol, tmp_path, clock):
    text = _signed(admin, enrol)
    other = Store(tmp_path / "other.sqlite3", clock)
    assert verdicts.verify(other, text).code == "other_township"
    other.close()


def test_figures_that_changed_since_are_said(admin, enrol):
    till = enrol()
    account = push_household(till, "1组1号", "甲")
    village = dict(admin.village("青石村"))
    text = certificate.sign(admin, village, queries.households(admin, village["id"])[0])
    till.push([till.entry(account, 300, kind="award")])
    verdict = verdicts.verify(admin, text)
    assert verdict.code == "genuine_changed" and verdict.now["balance"] == "3.00"


def test_the_console_prints_it_and_verify_answers_anyone(client, admin, enrol):
    till = enrol()
    push_household(till, "3组12号", "<script>x</script>")
    sign_in(client, admin)
    page = client.get("/villages/青石村/certificate/3组12号")
    assert page.status_code == 200 and "<svg" in page.text and "&lt;script&gt;" in page.text
    text = page.text.split('id="signed-text">')[1].split("<")[0]
    client.cookies.clear()                                          # a bank: not signed in
    answer = client.get("/verify", params={"text": text})
    assert "真实有效" in answer.text
    assert "不是真的" in client.get("/verify", params={"text": text[:-3] + "AAA"}).text


def test_the_cli_says_genuine_or_refuses(admin, enrol, db_path, tmp_path, capsys, clock):
    clock.now = time.time()                         # the CLI reads the real clock
    text = _signed(admin, enrol)
    saved = tmp_path / "cert.txt"
    saved.write_text(f"扫码结果：{text}\n", "utf-8")
    admin.close()
    assert cli.main(["--db", str(db_path), "verify", str(saved)]) == 0
    assert "真实" in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "verify", text.replace(".", ".A", 1)]) == 1
    assert "不是真的" in capsys.readouterr().err
