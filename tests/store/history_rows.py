"""A counter database with at least one row in every history table (kiosk.store.history).

The sale, its refund and the awards go through the services; the rest is written here as
plain rows (with UUIDv7 ids and journaled, as the services would), so the append-only and
synced-id tests do not depend on how each area's service is shaped."""

from __future__ import annotations

import json

from kiosk.core.ids import new_id
from kiosk.services.shop import checkout, refunds
from kiosk.store import journal
from tests.conftest import give

AT = "2026-11-03T10:00:00"


def _ids(db) -> dict[str, str]:
    one = db.scalar
    return {"op": one("SELECT id FROM operator ORDER BY rowid LIMIT 1"),
            "resident": one("SELECT id FROM resident ORDER BY rowid LIMIT 1"),
            "household": one("SELECT id FROM household ORDER BY rowid LIMIT 1"),
            "rule": one("SELECT id FROM rule ORDER BY rowid LIMIT 1"),
            "product": one("SELECT id FROM product ORDER BY rowid LIMIT 1"),
            "entry": one("SELECT id FROM entry ORDER BY rowid LIMIT 1"),
            "terminal": one("SELECT value FROM meta WHERE key = 'terminal_id'")}


ROWS = (
    ("INSERT INTO activity (id, rule_id, activity_date, note, people, recorded_by, terminal_id, at)"
     " VALUES (:activity, :rule, '2026-11-02', '清扫', 1, :op, :terminal, :at)"),
    ("INSERT INTO activity_line (activity_id, line_no, resident_id, qty, points, entry_id, claim_id)"
     " VALUES (:activity, 1, :resident, 1, 500, :entry, NULL)"),
    ("INSERT INTO activity_photo (activity_id, mime, width, height, data, sha256)"
     " VALUES (:activity, 'image/png', 1, 1, x'89504e47', :sha)"),
    ("INSERT INTO cross_sale (id, receipt, visitor_name, home_village, home_currency, card_code, total,"
     " home_total, home_balance_after, rate, entry_record, operator_id, terminal_id, at) VALUES"
     " (:cross_sale, 'X261103-01-001', '陈*玲', '桃源村', '积分', 'TY000001', 500, 500, 0, '1', :record, :op,"
     " :terminal, :at)"),
    ("INSERT INTO cross_sale_line (cross_sale_id, line_no, product_id, name, price, qty)"
     " VALUES (:cross_sale, 1, :product, '大米 5kg', 500, 1)"),
    ("INSERT INTO cross_pending (id, card_code, home_village_id, amount, receipt, lines, operator_id,"
     " terminal_id, created_at) VALUES (:cross_pending, 'TY000001', 'v-2', 500, 'X261103-01-002', :lines, :op,"
     " :terminal, :at)"),
    "INSERT INTO cross_pending_end (pending_id, outcome, code, settled_at) VALUES (:cross_pending, 'refused', 'x', :at)",
    "INSERT INTO cross_pending_asked (pending_id, asked_at) VALUES (:cross_pending, :at)",
    ("INSERT INTO delivery (id, number, source, note_no, day, operator_id, terminal_id, at)"
     " VALUES (:delivery, 'RK261103-01-900', '捐赠', '', '2026-11-03', :op, :terminal, :at)"),
    ("INSERT INTO expiry_run (id, policy, period, entries, hundredths, operator_id, terminal_id, at)"
     " VALUES (:expiry_run, 'yearly', '2025-12-31', 0, 0, :op, :terminal, :at)"),
    ("INSERT INTO household_event (id, kind, resident_id, status, terminal_id, at)"
     " VALUES (:household_event, 'leave', :resident, 'moved', :terminal, :at)"),
    ("INSERT INTO price_change (id, product_id, old_price, new_price, operator_id, at)"
     " VALUES (:price_change, :product, 5000, 4800, :op, :at)"),
    "INSERT INTO retired_card (code, resident_id, reason, retired_at) VALUES ('JF999999', :resident, '丢失', :at)",
    ("INSERT INTO year_grade (household_id, year, score, grade, perks, stored_at)"
     " VALUES (:household, 2025, 10, 'A', '', :at)"),
    ("INSERT INTO sync_reject (record_id, terminal_id, seq, type, status, reason, at)"
     " VALUES (:record, :terminal, 9, 'entry', 'rejected', '不认识', :at)"),
)


# the record types among these rows that sync (kiosk.store.bodies.SPECS)
JOURNALED = ("activity", "cross_sale", "delivery", "household_event", "price_change")


def fill_every_history_table(shop, volunteer) -> dict[str, str]:
    """Returns the ids of the rows written here, by table."""
    give(shop, "JF000001", 12)
    sale = checkout.redeem_items(volunteer, "JF000001", ["6901234567892", "6920000000012x2"])
    refunds.refund(shop, sale.receipt, "顾客退回牙膏", lines={2: 1})
    made = {name: new_id() for name in ("activity", "cross_sale", "cross_pending", "delivery", "expiry_run",
                                        "household_event", "price_change", "record")}
    names = {**_ids(shop.db), **made, "at": AT, "sha": "0" * 64, "lines": json.dumps([])}
    with shop.db.write() as conn:
        for sql in ROWS:
            conn.execute(sql, names)
        for record_type in JOURNALED:
            journal.record(conn, names["terminal"], record_type, made[record_type])
    return made
