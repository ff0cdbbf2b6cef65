"""Rules have versions (issue 16): editing a rule never rewrites what was awarded under it."""

from __future__ import annotations

import json

import pytest

from kiosk.core.points import Points
from kiosk.core.rules import Shape
from kiosk.services.points import awards, claims, corrections, notice, rules
from kiosk.services.selfservice import screen as selfservice
from kiosk.services.context import SELFSERVICE
from kiosk.store import rules as rule_store
from kiosk.sync import outbox
from tests.services._points_admin import books_stay_balanced

pytestmark = pytest.mark.usefixtures(books_stay_balanced.__name__)


def test_editing_a_rule_makes_a_new_version(shop):
    assert rule_store.to_rule(rule_store.by_code(shop.db, "hjqs")).version == 1
    assert rules.edit_rule(shop, "hjqs", points=Points.parse(3)) is not None
    assert rule_store.to_rule(rule_store.by_code(shop.db, "hjqs")).version == 2


def test_old_entries_keep_the_name_and_shape_they_were_awarded_under(shop, volunteer):
    old = awards.award(shop, "JF000004", "zyfw", "4")
    waiting = awards.award(volunteer, "JF000001", "zyfw", "8")
    rules.edit_rule(shop, "zyfw", name="志愿服务（新）", shape=Shape.FIXED, unit=Measure1(),
                    cap=None, cap_period=None, points=Points.parse(2))
    new = awards.award(shop, "JF000003", "zyfw", "1")
    items = {i.id: i for i in notice.items(shop)}
    assert items[old.id].what == "志愿服务 4 小时" and items[new.id].what == "志愿服务（新）"
    listed = {e.id: e.what for e in corrections.recent_entries(shop)}
    assert listed[old.id] == "志愿服务 4 小时"
    [pending] = claims.list_claims(shop)
    assert pending.rule == "志愿服务"
    credited = claims.approve(shop, waiting.id)
    assert notice.find_item(shop, credited.entry_id).what == "志愿服务 8 小时"
    assert credited.points == Points.parse(2)                       # the points it was filed for
    history = selfservice.details(shop.as_actor(SELFSERVICE), who(shop, "JF000004")).history
    assert [h.words for h in history if h.points == Points.parse(1)] == ["志愿服务 4 小时"]
    revoked = corrections.revoke(shop, old.id, "记错了")
    assert revoked.what == "志愿服务 4 小时"
    assert notice.find_item(shop, revoked.reversal_id).what == "撤销：志愿服务 4 小时"


def test_sync_carries_the_version_an_entry_was_awarded_under(shop):
    posted = awards.award(shop, "JF000001", "hjqs")
    rules.edit_rule(shop, "hjqs", name="清扫", points=Points.parse(3))
    body = outbox.bodies(shop.db, "entry", [posted.id])[posted.id]
    assert (body["rule_version"], body["version_name"], body["version_points"], body["version_shape"]) \
        == (1, "环境清扫", 500, "fixed")
    assert json.dumps(body, ensure_ascii=False)


def Measure1():
    from kiosk.core.quantity import Measure

    return Measure(100)


def who(shop, card):
    from kiosk.services.people import residents

    return residents.resolve(shop, card)
