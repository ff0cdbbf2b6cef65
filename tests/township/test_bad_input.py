"""Every bad request the township meets: refused with a clear reason, nothing stored."""

from __future__ import annotations

import json

import pytest

from kiosk.township.store import CODE_DAYS
from tests.township.conftest import records_fingerprint


def test_missing_signature_is_401(enrol, client, admin):
    till = enrol()
    before = records_fingerprint(admin)
    body = json.dumps({"records": [r.as_json() for r in till.entries(1)]})
    answer = client.post("/v1/push", content=body)
    assert answer.status_code == 401 and "没有签名" in answer.json()["message"]
    assert records_fingerprint(admin) == before


def test_wrong_secret_is_401_counted_and_logged_not_stored(enrol, admin, caplog):
    till = enrol()
    before = records_fingerprint(admin)
    with caplog.at_level("WARNING", logger="kiosk.township.auth"):
        answer = till.push(till.entries(1), secret="0" * 64)
    assert answer.status_code == 401 and "签名不对" in answer.json()["message"]
    assert records_fingerprint(admin) == before
    assert admin.one("SELECT COUNT(*) FROM incident")[0] == 0
    assert [till.id in r.getMessage() for r in caplog.records] == [True]


def test_signature_covers_the_query(enrol):
    till = enrol()
    signed = till.pull(0, 10).request.headers
    answer = till.client.get("/v1/pull?since=0&limit=11", headers=dict(signed))
    assert answer.status_code == 401


def test_unknown_terminal_is_401(enrol, admin):
    till = enrol()
    till.id = "no-such-terminal"
    answer = till.state()
    assert answer.status_code == 401 and "不认识这台收银机" in answer.json()["message"] and "no-such-terminal" not in answer.json()["message"]


def test_records_of_another_terminal_are_403(enrol, admin):
    mine, theirs = enrol(name="A"), enrol(name="B")
    before = records_fingerprint(admin)
    answer = mine.push(theirs.entries(1))
    assert answer.status_code == 403 and "只能上传自己的记录" in answer.json()["message"]
    assert records_fingerprint(admin) == before


def test_writing_for_another_village_is_403(enrol, admin):
    till, elsewhere = enrol(), enrol("桃源村", "C")
    before = records_fingerprint(admin)
    answer = till.push([till.entry("acct-1", 100, village_id=elsewhere.village_id)])
    assert answer.status_code == 403 and "属于别的村" in answer.json()["message"]
    assert records_fingerprint(admin) == before
    assert admin.one("SELECT COUNT(*) FROM incident WHERE kind = 'wrong_village'")[0] == 1


@pytest.mark.parametrize("body, words", [
    (b'{"records": [{"id": "x", "terminal', "不完整或格式不对"),
    (b"\xff\xfe not utf8", "不完整或格式不对"),
    (b"[1, 2]", "数据内容不对"),
    (b'{"records": 5}', "数据内容不对"),
    (b'{"records": [{"id": "x"}]}', "数据内容不对"),
    (b'{"records": [{"id": "x", "terminal_id": "t", "seq": 0, "type": "entry", "body": {}, "sha256": ""}]}',
     "数据内容不对"),
])
def test_malformed_or_truncated_body_is_400(enrol, admin, body, words):
    till = enrol()
    before = records_fingerprint(admin)
    answer = till.call("POST", "/v1/push", body)
    assert answer.status_code == 400 and words in answer.json()["message"]
    assert records_fingerprint(admin) == before


def test_entry_without_account_is_rejected(enrol, admin):
    till = enrol()
    answer = till.push([till.entry(None, 5)])
    assert answer.json()["results"][0]["status"] == "rejected"
    assert admin.one("SELECT COUNT(*) FROM record")[0] == 0


@pytest.mark.parametrize("query", ["since=-1", "since=abc", "limit=0", "limit=5001"])
def test_bad_pull_query_is_400_after_the_signature(enrol, client, query):
    till = enrol()
    answer = till.call("GET", f"/v1/pull?{query}")
    assert answer.status_code == 400 and "whole number" in answer.json()["message"]
    assert client.get(f"/v1/pull?{query}").status_code == 401


def test_body_over_the_limit_is_413(enrol, monkeypatch):
    from kiosk.township import parsing
    monkeypatch.setattr(parsing, "MAX_BODY_MB", 0.001)
    till = enrol()
    answer = till.push(till.entries(200))
    assert answer.status_code == 413 and "太大" in answer.json()["message"]


def test_enrolment_code_works_once(client, admin):
    code = admin.issue_code("青石村")["code"]
    assert len(code) == 8
    assert client.post("/v1/enrol", json={"code": code, "name": "A"}).status_code == 200
    before = admin.all("SELECT id FROM terminal")
    again = client.post("/v1/enrol", json={"code": code, "name": "B"})
    assert again.status_code == 403 and "已经用过了" in again.json()["message"]
    assert admin.all("SELECT id FROM terminal") == before


def test_expired_or_unknown_enrolment_code_is_refused(client, admin, clock):
    code = admin.issue_code("青石村")["code"]
    clock.now += CODE_DAYS * 86400 + 1
    answer = client.post("/v1/enrol", json={"code": code, "name": "A"})
    assert answer.status_code == 403 and "已过期" in answer.json()["message"]
    unknown = client.post("/v1/enrol", json={"code": "ZZZZZZZZ", "name": "A"})
    assert unknown.status_code == 403 and "不对" in unknown.json()["message"]
    bad = client.post("/v1/enrol", json={"code": code})
    assert bad.status_code == 400
    assert admin.one("SELECT COUNT(*) FROM terminal")[0] == 0


def test_openapi_describes_the_four_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/enrol", "/v1/push", "/v1/pull", "/v1/state"} <= set(paths)
    assert "409" in paths["/v1/push"]["post"]["responses"]
