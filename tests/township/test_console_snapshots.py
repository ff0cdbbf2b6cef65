"""积分证明 snapshots for the counters, on SQLite and PostgreSQL: what /v1/certificates answers,
and how the township judges a snapshot's text later (current, changed, altered, expired)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from kiosk.core import statements
from kiosk.township.console import certificate, verdicts
from tests.township.console_helpers import push_household


def _asked(till, body: dict) -> dict:
    answer = till.call("POST", "/v1/certificates", json.dumps(body).encode())
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_each_household_gets_a_statement_signed_by_the_townships_key(admin, enrol, clock):
    till = enrol()
    year = datetime.fromtimestamp(clock.now, UTC).year
    account = push_household(till, "3组12号", "王小明")
    push_household(till, "1组8号", "张桂兰")
    till.push([till.entry(account, 7000, kind="award", activity_date=f"{year}-03-01", rule_id="r1"),
               till.entry(account, -1000, kind="deduct", activity_date=f"{year}-04-01"),
               till.entry(account, 2500, kind="award", activity_date=f"{year - 1}-05-01")])
    answer = _asked(till, {"grades": [["AA", "60", ""], ["A", "0", ""]]})
    assert answer["key"] == certificate.public_key(admin) and len(answer["statements"]) == 2
    read = [statements.check(s["text"], answer["key"]).statement for s in answer["statements"]]
    mine = next(s for s in read if s["house_no"] == "3组12号")
    assert (mine["this_year"], mine["last_year"], mine["grade"], mine["kind"]) == ("60.00", "25.00", "AA", "snapshot")
    assert mine["by_category"] == {"": "70.00"} and mine["key"] == certificate.key_id(admin)
    assert next(s for s in read if s["house_no"] == "1组8号")["grade"] == "A"
    assert verdicts.verify(admin, answer["statements"][0]["text"]).code == "genuine_current"


def test_the_same_version_answers_no_statements(admin, enrol):
    till = enrol()
    push_household(till, "3组12号", "王小明")
    first = _asked(till, {"grades": [["A", "0", ""]]})
    assert _asked(till, {"grades": [["A", "0", ""]], "have": first["version"]})["statements"] == []
    assert len(_asked(till, {"grades": [["B", "0", ""]], "have": first["version"]})["statements"]) == 1


def test_a_snapshot_is_judged_later_like_any_certificate(admin, enrol, clock):
    till = enrol()
    account = push_household(till, "3组12号", "王小明")
    text = _asked(till, {})["statements"][0]["text"]
    till.push([till.entry(account, 300, kind="award")])
    changed = verdicts.verify(admin, text)
    assert changed.code == "genuine_changed" and changed.now["balance"] == "3.00"
    assert verdicts.verify(admin, text[:-4] + ("AAAA" if text[-4:] != "AAAA" else "BBBB")).code == "forged"
    clock.now += (certificate.VALID_DAYS + 1) * 86400
    assert verdicts.verify(admin, text).code == "expired"


def test_an_unsigned_or_odd_request_is_refused_in_words(admin, enrol):
    till = enrol()
    assert till.client.post("/v1/certificates", content=b"{}").status_code == 401
    odd = till.call("POST", "/v1/certificates", b"[1, 2]")
    assert odd.status_code == 400 and odd.json()["message"]
    weird = _asked(till, {"grades": [["A", "x"], 5, None]})                    # an unusable table: no grade
    assert all(statements.check(s["text"], weird["key"]).statement["grade"] == "" for s in weird["statements"])
