"""Importing the village's lists (CSV, UTF-8 or GBK): every row checked, all or nothing.

Each row goes through the same service call as a typed entry, inside one
transaction; if any row is refused, nothing is written and every bad row is named.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable

from kiosk.core.errors import Refused
from kiosk.i18n import message
from kiosk.services import products, residents
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require

RESIDENT_COLUMNS = {
    "name": ("姓名", "name"), "house_no": ("门牌号", "house_no", "户号"),
    "relation": ("与户主关系", "关系", "relation"), "card_code": ("卡号", "card_code"),
    "id_last4": ("身份证后四位", "id_last4"), "phone": ("电话", "手机", "phone"),
}
PRODUCT_COLUMNS = {
    "name": ("名称", "商品名称", "name"), "price": ("积分", "价格", "price"),
    "barcode": ("条码", "barcode"), "category": ("分类", "category"),
    "unit": ("单位", "unit"), "reorder_level": ("预警数量", "reorder_level"),
}
REQUIRED = {"resident": ("name", "house_no"), "product": ("name", "price")}
MAX_SHOWN_ERRORS = 20


def read_table(path: Path | str) -> list[dict[str, str]]:
    """Rows of a CSV file in UTF-8 (with or without BOM) or GBK/GB18030."""
    path = Path(path)
    if not path.is_file():
        raise Refused("file_missing", path=str(path))
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise Refused("csv_encoding", path=str(path))
    if "\x00" in text:
        raise Refused("csv_encoding", path=str(path))
    return list(csv.DictReader(io.StringIO(text)))


def _mapping(header: list[str], columns: dict, required: tuple[str, ...]) -> dict[str, str]:
    found = {}
    cleaned = {h.strip().lower(): h for h in header if h}
    for field, names in columns.items():
        for name in names:
            if name.lower() in cleaned:
                found[field] = cleaned[name.lower()]
                break
    missing = [columns[f][0] for f in required if f not in found]
    if missing:
        raise Refused("csv_columns", missing="、".join(missing))
    return found


def _import(ctx: Context, path, columns, required, add_one: Callable[[dict], object]) -> int:
    rows = read_table(path)
    if not rows:
        raise Refused("csv_empty")
    mapping = _mapping(list(rows[0].keys()), columns, required)
    errors = []
    with ctx.db.write():
        for number, row in enumerate(rows, start=2):
            values = {f: (row.get(col) or "").strip() for f, col in mapping.items()}
            if not any(values.values()):
                continue  # a blank line
            try:
                with ctx.db.write():
                    add_one(values)
            except Refused as exc:
                errors.append(message("csv_row", row=number, reason=exc.message()))
        if errors:
            shown = "\n".join(errors[:MAX_SHOWN_ERRORS])
            raise Refused("csv_rows", count=len(errors), rows=shown)
    return len(rows)


def import_residents(ctx: Context, path: Path | str) -> int:
    require(ctx.actor, Action.EDIT_RESIDENTS)

    def add(values: dict) -> None:
        residents.add_resident(
            ctx, name=values.get("name", ""), house_no=values.get("house_no", ""),
            relation=values.get("relation", ""), card_code=values.get("card_code") or None,
            id_last4=values.get("id_last4") or None, phone=values.get("phone") or None)

    return _import(ctx, path, RESIDENT_COLUMNS, REQUIRED["resident"], add)


def import_products(ctx: Context, path: Path | str) -> int:
    require(ctx.actor, Action.EDIT_PRODUCTS)

    def add(values: dict) -> None:
        level = values.get("reorder_level") or "0"
        products.add_product(
            ctx, name=values.get("name", ""), price=values.get("price", ""),
            barcode=values.get("barcode") or None, category=values.get("category", ""),
            unit=values.get("unit") or "件", reorder_level=int(level) if level.isdigit() else 0)

    return _import(ctx, path, PRODUCT_COLUMNS, REQUIRED["product"], add)
