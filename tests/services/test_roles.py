"""Roles are checked in the services: volunteers and the self-service screen are limited."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from kiosk.core.cart import Cart
from kiosk.core.points import Points
from kiosk.core.rules import Rule, Shape
from kiosk.services.people import operators, residents
from kiosk.services.points import awards, balances, claims, rules
from kiosk.services.setup import imports, settings
from kiosk.services.shop import checkout, products, refunds
from kiosk.services.stock import movements as stock
from kiosk.services.context import SELFSERVICE
from tests.services._support import assert_english, balance_of, refuse

NEW_RULE = Rule("jzfp", "捐资扶贫", "公益", Shape.FIXED, Points.parse(3))


def _cart(ctx):
    soap = products.resolve(ctx, "香皂")
    cart = Cart()
    cart.add(soap.id, soap.name, soap.price, 1)
    return cart


def _residents_csv() -> Path:
    path = Path(tempfile.mkdtemp()) / "residents.csv"
    path.write_text("姓名,门牌号\n赵六,9组2号\n", encoding="utf-8")
    return path


MANAGER_ONLY = {
    "adjust_points": lambda c, s: awards.adjust(c, "JF000001", "5", "补记"),
    "add_rule": lambda c, s: rules.add_rule(c, NEW_RULE),
    "retire_rule": lambda c, s: rules.retire_rule(c, "hjqs"),
    "add_product": lambda c, s: products.add_product(c, name="酱油", price=8),
    "approve_claim": lambda c, s: claims.approve(c, s.claim_id),
    "reject_claim": lambda c, s: claims.reject(c, s.claim_id, "照片不清楚"),
    "refund": lambda c, s: refunds.refund(c, s.receipt, "顾客退货"),
    "adjust_stock": lambda c, s: stock.adjust(c, "香皂", "-1", "受潮"),
    "take_stock": lambda c, s: stock.take(c, "香皂", 25),
    "add_operator": lambda c, s: operators.add_operator(c, "王大锤", "volunteer", "1234"),
    "add_resident": lambda c, s: residents.add_resident(c, name="王小二", house_no="3组12号"),
    "add_household": lambda c, s: residents.add_household(c, "9组1号"),
    "set_resident_pin": lambda c, s: residents.set_pin(c, "JF000001", "1357"),
    "change_settings": lambda c, s: settings.change(c, {"receipt_footer": "谢谢"}),
    "import_residents": lambda c, s: imports.import_residents(c, _residents_csv()),
}
VOLUNTEER_MAY = {
    "award": lambda c, s: awards.award(c, "JF000001", "hjqs"),
    "redeem_items": lambda c, s: checkout.redeem_items(c, "JF000001", ["香皂"]),
    "redeem": lambda c, s: checkout.redeem(c, "JF000001", _cart(c)),
    "receive": lambda c, s: stock.receive(c, "香皂", 10),
}
EVERY_MUTATION = {**MANAGER_ONLY, **VOLUNTEER_MAY}


@pytest.mark.parametrize("name", sorted(MANAGER_ONLY))
def test_volunteer_is_refused_a_managers_action(volunteer, scene, name):
    exc = refuse(volunteer.db, "not_allowed", MANAGER_ONLY[name], volunteer, scene)
    zh = exc.message("zh")
    assert "张晓燕" in zh and "志愿者" in zh
    assert_english(exc)


@pytest.mark.parametrize("name", sorted(EVERY_MUTATION))
def test_selfservice_screen_cannot_change_anything(shop, scene, name):
    kiosk_screen = shop.as_actor(SELFSERVICE)
    exc = refuse(shop.db, "not_allowed", EVERY_MUTATION[name], kiosk_screen, scene)
    assert "自助查询" in exc.message("zh")
    assert_english(exc)


def test_selfservice_screen_can_read(shop, scene):
    kiosk_screen = shop.as_actor(SELFSERVICE)
    standing = balances.standing(kiosk_screen, "JF000001")
    assert standing.balance == Points.parse(24)


def assert_done_and_audited(ctx, scene, action) -> None:
    """The action goes through and leaves audit rows in the actor's name (invariant 9)."""
    last = ctx.db.scalar("SELECT MAX(seq) FROM audit")
    action(ctx, scene)
    by = [row["operator_id"] for row in ctx.db.all("SELECT operator_id FROM audit WHERE seq > ?", (last,))]
    assert by and set(by) == {ctx.actor.operator_id}


@pytest.mark.parametrize("name", sorted(MANAGER_ONLY))
def test_manager_may_do_it(shop, scene, name):
    assert_done_and_audited(shop, scene, MANAGER_ONLY[name])


@pytest.mark.parametrize("name", sorted(VOLUNTEER_MAY))
def test_volunteer_may_sell_receive_and_file(volunteer, scene, name):
    assert_done_and_audited(volunteer, scene, VOLUNTEER_MAY[name])


def test_volunteer_award_is_a_pending_claim_until_a_manager_approves(shop, volunteer):
    entries = shop.db.scalar("SELECT COUNT(*) FROM entry")
    filed = awards.award(volunteer, "JF000004", "hjqs")
    assert filed.status == "pending" and filed.balance_after is None
    assert shop.db.scalar("SELECT COUNT(*) FROM entry") == entries
    assert balance_of(shop, "JF000004") == 0
    row = shop.db.one("SELECT * FROM claim WHERE id = ?", (filed.id,))
    assert row["status"] == "pending" and row["points"] == 500 and row["entry_id"] is None
    assert row["filed_by"] == volunteer.actor.operator_id

    approved = claims.approve(shop, filed.id)
    assert approved.status == "approved"
    row = shop.db.one("SELECT * FROM claim WHERE id = ?", (filed.id,))
    assert row["decided_by"] == shop.actor.operator_id and row["entry_id"]
    entry = shop.db.one("SELECT * FROM entry WHERE id = ?", (row["entry_id"],))
    assert entry["claim_id"] == filed.id and entry["hundredths"] == 500
    assert entry["operator_id"] == shop.actor.operator_id
    assert balance_of(shop, "JF000004") == 500


def test_filer_cannot_approve_own_claim_even_as_manager(shop, volunteer):
    from kiosk.services.context import Actor, Role

    filed = awards.award(volunteer, "JF000004", "hjqs")
    promoted = shop.as_actor(Actor("张晓燕", Role.MANAGER, volunteer.actor.operator_id))
    exc = refuse(shop.db, "claim_own", claims.approve, promoted, filed.id)
    assert_english(exc)
    refuse(shop.db, "claim_own", claims.reject, promoted, filed.id, "不算")
    claims.approve(shop, filed.id)  # a different manager may
    assert balance_of(shop, "JF000004") == 500


def test_managers_award_posts_at_once(shop):
    posted = awards.award(shop, "JF000004", "hjqs")
    assert posted.status == "posted" and posted.balance_after == Points.parse(5)
    assert shop.db.scalar("SELECT COUNT(*) FROM claim") == 0
