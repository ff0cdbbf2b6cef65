"""Receiving a delivery (入库): a whole batch of goods in one transaction, and its note.

A delivery names its supplier or donor (供货方, which gives its source: 乡镇配送 /
捐赠 / 采购), the supplier's note number (送货单号) and the day it came. A purchase
line carries what one unit cost in yuan, a donation line may carry its declared value;
both are kept as integer fen. Every line is checked before anything is written;
one bad line refuses the whole delivery and names that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.money import parse_yuan
from kiosk.core.names import normalise_text
from kiosk.documents.delivery_note import Delivery, DeliveryLine
from kiosk.i18n import N_
from kiosk.services.shop import products
from kiosk.services.stock import food_dates, suppliers
from kiosk.services.context import Context
from kiosk.services.dates import parse_day
from kiosk.services.permissions import Action, require
from kiosk.services.shop.receipts import shop_name
from kiosk.services.stock.movements import MAX_ON_HAND, SOURCES, receive_count
from kiosk.services.trail import audit_row
from kiosk.store import journal
from kiosk.store import stock as store

SOURCE_WORDS = (N_("乡镇配送"), N_("捐赠"), N_("采购"), N_("其他"))   # the sources, shown as _(source)
_SOURCE_ALIASES = {"township": "乡镇配送", "donation": "捐赠", "purchase": "采购", "other": "其他",
                   "配送": "乡镇配送", "乡镇": "乡镇配送", "街道配送": "乡镇配送"}
MAX_NOTE_NO = 40
ITEM_COLUMNS = ("条码", "商品条码", "编号", "商品编号", "商品", "名称", "商品名称", "item", "barcode", "code", "name")
QTY_COLUMNS = ("数量", "入库数量", "qty", "quantity")
COST_COLUMNS = ("单价", "进价", "单价（元）", "价值", "cost", "unit_cost")
DATE_COLUMNS = ("保质期至", "保质期", "到期日", "best_before", "best before")


@dataclass(frozen=True)
class Line:
    """One line as typed or scanned: an item and a quantity (text or number)."""
    item: str
    qty: object
    row: int | None = None     # where it came from (a file's row), to name it when refused
    cost: object = None        # yuan for one unit, as typed: a purchase's cost, a gift's value
    best_before: object = None  # 保质期至, optional: a date as typed


def source_of(text: object) -> str:
    value = normalise_text(text or "")
    if value in SOURCES:
        return value
    found = _SOURCE_ALIASES.get(value.lower())
    if found is None:
        raise Refused("delivery_source_unknown", source=value[:20])
    return found


def receive_delivery(ctx: Context, lines: list[Line], *, source: str | None = None,
                     note_no: str = "", day: str | date | None = None,
                     supplier: str | None = None) -> Delivery:
    """Post the whole delivery, or nothing. `supplier` names a 供货方 (its kind gives the
    source); a bare `source` word is for goods of no recorded supplier."""
    require(ctx.actor, Action.RECEIVE_STOCK)
    found = suppliers.find(ctx, supplier) if supplier is not None else None
    if found is None and source is None:
        raise Refused("delivery_supplier_required")
    source = found.source if found else source_of(source)
    note_no = _note_no(note_no)
    on = parse_day(day, ctx.clock.now().date()).isoformat()
    checked = _checked_lines(ctx, lines, found)
    dates = food_dates.best_before_dates(lines)
    delivery_id, at = new_id(), ctx.now_text()
    with ctx.db.write() as conn:
        _refuse_received(conn, source, note_no)
        number = _next_number(ctx, conn)
        store.insert_delivery(conn, id=delivery_id, number=number, source=source, note_no=note_no,
                              day=on, operator_id=ctx.actor.operator_id,
                              terminal_id=ctx.terminal.id, at=at,
                              supplier_id=found.id if found else None)
        moves = [store.NewMove(new_id(), product.id, "receive", qty, ctx.terminal.id, at,
                               ctx.actor.operator_id, source, note_no, delivery_id=delivery_id,
                               unit_cost=cost, best_before=best_before)
                 for (product, qty, cost), best_before in zip(checked, dates, strict=True)]
        store.insert_moves(conn, moves)
        journal.record_many(conn, ctx.terminal.id, [("delivery", delivery_id)]
                            + [("stock_move", move.id) for move in moves])
        audit_row(conn, ctx, "stock.delivery", "delivery", delivery_id,
                  after={"number": number, "source": source, "note_no": note_no, "day": on,
                         **_money_words(found, moves, checked),
                         "lines": len(moves), "qty": sum(m.qty for m in moves)})
    return find(ctx, number)


def _money_words(found: suppliers.Supplier | None, moves, checked) -> dict:
    """The supplier and the value, for the audit row (only when there are any)."""
    costs = [round(m.qty * m.unit_cost / product.scale)
             for m, (product, _qty, _cost) in zip(moves, checked, strict=True) if m.unit_cost is not None]
    return ({"supplier": found.name} if found else {}) | ({"cost_fen": sum(costs)} if costs else {})


def _note_no(text: object) -> str:
    value = normalise_text(text or "")
    if len(value) > MAX_NOTE_NO:
        raise Refused("note_no_too_long", length=len(value), most=MAX_NOTE_NO)
    return value


def _checked_lines(ctx: Context, lines: list[Line], supplier: suppliers.Supplier | None
                   ) -> list[tuple[products.Product, int, int | None]]:
    if not lines:
        raise Refused("delivery_empty")
    checked = []
    for n, line in enumerate(lines, start=1):
        product, qty = _checked(ctx, line.row or n, line)
        checked.append((product, qty, _cost(line.row or n, product, line, supplier)))
    return checked


def _cost(n: int, product, line: Line, supplier: suppliers.Supplier | None) -> int | None:
    """A unit's cost in fen: required on a purchase, optional (a declared value) otherwise."""
    typed = str(line.cost if line.cost is not None else "").strip()
    if not typed:
        if supplier is not None and supplier.kind == suppliers.PURCHASE:
            raise Refused("delivery_line_cost_required", line=n, name=product.name,
                          supplier=supplier.name)
        return None
    try:
        return parse_yuan(typed)
    except Refused as refusal:
        raise Refused("delivery_line_cost_bad", line=n, name=product.name,
                      reason=refusal.message()) from None


