"""What the township publishes reaches the counter: from its effective date, by version, 同值化."""

from __future__ import annotations

from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.services.points import rules
from kiosk.sync import apply
from kiosk.sync.wire import Record
from tests.conftest import KEEPING, chain_length, fingerprint, kept_only_as_received, give
from tests.services._support import refuse
from tests.sync import remote

AT = "2026-11-03 10:05:00"


def _rule(version: int, points: int, effective_from: str | None = None) -> Record:
    made = remote.township_rule(points=points)
    body = {**made.body, "version": version, **({"effective_from": effective_from} if effective_from else {})}
    return Record.make(made.id, made.terminal_id, made.seq, made.type, body)


def _mapping(village_rule_id: str, township_rule_id: str = "rule-xz_ljfl", terminal: str = "township",
             effective_from: str = "2026-11-03") -> Record:
    return Record.make(new_id(), terminal, 9000, "rule_mapping",
                       {"village_rule_id": village_rule_id, "village_rule_code": "hjqs",
                        "township_rule_id": township_rule_id, "township_rule_code": "xz_ljfl",
                        "effective_from": effective_from})


def _points(shop, code: str) -> int | None:
    return shop.db.scalar("SELECT points FROM rule WHERE code = ?", (code,))


def test_a_rule_published_for_a_later_day_waits_for_that_day(shop):
    apply.apply_page(shop.db, [_rule(1, 300, "2026-11-10")], "1", AT)
    assert _points(shop, "xz_ljfl") is None                                      # pulled, kept, not yet
    apply.apply_page(shop.db, [], "1", "2026-11-09 23:59:00")
    assert _points(shop, "xz_ljfl") is None
    apply.apply_page(shop.db, [], "1", "2026-11-10 07:00:00")                    # the next sync on its day
    assert _points(shop, "xz_ljfl") == 300


def test_a_counter_that_has_not_synced_applies_what_is_due_on_its_own(shop):
    apply.apply_page(shop.db, [_rule(1, 300, "2026-11-10")], "1", AT)
    statements: list[str] = []
    shop.db.conn.set_trace_callback(statements.append)
    try:
        assert apply.apply_due(shop.db, "2026-11-04") == 0 and _points(shop, "xz_ljfl") is None
    finally:
        shop.db.conn.set_trace_callback(None)
    assert not any(sql.startswith("BEGIN") for sql in statements)    # nothing due yet: no write
    assert apply.apply_due(shop.db, "2026-11-10") == 1 and _points(shop, "xz_ljfl") == 300


def test_a_new_version_changes_the_terms_and_an_older_one_arriving_late_changes_nothing(shop):
    apply.apply_page(shop.db, [_rule(2, 500, "2026-11-01")], "1", AT)
    apply.apply_page(shop.db, [_rule(1, 300, "2026-10-01")], "2", AT)
    row = shop.db.one("SELECT points, version FROM rule WHERE code = 'xz_ljfl'")
    assert (row["points"], row["version"]) == (500, 2)
    found = {c.rule.code: c for c in rules.catalogue(shop)}["xz_ljfl"]
    assert found.origin() == "乡镇发布，2026-11-01起执行（第 2 版）"


def test_a_mapping_stops_the_village_rule_and_keeps_its_history(shop):
    give(shop, "JF000001", 2)
    village_rule = shop.db.one("SELECT id, version FROM rule WHERE code = 'hjqs'")
    entries = shop.db.all("SELECT * FROM entry WHERE rule_id = ? ORDER BY id", (village_rule["id"],))
    apply.apply_page(shop.db, [_rule(1, 300), _mapping(village_rule["id"])], "2", AT)
    row = shop.db.one("SELECT active, version, points FROM rule WHERE code = 'hjqs'")
    assert (row["active"], row["version"], row["points"]) == (0, village_rule["version"], 500)
    assert [dict(e) for e in shop.db.all("SELECT * FROM entry WHERE rule_id = ? ORDER BY id",
                                         (village_rule["id"],))] == [dict(e) for e in entries]
    found = {c.rule.code: c for c in rules.catalogue(shop)}["hjqs"]
    assert found.replaced_by == "垃圾分类（乡镇统一）" and "同值化" in found.origin()
    refuse(shop.db, "rule_replaced", rules.edit_rule, shop, "hjqs", points=Points.parse(6))


