"""Operators: volunteers and managers added, PINs reset, deactivated (never the last manager)."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.services.people import operators
from kiosk.services.points import awards
from tests.conftest import VOLUNTEER_PIN, give
from tests.services._support import assert_english, refuse


def names(db, active_only=False):
    return [r["name"] for r in operators.list_operators(db) if r["active"] or not active_only]


def test_add_a_volunteer_and_a_manager(shop):
    operators.add_operator(shop, "赵志愿", "volunteer", "1357")
    operators.add_operator(shop, "孙主任", "manager", "97531")
    assert {"赵志愿", "孙主任"} <= set(names(shop.db))
    assert operators.login(shop.db, "孙主任", "97531", shop.clock.now()).role == "manager"
    refuse(shop.db, "operator_exists", operators.add_operator, shop, "赵志愿", "volunteer", "1357")
    refuse(shop.db, "pin_format", operators.add_operator, shop, "钱某", "volunteer", "12")


def test_a_manager_resets_someone_elses_pin_and_lifts_the_lockout(shop):
    now = shop.clock.now()
    for _ in range(5):
        with pytest.raises(Refused):
            operators.login(shop.db, "张晓燕", "0000", now)
    with pytest.raises(Refused) as locked:
        operators.login(shop.db, "张晓燕", VOLUNTEER_PIN, now)
    assert locked.value.code == "pin_locked"
    operators.reset_pin(shop, "张晓燕", "8642")
    assert operators.login(shop.db, "张晓燕", "8642", now).name == "张晓燕"
    assert shop.db.scalar("SELECT action FROM audit ORDER BY seq DESC LIMIT 1") == "operator.reset_pin"


def test_a_volunteer_may_change_only_their_own_pin(shop, volunteer):
    operators.reset_pin(volunteer, "张晓燕", "1111")
    assert operators.login(shop.db, "张晓燕", "1111", shop.clock.now())
    exc = refuse(shop.db, "not_allowed", operators.reset_pin, volunteer, "刘建军", "1111")
    assert "管理操作员" in exc.message("zh")
    refuse(shop.db, "operator_unknown", operators.reset_pin, shop, "没这人", "1111")


def test_a_deactivated_operator_cannot_log_in_but_their_records_stay(shop, volunteer):
    awards.award(volunteer, "JF000004", "hjqs")                      # a claim filed by her
    operators.set_active(shop, "张晓燕", False)
    with pytest.raises(Refused) as refused:
        operators.login(shop.db, "张晓燕", VOLUNTEER_PIN, shop.clock.now())
    assert refused.value.code == "operator_inactive"
    assert shop.db.scalar("SELECT COUNT(*) FROM claim WHERE filed_by = ?", (volunteer.actor.operator_id,)) == 1
    assert "张晓燕" in names(shop.db) and "张晓燕" not in names(shop.db, active_only=True)
    refuse(shop.db, "operator_already_inactive", operators.set_active, shop, "张晓燕", False)
    operators.set_active(shop, "张晓燕", True)
    assert operators.login(shop.db, "张晓燕", VOLUNTEER_PIN, shop.clock.now())


def test_the_last_active_manager_cannot_be_deactivated(shop):
    exc = refuse(shop.db, "operator_last_manager", operators.set_active, shop, "刘建军", False)
    assert "最后一位" in exc.message("zh") and "刘建军" in exc.message("zh")
    assert_english(exc)
    operators.add_operator(shop, "孙主任", "manager", "97531")
    operators.set_active(shop, "刘建军", False)
    other = shop.as_actor(operators.login(shop.db, "孙主任", "97531", shop.clock.now()))
    refuse(shop.db, "operator_last_manager", operators.set_active, other, "孙主任", False)


def test_volunteers_cannot_manage_operators(volunteer):
    refuse(volunteer.db, "not_allowed", operators.add_operator, volunteer, "钱某", "volunteer", "1234")
    refuse(volunteer.db, "not_allowed", operators.set_active, volunteer, "刘建军", False)


def test_a_deactivated_managers_past_awards_still_count(shop):
    give(shop, "JF000001", 2)
    operators.add_operator(shop, "孙主任", "manager", "97531")
    operators.set_active(shop, "刘建军", False)
    assert shop.db.scalar("SELECT COUNT(*) FROM entry WHERE operator_id = ?", (shop.actor.operator_id,)) == 2
