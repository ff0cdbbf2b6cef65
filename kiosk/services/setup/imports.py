"""Importing the village's lists (Excel .xlsx, or CSV in UTF-8 or GBK): every row checked, all or nothing.

Each row goes through the same service call as a typed entry, inside one
transaction. A preview runs exactly that and rolls it all back, so it shows every
row with what is wrong with it; an import writes only when no row is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.i18n import _, message
from kiosk.services.people import residents
from kiosk.services.shop import catalogue_import
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.spreadsheets import Row, read_table

RESIDENT_COLUMNS = {
    "name": ("姓名", "name"), "house_no": ("门牌号", "house_no", "户号"),
    "relation": ("与户主关系", "关系", "relation"), "card_code": ("卡号", "card_code"),
    "id_last4": ("身份证后四位", "id_last4"), "phone": ("电话", "手机", "phone"),
}
PRODUCT_COLUMNS = {
    "name": ("名称", "商品名称", "name", "product"), "price": ("积分", "价格", "price"),
    "barcode": ("条码", "barcode", "code"), "category": ("分类", "category"),
    "unit": ("单位", "unit"), "reorder_level": ("预警数量", "reorder_level"),
    "pinyin": ("拼音", "拼音首字母", "pinyin"), "extra_barcodes": ("其他条码", "extra_barcodes"),
    "picture": ("图片", "picture"), "step": ("计量步长", "step"), "limit": ("限购", "limit"),
    "per": ("限购周期", "per"),
}
REQUIRED = {"resident": ("name", "house_no"), "product": ("name", "price")}
MAX_SHOWN_ERRORS = 20


@dataclass(frozen=True)
class ImportRow:
    number: int                 # the row's number in the spreadsheet
    values: dict[str, str]      # field → text as found
    error: str = ""             # empty: the row is good
    code: str = ""              # what it got (or would get): a product code, a card code
    action: str = ""            # "add", "update" or "same" (goods); empty when refused
    changes: str = ""           # an update's changes, "价格 50 → 55"


@dataclass(frozen=True)
class ImportPreview:
    rows: tuple[ImportRow, ...]

    @property
    def errors(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if r.error)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


class _RollBack(Exception):
    """Leaves the import's transaction without writing it."""


def _mapping(header: list[str], columns: dict, required: tuple[str, ...]) -> dict[str, int]:
    found: dict[str, int] = {}
    cleaned = {h.strip().lower(): i for i, h in reversed(list(enumerate(header))) if h.strip()}
    for name_of, names in columns.items():
        for name in names:
            if name.lower() in cleaned:
                found[name_of] = cleaned[name.lower()]
                break
    missing = [columns[f][0] for f in required if f not in found]
    if missing:
        raise Refused("csv_columns", missing="、".join(missing))
    return found


def _is_header(columns: dict, required: tuple[str, ...]) -> Callable[[list[str]], bool]:
    def test(cells: list[str]) -> bool:
        try:
            _mapping(cells, columns, required)
        except Refused:
            return False
        return True
    return test


AddOne = Callable[[int, dict], object]   # (row number, values) → the code it got, or an Outcome


def _run(ctx: Context, path, columns, required, add_one: AddOne, keep: bool) -> ImportPreview:
    table = read_table(path, _is_header(columns, required))
    if not table.rows:
        raise Refused("csv_empty")
    mapping = _mapping(table.header, columns, required)
    done: list[ImportRow] = []
    try:
        with ctx.db.write():
            for row in table.rows:
                done.append(_one(ctx, row, mapping, table.header, add_one))
            if not keep or any(r.error for r in done):
                raise _RollBack
    except _RollBack:
        pass
    return ImportPreview(tuple(done))


