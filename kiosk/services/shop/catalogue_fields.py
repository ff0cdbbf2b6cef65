"""The product form: what a manager fills in, checked, and what a product shows back."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.barcodes import normalise
from kiosk.core.names import clean_label_name, clean_name, initials, normalise_text
from kiosk.core.points import Points
from kiosk.services.shop import catalogue_measure, products
from kiosk.services.shop.products import Product
from kiosk.i18n import N_, _

# The form's fields as a manager reads them, for "changed: price, picture".
FIELD_WORDS = {"name": N_("名称"), "pinyin": N_("拼音"), "category": N_("分类"),
               "unit": N_("单位"), "price": N_("价格"),
               "reorder_level": N_("预警数量"), "barcodes": N_("其他条码"),
               "picture": N_("图片"), "step": N_("计量步长"), "limit": N_("限购"),
               "per": N_("限购周期")}


def changed_words(changed) -> str:
    """'名称、价格' / 'name, price': what an edit changed, in the reader's language."""
    return _("、").join(_(FIELD_WORDS[key]) for key in changed)


@dataclass(frozen=True)
class ProductForm:
    """What a manager fills in; text as typed, checked by `create` and `edit`."""
    name: str
    price: object
    category: str = ""
    unit: str = "件"
    pinyin: str = ""               # empty: made from the name
    reorder_level: object = 0
    extra_barcodes: tuple[str, ...] = ()
    step: object = "1"             # '0.1': weighed (kiosk.core.weighed); '1': whole pieces
    limit: object = ""             # 限购 per household, in units; '' or '0': none
    per: object = "month"          # week | month (周 / 月)


@dataclass(frozen=True)
class PriceChange:
    old: Points
    new: Points
    at: str
    operator: str


@dataclass(frozen=True)
class ProductDetail:
    product: Product
    extra_barcodes: tuple[str, ...]
    prices: tuple[PriceChange, ...]
    picture: bytes | None
    limit: int | None = None       # 限购 in steps
    per: str | None = None         # week | month

    def form(self) -> ProductForm:
        p = self.product
        measure = catalogue_measure.fields(p.scale, self.limit, self.per)
        return ProductForm(p.name, str(p.price), p.category, p.unit, p.initials,
                           p.reorder_level, self.extra_barcodes, measure["step"], measure["limit"],
                           measure["per"] or "month")


def fields_of(current: ProductDetail) -> dict:
    p = current.product
    return {"name": p.name, "pinyin": p.initials, "category": p.category, "unit": p.unit,
            "price": str(p.price), "reorder_level": p.reorder_level,
            "barcodes": sorted(current.extra_barcodes),
            **catalogue_measure.fields(p.scale, current.limit, current.per)}


def checked(current: ProductDetail, form: ProductForm) -> dict:
    """The form checked and made plain, in the same shape as `fields_of`."""
    old = current.product
    name = clean_label_name(form.name, "product_name")
    pinyin = form.pinyin
    if normalise_text(pinyin) == old.initials == initials(old.name):
        pinyin = ""                      # made from the old name: it follows the new one
    return {"name": name, "pinyin": products.clean_pinyin(pinyin, name),
            "category": clean_name(form.category, "category") if normalise_text(form.category) else "",
            "unit": clean_name(form.unit or "件", "unit"), "price": str(products.parse_price(form.price)),
            "reorder_level": products.parse_reorder_level(form.reorder_level),
            "barcodes": sorted(extra_codes(form.extra_barcodes, old.code)),
            **catalogue_measure.checked(form.step, form.limit, form.per)}


def extra_codes(typed: tuple[str, ...] | list[str], main: str | None) -> list[str]:
    """Extra barcodes checked, each once, without the product's own code."""
    found: list[str] = []
    for text in typed:
        for part in str(text).replace(",", " ").replace("，", " ").replace("、", " ").split():
            code = normalise(part)
            if code != main and code not in found:
                found.append(code)
    return found
