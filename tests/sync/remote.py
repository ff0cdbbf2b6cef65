"""Records as another terminal of the village (or the township) would send them."""

from __future__ import annotations

import itertools

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record

OTHER = "terminal-2-of-qingshi"
_seq = itertools.count(1)


def account_of(db, card: str) -> tuple[str, str]:
    row = db.one("SELECT r.id AS resident_id, a.id AS account_id FROM resident r"
                 " JOIN account a ON a.household_id = r.household_id OR a.resident_id = r.id"
                 " WHERE r.card_code = ?", (card,))
    return row["account_id"], row["resident_id"]


def entry(db, card: str = "JF000001", hundredths: int = 800, **extra) -> Record:
    account_id, resident_id = account_of(db, card)
    body = {"id": new_id(), "account_id": account_id, "resident_id": resident_id, "kind": "award",
            "hundredths": hundredths, "rule_id": None, "qty": None, "claim_id": None, "sale_id": None,
            "refund_id": None, "reverses_id": None, "note": "二号机 环境清扫", "operator_id": "op-x",
            "terminal_id": OTHER, "activity_date": "2026-11-03", "at": "2026-11-03 10:00:00", **extra}
    return Record.make(body["id"], OTHER, next(_seq), "entry", body)


def hold(db, card: str = "JF000001", reason: str | None = "乡镇核查中") -> Record:
    account_id, _ = account_of(db, card)
    return Record.make(new_id(), "township", next(_seq), "hold", {"account_id": account_id, "reason": reason})


def township_rule(code: str = "xz_ljfl", points: int = 300) -> Record:
    body = {"id": "rule-" + code, "code": code, "name": "垃圾分类（乡镇统一）", "category": "环境卫生",
            "shape": "fixed", "points": points, "unit": 100, "cap": None, "cap_period": None,
            "doubles_within_days": None, "needs_review": 1, "active": 1, "created_at": "2026-11-01 08:00:00"}
    return Record.make(new_id(), "township", next(_seq), "rule", body)


def township_product(code: str = "6922222222227", price: int = 1200) -> Record:
    body = {"id": "product-" + code, "code": code, "name": "洗衣粉 1kg", "initials": "xyf", "category_id": None,
            "unit": "袋", "price": price, "reorder_level": 0, "active": 1, "created_at": "2026-11-01 08:00:00",
            "updated_at": "2026-11-01 08:00:00", "barcodes": []}
    return Record.make(new_id(), "township", next(_seq), "product", body)


def manager_confirmed(db, name: str, pin_set_id: str | None = None) -> Record:
    """The township's clerk confirms manager `name` at a PIN (by default the current one)."""
    row = db.one("SELECT id, pin_version, pin_set_id FROM operator WHERE name = ?", (name,))
    return Record.make(new_id(), "township", next(_seq), "manager_confirmed",
                       {"operator_id": row["id"], "pin_set_id": row["pin_set_id"] if pin_set_id is None else pin_set_id,
                        "pin_version": row["pin_version"], "name": name})