def _checked(ctx: Context, n: int, line: Line) -> tuple[products.Product, int]:
    try:
        product = products.resolve(ctx, line.item)
    except Refused as refusal:
        if refusal.code == "product_ambiguous":
            raise Refused("delivery_line_ambiguous", line=n, **refusal.params) from None
        if refusal.code == "barcode_not_goods":
            raise Refused("delivery_line_not_goods", line=n, **refusal.params) from None
        raise Refused("delivery_line_unknown", line=n, query=str(line.item).strip()[:40]) from None
    try:
        return product, receive_count(line.qty, product.scale)
    except Refused:
        raise Refused("delivery_line_qty", line=n, name=product.name, qty=str(line.qty).strip()[:20],
                      most=MAX_ON_HAND) from None


def lines_from_file(path: Path | str) -> list[Line]:
    """Lines of an Excel or CSV sheet with an item column (条码 / 商品 …) and a 数量 column.

    With both a barcode and a name column, a row without a barcode is found by its name."""
    from kiosk.services.spreadsheets import read_table

    table = read_table(path, lambda cells: all(_columns(cells)))
    items, qty = _columns(table.header)
    if table.rows and not (items and qty):
        raise Refused("delivery_file_columns", path=str(path))
    cost, dated = _column(table.header, COST_COLUMNS), _column(table.header, DATE_COLUMNS)
    return [Line(next((c for c in (_cell(row.cells, i) for i in items) if c), ""),
                 _cell(row.cells, qty[0]), row=row.number,
                 cost=_cell(row.cells, cost) if cost is not None else None,
                 best_before=_cell(row.cells, dated) if dated is not None else None)
            for row in table.rows]


def _column(header: list[str], wanted: tuple[str, ...]) -> int | None:
    names = {str(name).strip().lower(): n for n, name in reversed(list(enumerate(header)))}
    return next((names[n] for n in wanted if n in names), None)


def _columns(header: list[str]) -> tuple[list[int], list[int]]:
    """Which columns hold the item (best first) and the quantity."""
    names = {str(name).strip().lower(): n for n, name in reversed(list(enumerate(header)))}
    return ([names[n] for n in ITEM_COLUMNS if n in names],
            [names[n] for n in QTY_COLUMNS if n in names])


def _cell(cells: list[str], column: int) -> str:
    return cells[column].strip() if column < len(cells) else ""


def _refuse_received(conn, source: str, note_no: str) -> None:
    earlier = store.delivery_with_note(conn, source, note_no) if note_no else None
    if earlier:
        raise Refused("delivery_note_used", note_no=note_no, source=source, day=earlier["day"],
                      number=earlier["number"])


def _next_number(ctx: Context, conn) -> str:
    """RK261103-01-001: the day it was entered, the terminal, the nth of that day."""
    prefix = f"RK{ctx.clock.now():%y%m%d}-{ctx.terminal.number:02d}-"
    last = store.last_delivery_number(conn, prefix)
    return f"{prefix}{int(last[-3:]) + 1 if last else 1:03d}"


def find(ctx: Context, number: str) -> Delivery:
    """A delivery by its receiving-note number (入库单号)."""
    row = store.delivery(ctx.db, number=str(number).strip().upper())
    if row is None:
        raise Refused("delivery_unknown", query=str(number).strip()[:40])
    lines = tuple(DeliveryLine(r["name"], r["code"], r["unit"], r["qty"], r["unit_cost"], r["qty_scale"])
                  for r in store.delivery_lines(ctx.db, row["id"]))
    return Delivery(row["id"], row["number"], row["source"], row["note_no"], row["day"],
                    row["operator_name"], row["at"], lines, row["supplier_name"],
                    row["supplier_kind"], row["supplier_contact"])


def recent(ctx: Context, limit: int = 20) -> list[Delivery]:
    return [find(ctx, row["number"]) for row in store.recent_deliveries(ctx.db, limit)]


def save_note(ctx: Context, number: str, path: Path | str) -> Path:
    """The receiving note (入库单) as an A4 PDF, written safely."""
    from kiosk.printing import stock_pdf

    return stock_pdf.save(Path(path), stock_pdf.receiving_note(find(ctx, number), shop_name(ctx)))
