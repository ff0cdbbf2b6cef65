"""Printing results: plain lines for people, one JSON object with --json."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.weighed import Qty, json_qty
from kiosk.i18n import _

if TYPE_CHECKING:
    from kiosk.services.stock.movements import StockChange


def plain(value: object) -> object:
    """Points, yuan as decimal strings exactly as shown; weighed quantities as "1.5" (pieces
    stay numbers); dataclasses as dicts."""
    if isinstance(value, Qty):
        return value.json()
    if isinstance(value, (Points, Measure, Decimal)):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (Path, date)):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


class Output:
    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, data: dict, lines: list[str] | str) -> None:
        if self.as_json:
            json.dump(plain(data), sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            text = lines if isinstance(lines, str) else "\n".join(lines)
            if text:
                print(text)

    def error(self, message: str, code: str) -> None:
        print(message, file=sys.stderr)
        if self.as_json:
            json.dump({"error": code, "message": message}, sys.stdout, ensure_ascii=False)
            sys.stdout.write("\n")


def table(rows: list[list[object]]) -> list[str]:
    """Columns padded for CJK text (a Chinese character takes two cells)."""
    if not rows:
        return []
    widths = [max(_width(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(str(c) + " " * (w - _width(str(c))) for c, w in zip(r, widths)).rstrip()
            for r in rows]


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def emit_change(out: Output, change: StockChange) -> None:
    """One product's stock before and after a change."""
    out.emit({"product": change.product, "code": change.code,
              "stock_before": json_qty(change.before, change.scale),
              "stock_after": json_qty(change.after, change.scale)},
             _("{product}：库存 {before} → {after}").format(product=change.product, before=change.shown_before, after=change.shown_after))
