"""A Receipt laid out as rows for a paper width in half-width columns (pure, no I/O).

Every renderer walks the same rows: ESC/POS text pads them to columns, the PDF
and raster renderers draw `left` flush left and `right` flush right.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.printing.labels import labels
from kiosk.printing.text_width import center, ljust, rjust, width, wrap

if TYPE_CHECKING:
    from kiosk.documents.receipt import Receipt

KINDS = ("title", "center", "text", "rule", "barcode")


@dataclass(frozen=True)
class Row:
    kind: str               # one of KINDS; a title prints at double width and height
    left: str = ""          # title/center: the text; barcode: the digits
    right: str = ""         # text: flush right; barcode: the human-readable number
    cells: tuple[tuple[str, int], ...] = ()     # right-hand table cells: (text, width)

    @property
    def right_text(self) -> str:
        return self.right or "".join(rjust(text, cells) for text, cells in self.cells)

    def stops(self, columns: int) -> list[tuple[str, int]]:
        """Right-aligned pieces and the column each ends at (for proportional fonts)."""
        if not self.cells:
            return [(self.right, columns)] if self.right else []
        end, stops = columns, []
        for text, cells in reversed(self.cells):
            stops.append((text, end))
            end -= cells
        return stops

    def text(self, columns: int) -> str:
        """The row as a fixed-width line (what a text-mode printer prints)."""
        if self.kind == "title":
            return center(self.left, columns // 2)
        if self.kind == "center":
            return center(self.left, columns)
        if self.kind == "rule":
            return "-" * columns
        if self.kind == "barcode":
            return center(self.right, columns)
        right = self.right_text
        return ljust(self.left, columns - width(right)) + right if right else self.left


def _pair(left: str, right: str, columns: int) -> list[Row]:
    if width(left) + 1 + width(right) <= columns:
        return [Row("text", left, right)]
    return [Row("text", line) for line in wrap(left, columns) + wrap(right, columns)]


def _field(words: dict, key: str, value: str, columns: int) -> list[Row]:
    return [Row("text", line) for line in wrap(f"{words[key]}{words['colon']}{value}", columns)]


def _header(r: Receipt, words: dict, columns: int) -> list[Row]:
    rows = [Row("title", line) for line in wrap(r.shop, columns // 2)]
    rows.append(Row("center", words[r.kind if r.kind in ("sale", "refund") else "sale"]))
    if r.copy:
        rows.append(Row("center", words["copy"]))
    rows.append(Row("rule"))
    fields = [("village", r.village), ("number", r.number)]
    fields += [("sale_number", r.sale_number)] if r.kind == "refund" and r.sale_number else []
    for key, value in fields + [("at", r.at), ("operator", r.operator)]:
        rows += _field(words, key, value, columns)
    who = f"{words['resident']}{words['colon']}{r.resident}"
    return rows + _pair(who, f"{words['household']}{words['colon']}{r.household}", columns)


def _widths(columns: int) -> tuple[int, int, int]:
    """Price, quantity and amount column widths; 80 mm paper has room for the price."""
    return (9, 6, 9) if columns >= 40 else (0, 6, 8)


def _cells(price: str, qty: str, amount: str, columns: int) -> tuple[tuple[str, int], ...]:
    w_price, w_qty, w_amount = _widths(columns)
    lead = ((price, w_price),) if w_price else ()
    return lead + ((qty, w_qty), (amount, w_amount))


def _items(r: Receipt, words: dict, columns: int) -> list[Row]:
    rows = [Row("text", words["item"], cells=_cells(words["price"], words["qty"],
                                                    words["points"], columns))]
    name_cols = columns - sum(_widths(columns)) - 1
    for line in r.lines:
        cells = _cells(str(line.price), f"×{line.shown_qty}", str(line.amount), columns)
        names = wrap(line.name, name_cols)
        rows.append(Row("text", names[0], cells=cells))
        rows += [Row("text", rest) for rest in names[1:]]
        rows += _refunded(line, words, columns)
    return rows


def _refunded(line, words: dict, columns: int) -> list[Row]:
    """A reprint's mark under a line given back since: 已退 ×1  -2.75."""
    if not getattr(line, "refunded", 0):
        return []
    cells = _cells("", f"×{line.shown_refunded}", f"-{line.refunded_amount}", columns)
    return [Row("text", f"  {words['refunded_mark']}", cells=cells)]


def _totals(r: Receipt, words: dict, columns: int) -> list[Row]:
    if r.kind == "refund":
        keys = (("refunded", r.total), ("refund_before", r.balance_before),
                ("refund_after", r.balance_after))
    else:
        keys = (("total", r.total), ("before", r.balance_before), ("after", r.balance_after))
    rows = [row for key, value in keys
            for row in _pair(words[key], f"{value} {r.currency}".strip(), columns)]
    if r.kind == "refund" and r.reason:
        rows += _field(words, "reason", r.reason, columns)
    return rows


def layout(receipt: Receipt, columns: int = 32, lang: str = "zh") -> list[Row]:
    """The receipt as rows: header, items, totals, the barcode, the footer."""
    words = labels(lang)
    rows = _header(receipt, words, columns) + [Row("rule")]
    rows += _items(receipt, words, columns) + [Row("rule")]
    rows += _totals(receipt, words, columns) + [Row("rule")]
    rows.append(Row("barcode", receipt.barcode, receipt.number))
    if receipt.footer:
        rows += [Row("center", line) for line in wrap(receipt.footer, columns)]
    return rows
