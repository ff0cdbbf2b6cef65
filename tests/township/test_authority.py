"""Authority per record type (DESIGN invariant 12), at the township: a terminal may push only
what a village writes; holds, releases, shared prices, rates and shared rules are the township's."""

from __future__ import annotations

import pytest

from kiosk.core.ids import new_id
from kiosk.sync import authority
from kiosk.sync.wire import Record

VILLAGE_TYPES = sorted(t for t, who in authority.AUTHOR.items() if who != authority.TOWNSHIP)
TOWNSHIP_TYPES = sorted(t for t, who in authority.AUTHOR.items() if who == authority.TOWNSHIP)


def _record(till, record_type: str, **body) -> Record:
    till.seq += 1
    base = {"id": new_id(), "account_id": "acct-1", "hundredths": 100} if record_type == "entry" else {"id": new_id()}
    return Record.make(new_id(), till.id, till.seq, record_type, {**base, **body})


@pytest.mark.parametrize("record_type", TOWNSHIP_TYPES)
def test_a_terminal_pushing_a_township_record_is_refused_that_record_only(enrol, admin, record_type):
    a, b = enrol(name="A"), enrol(name="B")
    rogue = _record(a, record_type, account_id="acct-1", reason="随便冻结", price=1, rate="9")
    fine = _record(a, "household", house_no="1组1号")
    answer = a.push([rogue, fine])
    assert answer.status_code == 200, answer.text
    statuses = {r["id"]: r["status"] for r in answer.json()["results"]}
    assert statuses == {rogue.id: "rejected", fine.id: "stored"}
    assert answer.json()["high_water"] == 2                      # the counter moves on, keeping it aside
    assert admin.one("SELECT COUNT(*) FROM record WHERE id = ?", (rogue.id,))[0] == 0
    assert admin.one("SELECT COUNT(*) FROM incident WHERE kind = 'rejected'")[0] == 1
    pulled = b.pull().json()["records"]
    assert [r["type"] for r in pulled] == ["household"]


@pytest.mark.parametrize("record_type", VILLAGE_TYPES)
def test_a_terminal_may_push_what_a_village_writes(enrol, admin, record_type):
    a, b = enrol(name="A"), enrol(name="B")
    record = _record(a, record_type, owner="village") if record_type in ("rule", "product") else _record(a, record_type)
    answer = a.push([record])
    assert answer.json()["results"][0]["status"] == "stored", answer.text
    assert [r["id"] for r in b.pull().json()["records"]] == [record.id]


@pytest.mark.parametrize("record_type", ["rule", "product"])
def test_a_shared_rule_or_product_is_the_townships_to_issue(enrol, admin, record_type):
    a = enrol(name="A")
    answer = a.push([_record(a, record_type, owner="township", code="xz_1")])
    assert answer.json()["results"][0]["status"] == "rejected"
    detail = answer.json()["results"][0]["detail"]
    assert "township" in detail.lower() or "乡镇" in detail
