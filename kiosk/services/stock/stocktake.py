"""Stock-take (盘点): start a count, enter counted quantities, post the differences.

Each counted line keeps the book quantity at the moment it was counted (at_count),
read under the same write lock as the sales. Posting adds counted − at_count to
today's stock, so an exchange made before an item is counted (already in at_count)
or after it (already in today's stock) is never counted twice. A second count of
the same item is refused unless it is an explicit recount, which replaces the
first with a count taken now. One count is open at a time; posting is one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.quantity import whole_number
from kiosk.documents.count_sheet import CountLine, StockCount
from kiosk.services.shop import products
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.stock.movements import MAX_ON_HAND, StockChange
from kiosk.services.trail import audit_row
from kiosk.store import goods as goods_store
from kiosk.store import journal
from kiosk.store import stock as stock_store
from kiosk.store import stocktake as store


@dataclass(frozen=True)
class PostedCount:
    id: str
    counted: int
    changes: tuple[StockChange, ...]


def start(ctx: Context) -> StockCount:
    require(ctx.actor, Action.ADJUST_STOCK)
    count_id = new_id()
    with ctx.db.write() as conn:
        found = store.open_count(conn)
        if found:
            raise Refused("stocktake_already_open", started=found["started_at"][:16],
                          by=found["started_by_name"])
        lines = store.insert_count(conn, id=count_id, started_by=ctx.actor.operator_id,
                                   started_at=ctx.now_text(), terminal_id=ctx.terminal.id)
        audit_row(conn, ctx, "stocktake.start", "stock_count", count_id, after={"lines": lines})
    return show(ctx)


def current(ctx: Context) -> StockCount | None:
    """The open count, or None."""
    row = store.open_count(ctx.db)
    return _count(ctx.db, row) if row else None


def show(ctx: Context) -> StockCount:
    found = current(ctx)
    if found is None:
        raise Refused("stocktake_none_open")
    return found


def _count(db, row) -> StockCount:
    return StockCount(row["id"], row["status"], row["started_at"], row["started_by_name"],
                      tuple(_line(r) for r in store.lines(db, row["id"])))


def _line(r) -> CountLine:
    return CountLine(r["product_id"], r["name"], r["code"], r["unit"], r["snapshot"], r["counted"],
                     r["at_count"], r["on_hand"], r["counted_at"] or "")


def counted_qty(value: object) -> int:
    text, count = str(value).strip(), whole_number(value)
    if count < 0:
        raise Refused("count_negative", qty=text)
    if count > MAX_ON_HAND:
        raise Refused("qty_absurd", qty=text, most=MAX_ON_HAND)
    return count


def enter(ctx: Context, item: str, qty: object, recount: bool = False) -> CountLine:
    """Record what was found on the shelf, with the book quantity of this moment."""
    require(ctx.actor, Action.ADJUST_STOCK)
    product = products.resolve(ctx, item)
    counted = counted_qty(qty)
    with ctx.db.write() as conn:
        count = _open(conn)
        line = store.line(conn, count["id"], product.id)
        on_hand = goods_store.stock_of(conn, product.id)
        if line is None:
            store.add_line(conn, count["id"], product.id, on_hand)
        elif line["counted"] is not None and not recount:
            raise Refused("stocktake_counted_twice", name=product.name, counted=line["counted"],
                          unit=product.unit, at=line["counted_at"][11:16])
        store.set_counted(conn, count_id=count["id"], product_id=product.id, counted=counted,
                          at_count=on_hand, counted_at=ctx.now_text(),
                          counted_by=ctx.actor.operator_id)
        audit_row(conn, ctx, "stocktake.count", "product", product.id,
                  before={"counted": line["counted"] if line else None},
                  after={"counted": counted, "on_hand": on_hand, "recount": bool(recount)})
        return _line(store.line(conn, count["id"], product.id))


def _open(conn):
    count = store.open_count(conn)
    if count is None:
        raise Refused("stocktake_none_open")
    return count


def post(ctx: Context, reason: str = "盘点") -> PostedCount:
    """Post every counted difference as a 'take' movement, all in one transaction."""
    require(ctx.actor, Action.ADJUST_STOCK)
    note = clean_name(reason or "盘点", "reason")
    with ctx.db.write() as conn:
        count = _open(conn)
        counted = [_line(r) for r in store.lines(conn, count["id"]) if r["counted"] is not None]
        if not counted:
            raise Refused("stocktake_nothing_counted")
        changes = _post_differences(ctx, conn, count["id"], counted, note)
        store.close(conn, count_id=count["id"], status="posted", closed_by=ctx.actor.operator_id,
                    closed_at=ctx.now_text(), reason=note)
        audit_row(conn, ctx, "stocktake.post", "stock_count", count["id"],
                  after={"counted": len(counted), "adjusted": len(changes), "reason": note})
    return PostedCount(count["id"], len(counted), tuple(changes))


def _post_differences(ctx, conn, count_id: str, counted: list[CountLine],
                      note: str) -> list[StockChange]:
    moves, changes, at = [], [], ctx.now_text()
    for line in (line for line in counted if line.difference):
        if line.after < 0:
            raise Refused("stocktake_goes_negative", name=line.name, counted=line.counted,
                          gone=line.at_count - line.on_hand, unit=line.unit)
        moves.append(stock_store.NewMove(new_id(), line.product_id, "take", line.difference,
                                         ctx.terminal.id, at, ctx.actor.operator_id, note=note))
        changes.append(StockChange(line.name, line.code, line.on_hand, line.after))
    stock_store.insert_moves(conn, moves)
    journal.record_many(conn, ctx.terminal.id, [("stock_move", move.id) for move in moves])
    for move, change in zip(moves, changes, strict=True):
        store.set_move(conn, count_id, move.product_id, move.id)
        audit_row(conn, ctx, "stock.take", "product", move.product_id,
                  before={"stock": change.before}, after={"stock": change.after, "note": note})
    return changes


def cancel(ctx: Context, reason: str = "") -> str:
    """Give up the open count: nothing is posted. Returns its id."""
    require(ctx.actor, Action.ADJUST_STOCK)
    with ctx.db.write() as conn:
        count = _open(conn)
        note = clean_name(reason, "reason") if reason and reason.strip() else ""
        store.close(conn, count_id=count["id"], status="cancelled", closed_by=ctx.actor.operator_id,
                    closed_at=ctx.now_text(), reason=note)
        audit_row(conn, ctx, "stocktake.cancel", "stock_count", count["id"], after={"reason": note})
    return count["id"]


def save_sheet(ctx: Context, path: Path | str) -> Path:
    """The count sheet (盘点表) of the open count as an A4 PDF to write the counts on."""
    from kiosk.printing import stock_pdf
    from kiosk.services.shop.receipts import shop_name

    return stock_pdf.save(Path(path), stock_pdf.count_sheet(show(ctx), shop_name(ctx)))
