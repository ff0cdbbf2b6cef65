"""The wire format: one canonical form per value, tamper-evident records, signed requests."""

from __future__ import annotations

import pytest

from kiosk.sync.wire import Record, body_hash, canonical, signature_ok, signed_headers


def test_canonical_json_ignores_key_order_and_keeps_chinese():
    assert canonical({"b": 1, "a": "王小明"}) == canonical({"a": "王小明", "b": 1})
    assert "王小明".encode() in canonical({"a": "王小明"})


def test_floats_that_are_not_numbers_are_refused():
    with pytest.raises(ValueError):
        canonical({"points": float("nan")})


def test_a_record_round_trips_and_detects_tampering():
    record = Record.make("0190-1", "t1", 1, "entry", {"hundredths": 500, "kind": "award"})
    again = Record.from_json(record.as_json())
    assert again == record and again.intact()
    forged = Record.from_json({**record.as_json(), "body": {"hundredths": 50000, "kind": "award"}})
    assert not forged.intact()
    assert body_hash(record.body) == record.sha256


@pytest.mark.parametrize("broken", [{}, {"id": "x"}, {"id": "x", "terminal_id": "t", "seq": "one",
                                                      "type": "entry", "body": {}, "sha256": ""},
                                    {"id": "x", "terminal_id": "t", "seq": 0, "type": "entry", "body": {},
                                     "sha256": ""}])
def test_malformed_records_are_refused(broken):
    with pytest.raises(ValueError):
        Record.from_json(broken)


def test_signatures_cover_method_path_time_and_body():
    headers = signed_headers("t1", "s3cret", "POST", "/v1/push", b'{"records":[]}', 1_800_000_000)
    args = ("s3cret", "POST", "/v1/push", headers["X-Kiosk-Time"], b'{"records":[]}')
    assert signature_ok(*args, headers["X-Kiosk-Signature"])
    assert not signature_ok("other", *args[1:], headers["X-Kiosk-Signature"])
    assert not signature_ok("s3cret", "POST", "/v1/pull", *args[3:], headers["X-Kiosk-Signature"])
    assert not signature_ok(*args[:4], b'{"records":[1]}', headers["X-Kiosk-Signature"])
    assert not signature_ok(*args, "")
