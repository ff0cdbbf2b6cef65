"""next_card_code: each counter numbers cards in its own range, never reusing a retired code."""

from __future__ import annotations

import pytest

from kiosk.core.errors import Refused
from kiosk.services.people import cards, residents
from kiosk.services.context import Context
from tests.conftest import fingerprint


def _as_terminal(shop: Context, number: int) -> Context:
    with shop.db.write() as conn:
        conn.execute("UPDATE terminal SET number = ? WHERE id = ?", (number, shop.terminal.id))
    return Context(shop.db, shop.actor, shop.clock)


def test_terminal_1_goes_on_with_todays_codes(shop):
    assert residents.next_card_code(shop) == "JF000005"
    assert residents.add_resident(shop, name="赵大山", house_no="7组3号").card_code == "JF000005"


def test_terminal_2_starts_its_own_range_and_old_codes_still_work(shop):
    second = _as_terminal(shop, 2)
    added = [residents.add_resident(second, name=n, house_no="7组3号").card_code for n in ("赵大山", "钱小红")]
    assert added == ["JF200001", "JF200002"]
    assert residents.resolve(second, "JF000001").name == "王小明"


def test_a_retired_code_at_the_top_of_the_range_is_not_given_out_again(shop):
    second = _as_terminal(shop, 2)
    added = residents.add_resident(second, name="赵大山", house_no="7组3号")
    with shop.db.write() as conn:        # his card changed to one typed by hand: JF200001 is retired
        conn.execute("INSERT INTO retired_card (code, resident_id, reason, retired_at) VALUES (?, ?, '卡丢了', ?)",
                     (added.card_code, added.id, shop.now_text()))
        conn.execute("UPDATE resident SET card_code = 'QS-0001' WHERE id = ?", (added.id,))
    assert residents.next_card_code(second) == "JF200002"


def test_a_replaced_card_takes_the_next_code_of_the_counters_range(shop):
    second = _as_terminal(shop, 3)
    assert cards.reissue(second, "JF000001", "卡丢了").new_code == "JF300001"
    assert cards.reissue(second, "JF300001", "又丢了").new_code == "JF300002"


def test_codes_typed_by_hand_outside_every_range_do_not_move_the_range(shop):
    residents.add_resident(shop, name="赵大山", house_no="7组3号", card_code="JF0000009")
    residents.add_resident(shop, name="钱小红", house_no="7组3号", card_code="JF100005")
    assert residents.next_card_code(shop) == "JF000005"
    assert residents.next_card_code(_as_terminal(shop, 2)) == "JF200001"


def test_a_code_typed_by_hand_inside_a_range_is_stepped_over(shop):
    residents.add_resident(shop, name="赵大山", house_no="7组3号", card_code="JF200007")
    assert residents.next_card_code(_as_terminal(shop, 2)) == "JF200008"


def test_a_used_up_range_is_refused_in_plain_words_and_nothing_changes(shop):
    residents.add_resident(shop, name="赵大山", house_no="7组3号", card_code="JF099999")
    before = fingerprint(shop.db)
    with pytest.raises(Refused) as refused:
        residents.add_resident(shop, name="钱小红", house_no="7组3号")
    assert refused.value.message() == ("这台收银电脑（1 号）的 99999 个卡号已经用完，不能自动编号了。"
                                       "请手工填写卡号，或联系乡镇管理员。")
    assert fingerprint(shop.db) == before
