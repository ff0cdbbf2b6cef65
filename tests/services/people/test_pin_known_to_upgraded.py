"""回避's sock puppets made before who may know a PIN was kept (migration 0036): the books' audit
rows say who made each operator and who reset whose PIN, and the upgrade fills pin_known_to from
them as the program would have, so a puppet made by the old program is no second manager either."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from kiosk.core.points import Points
from kiosk.core.rules import Rule, Shape
from kiosk.services.audit.check import run_check
from kiosk.services.context import SYSTEM, Context
from kiosk.services.people import operators, residents
from kiosk.services.points import awards, rules
from kiosk.services.setup import create as setup
from kiosk.store import migrations
from kiosk.store.bodies import plain_bodies
from tests import older_program
from tests.conftest import MANAGER_PIN
from tests.services._support import refuse
from tests.services._vouched import township_confirms
from tests.services.people.test_pin_known_to import known_to, pin_own, stamp, words_of
from tests.services.points.test_conflicts import SECOND_PIN

MINE = "JF000001"           # 王小明, of 刘建军's household 3组12号


@dataclass
class Village:
    """A village kept by the program from before 0035 (nobody's PIN known to anyone), then upgraded."""
    ctx: Context
    path: object
    before: object

    def as_(self, name: str, pin: str) -> Context:
        return self.ctx.as_actor(operators.login(self.ctx.db, name, pin, self.ctx.clock.now()))

    def upgrade(self, to: int | None = None) -> Context:
        """Open it with the program of migration `to` (this one when None)."""
        self.ctx.db.close()
        self.before.undo()
        if to is not None:
            self.before = older_program.before(to + 1, self.path.parent, self.before)
        db = migrations.open_database(self.path)
        self.ctx = Context(db, self.ctx.actor, self.ctx.clock)
        return self.ctx


@pytest.fixture
def old(tmp_path, monkeypatch, clock):
    """刘建军 (the first manager) of 3组12号 with 王小明; 王秀兰, a manager the setup made
    (nobody else chose her PIN), who changed it herself; other households need nobody."""
    before = older_program.before(35, tmp_path, monkeypatch)
    path = tmp_path / "old.sqlite"
    ctx = setup.init_village(setup.create_database(path), village="青石村", manager="刘建军",
                             pin=MANAGER_PIN, clock=clock)
    for name, house in [("王小明", "3组12号"), ("刘建军", "3组12号"), ("张桂兰", "1组8号")]:
        residents.add_resident(ctx, name=name, house_no=house)
    operators.link_resident(ctx, "刘建军", "刘建军")
    rules.add_rule(ctx, Rule("hjqs", "环境清扫", "环境卫生", Shape.FIXED, Points.parse(5)))
    operators.add_operator(ctx.as_actor(SYSTEM), "王秀兰", "manager", "8642", resident="张桂兰")
    village = Village(ctx, path, before)
    operators.reset_pin(village.as_("王秀兰", "8642"), "王秀兰", SECOND_PIN)
    operators.reset_pin(ctx, "刘建军", MANAGER_PIN)                       # his own, again
    return village


def second(ctx: Context, name: str, pin: str) -> Context:
    return operators.second_manager(ctx, name, pin)


def test_a_village_whose_managers_only_the_setup_made_is_as_it_was(old):
    ctx = old.upgrade()
    assert known_to(ctx.db, "刘建军") == set() == known_to(ctx.db, "王秀兰")
    assert ctx.db.scalar("SELECT COUNT(*) FROM journal WHERE record_type = 'manager'") == 0
    assert awards.award(second(ctx, "王秀兰", SECOND_PIN), MINE, "hjqs").status == "posted"
    assert run_check(ctx.db).problems == []


def test_a_puppet_added_before_the_upgrade_is_no_second_manager_after_it(old):
    operators.add_operator(old.ctx, "赵六", "manager", "6060")
    assert awards.award(second(old.ctx, "赵六", "6060"), MINE, "hjqs").status == "posted"   # the hole
    ctx = old.upgrade()
    assert known_to(ctx.db, "赵六") == {"刘建军"} and pin_own(ctx.db, "赵六") == 0 and stamp(ctx.db, "赵六") == ""
    exc = refuse(ctx.db, "conflict_second_pin_known", awards.award, second(ctx, "赵六", "6060"), MINE, "hjqs")
    assert words_of(exc).startswith("赵六的密码是刘建军设的或重置的，刘建军可能知道它，所以赵六不能替刘建军本户的事")
    assert "请赵六先改一次自己的密码，再请乡镇确认赵六的管理员身份" in words_of(exc)
    refuse(ctx.db, "conflict_second_needed_behind", awards.award, old.as_("赵六", "6060"), MINE, "hjqs")
    assert run_check(ctx.db).problems == []


def test_a_pin_reset_by_another_before_the_upgrade_is_known_to_whoever_reset_it(old):
    operators.reset_pin(old.ctx, "王秀兰", "5151")                     # 刘建军 now knows hers
    ctx = old.upgrade()
    assert known_to(ctx.db, "王秀兰") == {"刘建军"} and pin_own(ctx.db, "王秀兰") == 0
    refuse(ctx.db, "conflict_second_pin_known", awards.award, second(ctx, "王秀兰", "5151"), MINE, "hjqs")
    assert run_check(ctx.db).problems == []


def test_the_actors_pin_reset_by_the_second_before_the_upgrade_is_refused(old):
    operators.reset_pin(old.as_("王秀兰", SECOND_PIN), "刘建军", "5252")   # she knows his
    ctx = old.upgrade()
    assert known_to(ctx.db, "刘建军") == {"王秀兰"}
    actor = old.as_("刘建军", "5252")
    refuse(ctx.db, "conflict_actor_pin_known", awards.award, second(actor, "王秀兰", SECOND_PIN), MINE, "hjqs")


def test_a_chain_of_puppets_made_before_the_upgrade_is_followed(old):
    """刘建军 made 赵六, and 赵六 (whose PIN 刘建军 chose) made 孙七: 刘建军 may know 孙七's PIN."""
    operators.add_operator(old.ctx, "赵六", "manager", "6060")
    operators.add_operator(old.as_("赵六", "6060"), "孙七", "manager", "7171")
    ctx = old.upgrade()
    assert known_to(ctx.db, "孙七") == {"赵六", "刘建军"}
    refuse(ctx.db, "conflict_second_pin_known", awards.award, second(ctx, "孙七", "7171"), MINE, "hjqs")


def test_a_later_reset_by_another_replaces_who_knew(old):
    """Replayed in order: 刘建军 made 赵六, then 王秀兰 reset 赵六's PIN: only she may know it now."""
    operators.add_operator(old.ctx, "赵六", "manager", "6060")
    operators.reset_pin(old.as_("王秀兰", SECOND_PIN), "赵六", "6161")
    ctx = old.upgrade()
    assert known_to(ctx.db, "赵六") == {"王秀兰"}
    assert awards.award(second(ctx, "赵六", "6161"), MINE, "hjqs").status == "posted"


def test_ones_own_change_before_the_upgrade_keeps_who_knew_and_the_township_may_confirm_it(old):
    """赵六 changed the PIN 刘建军 gave her: still known to him (nobody can tell who typed it), but
    her own, stamped, and sent to the township, whose clerk confirms it: then she is a second manager."""
    operators.add_operator(old.ctx, "赵六", "manager", "6060")
    operators.reset_pin(old.as_("赵六", "6060"), "赵六", "6161")
    ctx = old.upgrade()
    assert known_to(ctx.db, "赵六") == {"刘建军"} and pin_own(ctx.db, "赵六") == 1 and stamp(ctx.db, "赵六") != ""
    journaled = {r[0] for r in ctx.db.all("SELECT o.name FROM journal j JOIN operator o ON o.id = j.record_id"
                                           " WHERE j.record_type = 'manager'")}
    assert journaled == {"赵六", "刘建军"}         # the township hears of her, and of who may know her PIN
    exc = refuse(ctx.db, "conflict_second_pin_known_own", awards.award, second(ctx, "赵六", "6161"), MINE, "hjqs")
    assert "请乡镇核实后确认赵六的管理员身份（不用再改密码）" in words_of(exc)   # not "change it once more"
    township_confirms(ctx.db, "赵六")
    assert known_to(ctx.db, "赵六") == set()
    assert awards.award(second(ctx, "赵六", "6161"), MINE, "hjqs").status == "posted"
    assert run_check(ctx.db).problems == []


def test_a_puppet_whose_pin_is_still_the_one_given_waits_for_its_own_change(old):
    """The clerk's confirmation waits for the manager's own change after the upgrade, as for anyone."""
    operators.add_operator(old.ctx, "赵六", "manager", "6060")
    ctx = old.upgrade()
    township_confirms(ctx.db, "赵六")
    assert known_to(ctx.db, "赵六") == {"刘建军"}
    operators.reset_pin(old.as_("赵六", "6060"), "赵六", "6161")
    township_confirms(ctx.db, "赵六")
    assert awards.award(second(ctx, "赵六", "6161"), MINE, "hjqs").status == "posted"


def test_a_counter_that_ran_0035_before_keeps_the_townships_confirmations_and_gets_the_rest(old):
    """0035 ran alone first: 赵六 (刘建军's puppet from before) made 孙七 since, known to 赵六 only;
    吴八, whom 刘建军 made since, changed her PIN herself and the township confirmed her. 0036 adds
    刘建军 behind 赵六 and 孙七 and leaves 吴八 confirmed."""
    operators.add_operator(old.ctx, "赵六", "manager", "6060")
    ctx = old.upgrade(to=35)
    operators.add_operator(old.as_("赵六", "6060"), "孙七", "manager", "7171")
    operators.add_operator(ctx, "吴八", "manager", "8181")
    operators.reset_pin(old.as_("吴八", "8181"), "吴八", "8282")
    assert known_to(ctx.db, "吴八") == {"刘建军"}
    township_confirms(ctx.db, "吴八")
    assert known_to(ctx.db, "孙七") == {"赵六"} and known_to(ctx.db, "吴八") == set()
    ctx = old.upgrade()
    assert known_to(ctx.db, "赵六") == {"刘建军"} and known_to(ctx.db, "孙七") == {"赵六", "刘建军"}
    assert known_to(ctx.db, "吴八") == set()
    refuse(ctx.db, "conflict_second_pin_known", awards.award, second(ctx, "孙七", "7171"), MINE, "hjqs")
    assert awards.award(second(ctx, "吴八", "8282"), MINE, "hjqs").status == "posted"
    assert run_check(ctx.db).problems == []


def test_a_puppet_from_before_whose_pin_was_changed_in_its_name_under_0035_is_still_his(old):
    """刘建军 chose 周兰's PIN before 0035; on the counter at 0035 he logged in as her and changed it
    ("her own" change keeps who may know it, and 0035 had taken nobody to know it): no township
    confirmation could empty a list that was empty already, so 0036 finds him behind her all the same."""
    operators.add_operator(old.ctx, "周兰", "manager", "8181")
    ctx = old.upgrade(to=35)
    operators.reset_pin(old.as_("周兰", "8181"), "周兰", "8282")
    township_confirms(ctx.db, "周兰")
    assert known_to(ctx.db, "周兰") == set() and pin_own(ctx.db, "周兰")
    ctx = old.upgrade()
    assert known_to(ctx.db, "周兰") == {"刘建军"}
    refuse(ctx.db, "conflict_second_pin_known_own", awards.award, second(ctx, "周兰", "8282"), MINE, "hjqs")
    township_confirms(ctx.db, "周兰")              # her PIN now is her own: the clerk may confirm it as it is
    assert awards.award(second(ctx, "周兰", "8282"), MINE, "hjqs").status == "posted"
    assert run_check(ctx.db).problems == []


def test_the_township_hears_each_changed_manager_with_who_may_know_his_pin(old):
    operators.add_operator(old.ctx, "赵六", "manager", "6060")
    ctx = old.upgrade()
    zhao = ctx.db.scalar("SELECT id FROM operator WHERE name = '赵六'")
    body = plain_bodies(ctx.db, "manager", [zhao])[zhao]
    assert "pin_hash" not in body and json.loads(body["pin_known_to"]) == [ctx.actor.operator_id]
