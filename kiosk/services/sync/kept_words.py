"""A refused record in a manager's words: what it is, whose, when, and why it came back."""

from __future__ import annotations

from kiosk.core.kinds import entry_words, stock_words
from kiosk.core.points import Points
from kiosk.i18n import _, message, word
from kiosk.messages.sync import TYPE_WORDS
from kiosk.store import kept_records
from kiosk.store.db import Database


def type_words(record_type: str) -> str:
    return word(TYPE_WORDS, record_type) if record_type in TYPE_WORDS else record_type


def reason_code(refusal: str, reason: str) -> str:
    """The township answers in words (kiosk/township/words.py); find which refusal it was."""
    text = reason.lower()
    if "checksum" in text or "校验" in reason:
        return "reject_bad_hash"
    if "account or amount" in text or "缺少账户" in reason:
        return "reject_bad_entry"
    if refusal == "conflict" or "differ" in text or "内容不同" in reason:
        return "reject_conflict"
    return "reject_other"


def why_words(refusal: str, reason: str) -> str:
    return message(reason_code(refusal, reason), reason=reason or _("（没有说明）"))


def _holder(db: Database, resident_id: str | None, account_id: str | None) -> str:
    if resident_id:
        name = kept_records.resident_name(db, resident_id)
        if name:
            return name
    row = kept_records.account_holder(db, account_id) if account_id else None
    if row is None:
        return _("（不明）")
    if row["resident_id"]:
        return _holder(db, row["resident_id"], None)
    return _("{house_no} 户").format(house_no=row['house_no'])


def _product(db: Database, product_id: str) -> str:
    return kept_records.product_name(db, product_id) or _("（不明商品）")


def _goods(db: Database, sale_id: str) -> str:
    lines = kept_records.sale_lines(db, sale_id)
    shown = _("、").join(f"{line['name']} ×{line['qty']}" for line in lines[:3])
    return shown + (_(" 等") if len(lines) > 3 else "")


def _points(hundredths: int) -> str:
    shown = Points(hundredths).signed()
    return _("{shown} 分").format(shown=shown)


def describe(db: Database, record_type: str, record_id: str | None) -> tuple[str, str]:
    """(what, when made) for a local record; a record no longer here says so."""
    row = _row(db, record_type, record_id)
    if row is None:
        return _("（本机已找不到原记录）"), ""
    made = _when(row)
    if record_type == "entry":
        what = f"{_holder(db, row['resident_id'], row['account_id'])} {entry_words(row['kind'])} " \
               f"{_points(row['hundredths'])}"
    elif record_type == "sale":
        who, goods = _holder(db, row["resident_id"], row["account_id"]), _goods(db, row["id"])
        what = _("{who} 换 {goods}，共 {value} 分（小票 {receipt}）").format(who=who, goods=goods, value=Points(row['total']), receipt=row['receipt'])
    elif record_type == "refund":
        what = _("退货，退回 {value} 分：{reason}").format(value=Points(row['total']), reason=row['reason'])
    elif record_type == "stock_move":
        what = f"{_product(db, row['product_id'])} {stock_words(row['kind'])} {row['qty']:+d}"
    elif record_type in ("product", "product_picture"):
        what = _product(db, row["id"] if record_type == "product" else row["product_id"])
    elif record_type == "price_change":
        what = _("{value} 从 {value2} 分改为 {value3} 分").format(value=_product(db, row['product_id']), value2=Points(row['old_price']), value3=Points(row['new_price']))
    elif record_type in ("resident", "account", "claim", "household_event"):
        what = _holder(db, row["resident_id"] if record_type != "resident" else row["id"],
                       row["id"] if record_type == "account" else None)
        if record_type == "claim":
            what += f" {_points(row['points'])}"
    elif record_type == "household":
        what = _("{house_no} 户").format(house_no=row['house_no'])
    elif record_type == "rule":
        what = row["name"]
    else:
        what = type_words(record_type)
    return what, made


def _row(db: Database, record_type: str, record_id: str | None):
    if record_id is None or record_type not in TYPE_WORDS:
        return None
    return kept_records.row_of(db, record_type, record_id)


def _when(row) -> str:
    keys = row.keys()
    for name in ("at", "filed_at", "recorded_at", "updated_at", "created_at"):
        if name in keys and row[name]:
            return str(row[name])[:16]
    return ""
