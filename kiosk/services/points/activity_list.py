"""A list of who took part in an activity, from a spreadsheet saved as CSV.

One resident a row: a card code, name or initials, then (optionally) the quantity —
hours, times. A header row is recognised and skipped; UTF-8 or GBK (Excel on a
Chinese Windows) are both read.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from kiosk.core.errors import Refused

HEADER_WORDS = {"村民", "姓名", "卡号", "resident", "name", "card"}
MAX_BYTES = 1024 * 1024


def read_people(path: Path | str, default_qty: object = 1) -> list[tuple[str, object]]:
    """(resident, quantity) pairs; a row without a quantity takes `default_qty`."""
    path = Path(path)
    if not path.is_file():
        raise Refused("file_missing", path=str(path))
    if path.stat().st_size > MAX_BYTES:
        raise Refused("activity_file_too_big", path=path.name)
    rows = [row for row in csv.reader(io.StringIO(_decoded(path))) if any(c.strip() for c in row)]
    if rows and rows[0][0].strip().lower() in HEADER_WORDS:
        rows = rows[1:]
    if not rows:
        raise Refused("csv_empty")
    return [_pair(number, row, default_qty) for number, row in enumerate(rows, start=1)]


def _decoded(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused("csv_encoding", path=path.name)


def _pair(number: int, row: list[str], default_qty: object) -> tuple[str, object]:
    cells = [c.strip() for c in row]
    while cells and not cells[-1]:
        cells.pop()
    if not cells or not cells[0] or len(cells) > 2:
        raise Refused("activity_file_row", row=number, line=",".join(row)[:60])
    return cells[0], cells[1] if len(cells) == 2 else default_qty
