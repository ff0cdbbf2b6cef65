"""PIN login: wrong PINs are counted on the operator row only; five lock it for 15 minutes."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.services.people import operators
from kiosk.services.context import Role
from tests.conftest import MANAGER_PIN, VOLUNTEER_PIN
from tests.services._support import all_tables, assert_english, refuse, table_print

NAME = "张晓燕"


def _untouched_tables(db) -> list[str]:
    return [t for t in all_tables(db) if t not in ("operator", "meta", "audit")]


def _login(shop, pin, name=NAME):
    return operators.login(shop.db, name, pin, shop.clock.now())


def test_right_pin_logs_in(shop):
    actor = _login(shop, VOLUNTEER_PIN)
    assert actor.name == NAME and actor.role is Role.VOLUNTEER and actor.operator_id
    assert _login(shop, MANAGER_PIN, "刘建军").role is Role.MANAGER


def test_wrong_pin_counts_on_the_operator_row_only(shop):
    tables = _untouched_tables(shop.db)
    before = table_print(shop.db, *tables)
    with pytest.raises(Refused) as info:
        _login(shop, "0000")
    assert info.value.code == "pin_wrong"
    assert "4" in info.value.message("zh") and "15" in info.value.message("zh")
    assert_english(info.value)
    assert table_print(shop.db, *tables) == before
    assert shop.db.scalar("SELECT failed_pins FROM operator WHERE name = ?", (NAME,)) == 1
    # The other operator's count is untouched.
    assert shop.db.scalar("SELECT failed_pins FROM operator WHERE name = '刘建军'") == 0


def test_right_pin_clears_the_count(shop):
    for _ in range(3):
        with pytest.raises(Refused):
            _login(shop, "0000")
    _login(shop, VOLUNTEER_PIN)
    assert shop.db.scalar("SELECT failed_pins FROM operator WHERE name = ?", (NAME,)) == 0
    with pytest.raises(Refused) as info:
        _login(shop, "0000")
    assert info.value.code == "pin_wrong" and info.value.params["left"] == 4


def test_five_wrong_pins_lock_even_the_right_pin_for_15_minutes(shop):
    tables = _untouched_tables(shop.db)
    before = table_print(shop.db, *tables)
    lefts = []
    for _ in range(4):
        with pytest.raises(Refused) as info:
            _login(shop, "9999")
        assert info.value.code == "pin_wrong"
        lefts.append(info.value.params["left"])
    assert lefts == [4, 3, 2, 1]
    with pytest.raises(Refused) as info:
        _login(shop, "9999")
    assert info.value.code == "pin_locked"
    assert "09:45" in info.value.message("zh")
    assert_english(info.value)

    exc = refuse(shop.db, "pin_locked", _login, shop, VOLUNTEER_PIN)
    assert "09:45" in exc.message("zh")
    shop.clock.advance(minutes=14)
    refuse(shop.db, "pin_locked", _login, shop, VOLUNTEER_PIN)
    assert table_print(shop.db, *tables) == before

    shop.clock.advance(minutes=2)  # 16 minutes after the lock
    assert _login(shop, VOLUNTEER_PIN).name == NAME
    assert table_print(shop.db, *tables) == before


def test_lock_is_per_operator(shop):
    for _ in range(5):
        with pytest.raises(Refused):
            _login(shop, "9999")
    assert _login(shop, MANAGER_PIN, "刘建军").role is Role.MANAGER


def test_wrong_pin_after_the_lock_expires_starts_a_new_count(shop):
    for _ in range(5):
        with pytest.raises(Refused):
            _login(shop, "9999")
    shop.clock.advance(minutes=16)
    with pytest.raises(Refused) as info:
        _login(shop, "9999")
    assert info.value.code == "pin_wrong" and info.value.params["left"] == 4


@pytest.mark.parametrize("pin, code", [("", "pin_missing"), (None, "pin_missing")])
def test_missing_pin(shop, pin, code):
    refuse(shop.db, code, _login, shop, pin)


def test_unknown_operator(shop):
    exc = refuse(shop.db, "operator_unknown", _login, shop, VOLUNTEER_PIN, "王大锤")
    assert "王大锤" in exc.message("zh")
    assert_english(exc)


@pytest.mark.parametrize("pin", ["123", "abcd", "123456789", "12 34", ""])
def test_bad_pin_format_when_adding_an_operator(shop, pin):
    refuse(shop.db, "pin_format", operators.add_operator, shop, "王大锤", "volunteer", pin)


def test_duplicate_operator_and_unknown_role(shop):
    exc = refuse(shop.db, "operator_exists", operators.add_operator, shop, NAME, "volunteer", "1234")
    assert NAME in exc.message("zh")
    refuse(shop.db, "role_unknown", operators.add_operator, shop, "王大锤", "boss", "1234")
