"""Every mutation writes an audit row naming the operator; the chain stays whole."""

from __future__ import annotations

import json

import pytest

from kiosk.core.errors import Refused
from kiosk.services.points import awards, claims
from kiosk.services.audit.check import run_check
from tests.services._support import audit_count
from tests.services.test_roles import MANAGER_ONLY, VOLUNTEER_MAY

EXPECTED_ACTION = {
    "adjust_points": "points.adjust", "add_rule": "rule.add", "retire_rule": "rule.retire",
    "add_product": "product.add", "approve_claim": "claim.approve", "reject_claim": "claim.reject",
    "refund": "sale.refund", "adjust_stock": "stock.adjust", "take_stock": "stock.take",
    "add_operator": "operator.add", "add_resident": "resident.add", "add_household": "household.add",
    "award": "points.award", "redeem_items": "sale.redeem", "redeem": "sale.redeem",
    "receive": "stock.receive", "set_resident_pin": "resident.pin",
    "change_settings": "setting.change", "import_residents": "resident.add",
}


def _new_rows(db, since: int):
    return db.all("SELECT * FROM audit WHERE seq > ? ORDER BY seq", (since,))


@pytest.mark.parametrize("name", sorted({**MANAGER_ONLY, **VOLUNTEER_MAY}))
def test_manager_mutation_writes_audit_row(shop, scene, name):
    call = {**MANAGER_ONLY, **VOLUNTEER_MAY}[name]
    before = audit_count(shop.db)
    call(shop, scene)
    rows = _new_rows(shop.db, before)
    assert len(rows) >= 1
    assert EXPECTED_ACTION[name] in [r["action"] for r in rows]
    for row in rows:
        assert row["operator_name"] == "刘建军"
        assert row["operator_id"] == shop.actor.operator_id
        assert row["at"].startswith("2026-11-03")
        assert row["after"]
    assert run_check(shop.db).ok


@pytest.mark.parametrize("name", sorted(VOLUNTEER_MAY))
def test_volunteer_mutation_writes_audit_row(volunteer, scene, name):
    before = audit_count(volunteer.db)
    VOLUNTEER_MAY[name](volunteer, scene)
    rows = _new_rows(volunteer.db, before)
    assert len(rows) >= 1
    assert {r["operator_name"] for r in rows} == {"张晓燕"}
    assert {r["operator_id"] for r in rows} == {volunteer.actor.operator_id}
    expected = "claim.file" if name == "award" else EXPECTED_ACTION[name]
    assert expected in [r["action"] for r in rows]


def test_audit_rows_carry_before_and_after(shop, scene):
    before = audit_count(shop.db)
    awards.adjust(shop, "JF000001", "-4", "多记了")
    row = _new_rows(shop.db, before)[-1]
    assert json.loads(row["before"]) == {"balance": "24"}
    assert json.loads(row["after"]) == {"balance": "20", "reason": "多记了"}


def test_refusal_writes_no_audit_row(shop, scene, volunteer):
    before = audit_count(shop.db)
    with pytest.raises(Refused) as refused:
        claims.approve(volunteer, scene.claim_id)
    assert refused.value.code == "not_allowed"
    with pytest.raises(Refused) as refused:
        awards.adjust(shop, "JF000001", "0", "零")
    assert refused.value.code == "adjust_zero"
    assert audit_count(shop.db) == before


def test_changing_an_audit_row_behind_its_back_is_detected(shop, scene):
    assert run_check(shop.db).ok
    conn = shop.db.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET operator_name = '某人' WHERE seq = 3")
    report = run_check(shop.db)
    assert not report.ok and any("操作记录第 3 条被改动或删除过" in p for p in report.problems)
