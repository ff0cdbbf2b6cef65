"""规则与兑换 → 商品和价格: a shared product, or a new price for one, checked and previewed per village.

A new product, or a new name or unit, publishes a `product` record; only a new price, a
`price` record. Each village's own goods are never changed: a code one of them uses is refused.
"""

from __future__ import annotations

from kiosk.core.ids import new_id
from kiosk.core.names import initials
from kiosk.core.points import Points
from kiosk.township.console import catalogue
from kiosk.township.console.checks import (
    GOODS_CODE,
    Checked,
    effective_day,
    points_field,
    text_field,
    villages_and_own,
    when,
)
from kiosk.township.console.words import say
from kiosk.township.store import Store

MOST_PRICE = Points(100_000_00)


def check_goods(store: Store, form: dict, lang: str) -> Checked:
    checked = Checked()
    errors = checked.errors
    code = str(form.get("code") or "").strip()
    if not GOODS_CODE.fullmatch(code):
        errors["code"] = say("goods_code_bad", lang)
    name = text_field(form, "name", 30, lang, errors, empty="required_goods_name")
    unit = text_field({"unit": form.get("unit") or "件"}, "unit", 6, lang, errors, empty="required_goods_unit")
    price = points_field(form, "price", lang, errors)
    if "price" not in errors and not 0 < price.hundredths <= MOST_PRICE.hundredths:
        errors["price"] = say("price_bad", lang, most=str(MOST_PRICE))
    day = effective_day(store, form, lang, errors)
    villages, own = villages_and_own(store, catalogue.village_goods, code, "goods_code_taken", lang, errors)
    if errors:
        return checked
    before = catalogue.township_goods(store).get(code)
    record = _record(store, before, code, name, unit, price, day)
    if record is None:
        errors["price"] = say("nothing_changed", lang, name=name)
        return checked
    for village in villages:
        checked.preview.extend(_goods_change(village["name"], own[village["id"]], before, name, unit, price, day,
                                             lang))
    checked.records = [record]
    checked.audit = {"goods": name, "code": code, "price": str(price), "unit": unit, "from": when(day, lang)}
    checked.summary = f"{name} · {price}/{unit} · {when(day, lang)}"
    return checked


def _record(store: Store, before: dict | None, code: str, name: str, unit: str, price: Points,
            day: str | None) -> tuple[str, dict, None] | None:
    if before and (before.get("name"), before.get("unit")) == (name, unit):
        if before.get("price") == price.hundredths:
            return None
        return ("price", {"product_id": before["id"], "code": code, "price": price.hundredths,
                          "effective_from": day}, None)
    now = store.now_text()
    body = {"id": before["id"] if before else new_id(), "code": code, "name": name, "initials": initials(name),
            "category_id": None, "unit": unit, "price": price.hundredths, "reorder_level": 0, "active": 1,
            "created_at": before.get("created_at", now) if before else now, "updated_at": now,
            "barcodes": [code] if code.isdigit() else [], "owner": "township", "effective_from": day}
    return ("product", body, None)


def _goods_change(village: str, own: list[dict], before: dict | None, name: str, unit: str, price: Points,
                  day: str | None, lang: str) -> list[dict]:
    if before:
        text = say("pv_goods_changed", lang, name=name, unit=unit, old=str(Points(int(before.get("price") or 0))),
                   new=str(price), when=when(day, lang))
    else:
        text = say("pv_goods_new", lang, name=name, unit=unit, price=str(price), when=when(day, lang))
    lines = [{"village": village, "text": text, "warn": False}]
    for same in (b for b in own if b.get("name") == name and b.get("active", 1)):
        lines.append({"village": village, "warn": True, "text": say(
            "pv_goods_same_name", lang, name=name, unit=same.get("unit") or "", price=str(Points(int(same["price"]))))})
    return lines