def test_a_mapping_that_comes_before_its_township_rule_waits_for_it(shop):
    village_rule = shop.db.scalar("SELECT id FROM rule WHERE code = 'hjqs'")
    apply.apply_page(shop.db, [_mapping(village_rule)], "1", AT)
    assert shop.db.scalar("SELECT active FROM rule WHERE code = 'hjqs'") == 1
    apply.apply_page(shop.db, [_rule(1, 300)], "2", AT)
    assert shop.db.scalar("SELECT active FROM rule WHERE code = 'hjqs'") == 0


def test_a_mapping_from_another_counter_is_never_applied(shop):
    village_rule = shop.db.scalar("SELECT id FROM rule WHERE code = 'hjqs'")
    apply.apply_page(shop.db, [_rule(1, 300)], "1", AT)
    before, chained = fingerprint(shop.db, skip=KEEPING), chain_length(shop.db)
    apply.apply_page(shop.db, [_mapping(village_rule, terminal=remote.OTHER)], "2", AT)
    assert fingerprint(shop.db, skip=KEEPING) == before
    assert kept_only_as_received(shop.db, chained)


def test_a_usb_reply_brings_the_township_rule_and_its_mapping_from_their_day(shop, township, tmp_path):
    from datetime import datetime

    from kiosk.sync import usb

    village_rule = shop.db.scalar("SELECT id FROM rule WHERE code = 'hjqs'")
    township.publish([_rule(1, 300, "2026-11-10"), _mapping(village_rule, effective_from="2026-11-10")])
    reply = township.reply_bundle(tmp_path / "reply.zip", high_water=0)
    done = usb.import_reply(shop.db, reply, datetime(2026, 11, 3, 18, 0))
    assert done.received == 2 and done.applied == 0
    assert _points(shop, "xz_ljfl") is None and shop.db.scalar("SELECT active FROM rule WHERE code = 'hjqs'") == 1
    assert apply.apply_due(shop.db, "2026-11-10") == 2
    assert _points(shop, "xz_ljfl") == 300 and shop.db.scalar("SELECT active FROM rule WHERE code = 'hjqs'") == 0


def test_a_new_township_price_waits_for_its_day(shop):
    apply.apply_page(shop.db, [remote.township_product(price=1200)], "1", AT)
    price = Record.make(new_id(), "township", 9100, "price", {"code": "6922222222227", "price": 1500,
                                                             "effective_from": "2026-11-10"})
    apply.apply_page(shop.db, [price], "2", AT)
    assert shop.db.scalar("SELECT price FROM product WHERE code = '6922222222227'") == 1200
    apply.apply_page(shop.db, [], "2", "2026-11-10 08:00:00")
    assert shop.db.scalar("SELECT price FROM product WHERE code = '6922222222227'") == 1500


def test_an_award_keeps_the_township_rule_version_it_was_given_under(shop):
    from kiosk.services.points import awards

    apply.apply_page(shop.db, [_rule(1, 300)], "1", AT)
    first = awards.award(shop, "JF000001", "xz_ljfl")
    apply.apply_page(shop.db, [_rule(2, 500)], "2", AT)
    second = awards.award(shop, "JF000001", "xz_ljfl")
    rows = shop.db.all("SELECT hundredths, rule_version, version_points FROM entry WHERE id IN (?, ?)"
                       " ORDER BY hundredths", (first.id, second.id))
    assert [tuple(r) for r in rows] == [(300, 1, 300), (500, 2, 500)]
