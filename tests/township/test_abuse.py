"""The township under abuse: every malformed request answers 400/401/413 with a reason, never
500; requests that fail the signature write nothing and are logged at most once a minute."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from kiosk.township import merge

MINUTE = 60

from tests.township.conftest import every_row


def _record(till, body_json: str, **fields) -> bytes:
    """A push body written by hand, so it can hold what json.dumps would never write."""
    head = {"id": "r1", "terminal_id": till.id, "seq": 1, "type": "entry", "sha256": "0" * 64, **fields}
    return ('{"records":[' + json.dumps(head)[:-1] + ',"body":' + body_json + "}]}").encode()


@pytest.mark.parametrize("body_json, fields, words", [
    ('{"account_id":"a","hundredths":NaN}', {}, "NaN"),
    ('{"account_id":"a","hundredths":Infinity}', {}, "Infinity"),
    ('{"account_id":"a","hundredths":-Infinity}', {}, "Infinity"),
    ('{"account_id":"a","hundredths":1e400}', {}, "too large"),
    ('{"account_id":"a","hundredths":18446744073709551616}', {}, "64 bits"),
    ('{"account_id":"a","hundredths":5}', {"seq": 2**63}, "64 bits"),
    ('{"account_id":"a","hundredths":5}', {"sha256": "签" * 64}, "sha256"),
    ('{"account_id":"a","hundredths":5}', {"sha256": "A" * 64}, "sha256"),
    ('{"account_id":"\\ud800","hundredths":5}', {}, "surrogate"),
    ('{"account_id":"a","hundredths":5}', {"id": "\ud800"}, "surrogate"),
    ('{"a":' + "[" * 40 + "]" * 40 + "}", {}, "deeper than 32"),
])
def test_signed_requests_with_numbers_or_text_the_store_cannot_hold_are_400(enrol, admin, body_json, fields, words):
    till = enrol()
    answer = till.call("POST", "/v1/push", _record(till, body_json, **fields))
    assert answer.status_code == 400, answer.text
    assert words in answer.json()["message"] and "数据" in answer.json()["message"]
    assert admin.one("SELECT COUNT(*) FROM record")[0] == 0


def test_signed_pull_with_a_cursor_beyond_64_bits_is_400(enrol):
    answer = enrol().call("GET", f"/v1/pull?since={2**64}")
    assert answer.status_code == 400 and "whole number" in answer.json()["message"]


def test_entries_too_big_to_sum_are_rejected_not_a_crash(enrol, admin):
    till = enrol()
    answer = till.push([till.entry("acct-1", 2**62), till.entry("acct-1", 2**62)])
    assert answer.status_code == 200 and {r["status"] for r in answer.json()["results"]} == {"rejected"}
    assert admin.one("SELECT COUNT(*) FROM account_balance")[0] == 0


@pytest.mark.parametrize("path, body, status", [
    ("/v1/enrol", b"[" * 20000 + b"]" * 20000, 400),
    ("/v1/enrol", b'{"code": "X", "name": "A", "number": 1e999}', 400),
    ("/v1/enrol", b'{"code": "X", "name": "A", "number": 99999999999999999999999}', 400),
    ("/v1/enrol", b"{" * 70000, 413),
    ("/v1/push", b"[" * 100000, 401),
    ("/v1/cross/redeem", b'{"id": NaN}', 401),
])
def test_unsigned_bodies_of_any_shape_are_refused_with_a_reason(client, path, body, status):
    answer = client.post(path, content=body)
    assert answer.status_code == status and answer.json()["message"]


@pytest.mark.parametrize("header, value", [
    ("X-Kiosk-Signature", "签名".encode()), ("X-Kiosk-Signature", b"\xff" * 64),
    ("X-Kiosk-Terminal", "终端".encode()), ("X-Kiosk-Time", "１２３".encode()),
    ("X-Kiosk-Time", b"9" * 5000), ("X-Kiosk-Signature", b"g" * 64),
])
def test_odd_signature_headers_are_401(enrol, header, value):
    till = enrol()
    answer = till.call("GET", "/v1/state", headers={header: value})
    assert answer.status_code == 401 and "签名" in answer.json()["message"]


def _disk(db_path) -> dict:
    """The SQLite files' sizes; on PostgreSQL every row of every table (every_row) says it."""
    if isinstance(db_path, str):
        return {}
    return {p.name: p.stat().st_size for p in db_path.parent.glob(db_path.name + "*")}


def test_300_bad_requests_write_nothing_at_all(enrol, client, admin, db_path, clock):
    till = enrol()
    till.push(till.entries(3))
    store = client.app.state.store
    disk, changes = _disk(db_path), every_row(store)
    body = json.dumps({"records": [r.as_json() for r in till.entries(2)]}).encode()
    for i in range(100):
        assert till.call("POST", "/v1/push", body, secret="0" * 64).status_code == 401       # wrong secret
        assert till.call("POST", "/v1/push", body, at=clock.now - 3600).status_code == 401   # stale or replayed
        assert client.post("/v1/push", content=body, headers={"X-Kiosk-Terminal": f"ghost-{i}",
                            "X-Kiosk-Time": "1", "X-Kiosk-Signature": "0" * 64}).status_code == 401
    assert every_row(store) == changes and _disk(db_path) == disk
    assert admin.one("SELECT COUNT(*) FROM incident")[0] == 0


def test_refusals_are_logged_once_a_minute_per_terminal_with_their_count(enrol, client, clock, caplog):
    till = enrol()
    with caplog.at_level("WARNING", logger="kiosk.township.auth"):
        for i in range(150):
            till.call("GET", "/v1/state", secret="0" * 64)
            client.get("/v1/state", headers={"X-Kiosk-Terminal": f"ghost-{i}", "X-Kiosk-Time": "1",
                                             "X-Kiosk-Signature": "0" * 64})
        assert len(caplog.records) == 2                      # one for this terminal, one for all unknown
        clock.now += MINUTE + 1
        till.call("GET", "/v1/state", secret="0" * 64)
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 3 and till.id in lines[2] and "refused 150 request" in lines[2]


def test_an_unexpected_error_is_a_logged_500_without_details(enrol, client, monkeypatch, caplog):
    till = enrol()

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail nobody outside should read")

    monkeypatch.setattr(merge, "push", broken)
    till.client = TestClient(client.app, raise_server_exceptions=False)
    with caplog.at_level("ERROR", logger="kiosk.township"):
        answer = till.push(till.entries(1))
    assert answer.status_code == 500 and answer.json()["error"] == "internal"
    assert "意外" in answer.json()["message"] and "nobody outside" not in answer.text
    assert "Traceback" not in answer.text and "nobody outside" in caplog.text
