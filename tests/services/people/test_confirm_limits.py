"""Whose household's acts each manager cannot confirm as second manager now, and why (回避's sock
puppets, kiosk/services/people/confirm_limits.py): the same words the counter refuses him with."""

from __future__ import annotations

from kiosk.services.people import operators
from kiosk.services.people.confirm_limits import limits_by_manager
from kiosk.services.points import awards
from tests.services._support import refuse
from tests.services._vouched import township_confirms, vouched_manager
from tests.services.people.test_pin_known_to import ID, as_, words_of
from tests.services.people.test_pin_known_to_upgraded import MINE, old  # noqa: F401  (a fixture)
from tests.services.points.test_conflicts import own  # noqa: F401  (a fixture: 刘建军 of 3组12号, 王秀兰 vouched)


def said(ctx) -> dict[str, list[tuple[str, str, str]]]:
    """Each manager with limits → (whose act, which household, the refusal's code), no words with an id."""
    limits = limits_by_manager(ctx)
    for limit in (one for each in limits.values() for one in each):
        assert not ID.search(limit.words("zh")) and not ID.search(limit.words("en"))
    return {name: [(one.actor, one.house_no, one.refusal.code) for one in each] for name, each in limits.items()}


def the_counters_words(ctx, second: str, pin: str, actor=None) -> str:
    """What the counter says when `second` confirms an award to 刘建军's household (3组12号)."""
    exc = refuse(ctx.db, exc_code(ctx, second), awards.award,
                 operators.second_manager(actor or ctx, second, pin), MINE, "hjqs")
    return words_of(exc)


def exc_code(ctx, second: str) -> str:
    return limits_by_manager(ctx)[second][0].refusal.code


def test_managers_the_setup_made_or_the_township_confirmed_have_no_limit(own):
    assert limits_by_manager(own) == {}


def test_a_puppet_may_not_confirm_for_its_makers_household_in_the_counters_words(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    assert said(own) == {"赵六": [("刘建军", "3组12号", "conflict_second_pin_known")]}
    words = limits_by_manager(own)["赵六"][0].words("zh")
    assert words == the_counters_words(own, "赵六", "6060")
    assert "赵六不能替刘建军本户的事做第二位确认" in words and "请赵六先改一次自己的密码，再请乡镇确认" in words


def test_after_the_puppet_changes_its_own_pin_only_the_township_is_wanting(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    operators.reset_pin(as_(own, "赵六", "6060"), "赵六", "6161")
    assert said(own) == {"赵六": [("刘建军", "3组12号", "conflict_second_pin_known_own")]}
    words = limits_by_manager(own)["赵六"][0].words("zh")
    assert words == the_counters_words(own, "赵六", "6161")
    assert "请乡镇核实后确认赵六的管理员身份（不用再改密码）" in words


def test_after_the_townships_confirmation_there_is_no_limit(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    operators.reset_pin(as_(own, "赵六", "6060"), "赵六", "6161")
    township_confirms(own.db, "赵六")
    assert limits_by_manager(own) == {}
    assert awards.award(operators.second_manager(own, "赵六", "6161"), MINE, "hjqs").status == "posted"


def test_the_maker_may_not_confirm_for_his_puppets_household_nor_one_puppet_for_another(own):
    operators.add_operator(own, "赵六", "manager", "6060", resident="王晓明")      # of 5组1号
    operators.add_operator(own, "孙七", "manager", "7171")
    assert said(own) == {               # 孙七 is nobody: no household of his own to name
        "刘建军": [("赵六", "5组1号", "conflict_actor_pin_known")],
        "赵六": [("刘建军", "3组12号", "conflict_second_pin_known")],
        "孙七": [("刘建军", "3组12号", "conflict_second_pin_known"), ("赵六", "5组1号", "conflict_both_pins_known")],
    }


def test_puppets_of_a_manager_since_stopped_may_not_confirm_for_each_other_on_his_household(own):
    """刘建军, who made 赵六 and 孙七, no longer logs in, but may know both PINs: an act of one of
    them on 3组12号 (his household, behind both) is no act the other may confirm."""
    operators.add_operator(own, "赵六", "manager", "6060")
    operators.add_operator(own, "孙七", "manager", "7171")
    operators.set_active(own, "刘建军", False)
    assert said(own) == {"赵六": [("孙七", "3组12号", "conflict_both_pins_known")],
                         "孙七": [("赵六", "3组12号", "conflict_both_pins_known")]}
    zhao = as_(own, "赵六", "6060")
    assert limits_by_manager(own)["孙七"][0].words("zh") == the_counters_words(own, "孙七", "7171", actor=zhao)


def test_a_puppet_of_one_of_the_household_is_named_with_that_household(own):
    vouched_manager(own, "周兰", "8181", resident="李秀英")          # of 3组12号 too
    operators.add_operator(as_(own, "周兰", "8181"), "赵六", "manager", "6060")
    assert said(own)["赵六"][0] == ("刘建军", "3组12号", "conflict_second_pin_known_by_household")
    assert limits_by_manager(own)["赵六"][0].words("zh") == the_counters_words(own, "赵六", "6060")


def test_a_deactivated_manager_is_no_limit_and_has_none(own):
    operators.add_operator(own, "赵六", "manager", "6060")
    operators.set_active(own, "赵六", False)
    assert limits_by_manager(own) == {}


def test_a_village_upgraded_from_before_0035_shows_its_puppets_limits(old):
    """刘建军 added 赵六 with the program from before; 孙七 changed the PIN 刘建军 gave her."""
    operators.add_operator(old.ctx, "赵六", "manager", "6060")
    operators.add_operator(old.ctx, "孙七", "manager", "7070")
    operators.reset_pin(old.as_("孙七", "7070"), "孙七", "7171")
    ctx = old.upgrade()
    assert said(ctx) == {"赵六": [("刘建军", "3组12号", "conflict_second_pin_known")],
                         "孙七": [("刘建军", "3组12号", "conflict_second_pin_known_own")]}
    assert limits_by_manager(ctx)["孙七"][0].words("zh") == the_counters_words(ctx, "孙七", "7171")
    township_confirms(ctx.db, "孙七")
    assert set(limits_by_manager(ctx)) == {"赵六"}
