"""One row of a goods list: a new product, or an update of the one with that barcode.

A row whose barcode (or in-store code) the shop already has updates that product
through the same `catalogue.edit` a manager uses, so a price change keeps its
history and old receipts keep the price they were sold at. Columns the file does not
have keep the product's own values. A category must be one the shop already has
(a misspelt one would otherwise quietly become a new category).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.core.barcodes import looks_like_barcode, normalise
from kiosk.core.errors import Refused
from kiosk.core.names import clean_name, normalise_text
from kiosk.i18n import _
from kiosk.services.shop import catalogue, catalogue_measure, catalogue_pictures, limits
from kiosk.services.context import Context
from kiosk.store import catalogue as catalogue_store
from kiosk.store import goods as store

ADD, UPDATE, SAME = "add", "update", "same"
FORM_FIELDS = ("name", "price", "category", "unit", "pinyin", "reorder_level", "step", "limit", "per")
SHOWN_FIELDS = ("name", "price", "category", "unit", "reorder_level", "barcodes", "step", "limit", "per")
MAX_KNOWN_SHOWN = 12


@dataclass(frozen=True)
class Outcome:
    code: str                  # the product's code
    action: str                # ADD, UPDATE or SAME
    changes: str = ""          # "价格 50 → 55；名称 大米 → 大米 5kg"


class RowAdder:
    """Adds or updates rows one by one; remembers barcodes seen and the shop's categories."""

    def __init__(self, ctx: Context, folder: Path | None = None) -> None:
        self.ctx = ctx
        self.folder = folder or Path(".")     # where a 图片 column's file names are found
        self.first_row: dict[str, int] = {}
        self.categories = store.category_names(ctx.db)   # as they were before this import

    def __call__(self, row: int, values: dict) -> Outcome:
        barcode = values.get("barcode") or None
        extras = tuple((values.get("extra_barcodes") or "").replace(",", " ").split())
        for code in (barcode, *extras):
            if code:
                self._refuse_twice(code, row)
        self._refuse_unknown_category(values)
        picture = self._picture(values)
        existing = _existing(self.ctx, barcode)
        if existing is None:
            return self._add(values, barcode, extras, picture)
        return self._update(existing["id"], values, extras, picture)

    def _picture(self, values: dict) -> catalogue_pictures.Picture | None:
        name = (values.get("picture") or "").strip()
        return catalogue_pictures.prepare(self.folder / name) if name else None

    def _add(self, values: dict, barcode: str | None, extras: tuple[str, ...],
             picture: catalogue_pictures.Picture | None) -> Outcome:
        form = catalogue.ProductForm(
            name=values.get("name", ""), price=values.get("price", ""),
            category=values.get("category", ""), unit=values.get("unit") or "件",
            pinyin=values.get("pinyin", ""), reorder_level=values.get("reorder_level") or "0",
            extra_barcodes=extras, step=values.get("step") or "1", limit=values.get("limit") or "",
            per=values.get("per") or "month")
        created = catalogue.create(self.ctx, form, barcode=barcode, picture=picture)
        return Outcome(created.product.code, ADD)

    def _update(self, product_id: str, values: dict, extras: tuple[str, ...],
                picture: catalogue_pictures.Picture | None) -> Outcome:
        current = catalogue.detail(self.ctx, product_id)
        form = _form_for(current, values, extras)
        catalogue_measure.refuse_step_change(self.ctx, current.product, form.step)
        before, after = catalogue.fields_of(current), catalogue.checked(current, form)
        changed = [k for k in SHOWN_FIELDS if after[k] != before[k]]
        old_picture = catalogue_store.picture_hash(self.ctx.db, product_id) or ""
        if picture is not None and old_picture != picture.sha256:
            changed.append("picture")
            before["picture"], after["picture"] = _("旧图") if old_picture else "", _("新图")
        if not changed and after["pinyin"] == before["pinyin"]:
            return Outcome(current.product.code, SAME)
        catalogue.edit(self.ctx, product_id, form, picture if "picture" in changed else None)
        return Outcome(current.product.code, UPDATE, _changes_text(before, after, changed))

    def _refuse_twice(self, code: str, row: int) -> None:
        try:
            key = normalise(code) if looks_like_barcode(code) else code
        except Refused:
            return                        # a wrong check digit: the row's own check says so
        if key in self.first_row and self.first_row[key] != row:
            raise Refused("import_duplicate_barcode", code=code, first=self.first_row[key])
        self.first_row.setdefault(key, row)

    def _refuse_unknown_category(self, values: dict) -> None:
        text = values.get("category", "")
        if not normalise_text(text) or not self.categories:
            return                        # no category, or a new shop's first list
        name = clean_name(text, "category")
        if name in self.categories:
            return
        nearest = difflib.get_close_matches(name, self.categories, n=1, cutoff=0.3)
        if nearest:
            raise Refused("import_category_unknown", category=name, nearest=nearest[0])
        raise Refused("import_category_unknown_none", category=name,
                      known="、".join(self.categories[:MAX_KNOWN_SHOWN]))


def _existing(ctx: Context, barcode: str | None):
    """The product that already has this barcode or in-store code, or None."""
    if not barcode:
        return None
    row = store.product_by_code(ctx.db, barcode.strip())
    if row is None and looks_like_barcode(barcode):
        row = store.product_by_code(ctx.db, normalise(barcode))
    return row


def _form_for(current: catalogue.ProductDetail, values: dict,
              extras: tuple[str, ...]) -> catalogue.ProductForm:
    """The product's own form with what the row has; an empty unit keeps the product's."""
    given = {k: values[k] for k in FORM_FIELDS if k in values}
    for kept in ("unit", "step"):          # an empty cell keeps the product's own
        if not given.get(kept):
            given.pop(kept, None)
    if "per" in given and not given["per"]:
        given["per"] = "month"
    if "reorder_level" in given and not given["reorder_level"]:
        given["reorder_level"] = "0"
    if "extra_barcodes" in values:
        given["extra_barcodes"] = extras
    return replace(current.form(), **given)


def _changes_text(before: dict, after: dict, changed: list[str]) -> str:
    parts = []
    for key in changed:
        old, new = before[key], after[key]
        if key == "barcodes":
            old, new = " ".join(old) or "—", " ".join(new) or "—"
        if key == "per":
            old, new = (_(limits.PERIODS[v]) if v in limits.PERIODS else v for v in (old, new))
        parts.append(_("{field} {old} → {new}").format(
            field=catalogue.changed_words([key]), old=old if old != "" else "—",
            new=new if new != "" else "—"))
    return _("；").join(parts) if parts else _("拼音")