def _one(ctx: Context, row: Row, mapping: dict[str, int], header: list[str],
         add_one: AddOne) -> ImportRow:
    values = {f: (row.cells[i].strip() if i < len(row.cells) else "") for f, i in mapping.items()}
    try:
        _refuse_as_typed(row, header)
        with ctx.db.write():
            got = add_one(row.number, values)
    except Refused as exc:
        return ImportRow(row.number, values, error=exc.message())
    if isinstance(got, catalogue_import.Outcome):
        return ImportRow(row.number, values, code=got.code, action=got.action, changes=got.changes)
    return ImportRow(row.number, values, code=str(got), action=catalogue_import.ADD)


def _refuse_as_typed(row: Row, header: list[str]) -> None:
    """A merged cell or a formula is not what the row says; the manager fixes it in Excel."""
    if row.merged:
        raise Refused("import_merged_cells", cells=row.merged)
    for index, formula in row.formulas.items():
        column = header[index] if index < len(header) and header[index] else f"#{index + 1}"
        raise Refused("import_formula", column=column, formula=formula[:40])


def _imported(preview: ImportPreview) -> int:
    """Refuses, naming the bad rows, unless every row went in."""
    if preview.errors:
        shown = "\n".join(message("csv_row", row=r.number, reason=r.error)
                          for r in preview.errors[:MAX_SHOWN_ERRORS])
        raise Refused("csv_rows", count=len(preview.errors), rows=shown)
    return len(preview.rows)


def _add_resident(ctx: Context) -> AddOne:
    def add(_row: int, values: dict) -> str:
        return residents.add_resident(
            ctx, name=values.get("name", ""), house_no=values.get("house_no", ""),
            relation=values.get("relation", ""), card_code=values.get("card_code") or None,
            id_last4=values.get("id_last4") or None, phone=values.get("phone") or None).card_code
    return add


def preview_residents(ctx: Context, path: Path | str) -> ImportPreview:
    require(ctx.actor, Action.EDIT_RESIDENTS)
    return _run(ctx, path, RESIDENT_COLUMNS, REQUIRED["resident"], _add_resident(ctx), keep=False)


def import_residents(ctx: Context, path: Path | str) -> int:
    """All rows or none; refused, naming every bad row, when any is wrong."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    return _imported(_run(ctx, path, RESIDENT_COLUMNS, REQUIRED["resident"], _add_resident(ctx),
                          keep=True))


def verdict(row: ImportRow) -> str:
    """What the row will do (or why it cannot), as the preview says it."""
    if row.error:
        return "✗ " + row.error
    if row.action == catalogue_import.UPDATE:
        return "✎ " + _("修改：{changes}").format(changes=row.changes)
    if row.action == catalogue_import.SAME:
        return "= " + _("不变")
    return "✓ " + _("新增")


def counts_text(done: ImportPreview) -> str:
    return _("新增 {added} 种，修改 {updated} 种，不变 {same} 种").format(
        added=done.count(catalogue_import.ADD), updated=done.count(catalogue_import.UPDATE),
        same=done.count(catalogue_import.SAME))


def _adder(ctx: Context, path: Path | str) -> catalogue_import.RowAdder:
    return catalogue_import.RowAdder(ctx, Path(path).parent)


def preview_products(ctx: Context, path: Path | str) -> ImportPreview:
    """Every row as it would go in, with what is wrong with it; nothing is written."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    return _run(ctx, path, PRODUCT_COLUMNS, REQUIRED["product"], _adder(ctx, path),
                keep=False)


def import_products(ctx: Context, path: Path | str) -> int:
    """All rows or none; refused, naming every bad row, when any is wrong."""
    return len(commit_products(ctx, path).rows)


def commit_products(ctx: Context, path: Path | str) -> ImportPreview:
    """Adds and updates every row, or refuses (naming every bad row) and writes nothing."""
    require(ctx.actor, Action.EDIT_PRODUCTS)
    done = _run(ctx, path, PRODUCT_COLUMNS, REQUIRED["product"], _adder(ctx, path),
                keep=True)
    _imported(done)
    return done
