"""The village's tables: Excel (.xlsx) or CSV (UTF-8 with or without BOM, or GBK), read and written.

Reading finds the header row (a title row above it is skipped), drops blank rows but
keeps every row's own number as Excel shows it, and notes what cannot be taken as
typed: a formula, or a cell merged with others. A file too big or too long is refused
before it is read whole.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.core.weighed import Qty
from kiosk.printing.atomic import write_atomic

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 10_000          # a village shop lists hundreds of goods; more is the wrong file
HEADER_WITHIN = 10         # rows above the header (titles, notes) that are skipped
_ZIP, _OLE2 = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class Row:
    number: int                                  # as the spreadsheet numbers it
    cells: list[str]
    formulas: dict[int, str] = field(default_factory=dict)   # column index → formula
    merged: str = ""                             # a merged range that covers this row


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[Row]


def read_table(path: Path | str, is_header: Callable[[list[str]], bool]) -> Table:
    """The header (the first row `is_header` accepts, else the first row) and the rows below."""
    path = Path(path)
    rows = list(_rows(path))
    if not rows:
        return Table([], [])
    at = next((i for i, r in enumerate(rows[:HEADER_WITHIN]) if is_header(r.cells)), 0)
    header = rows[at]
    if header.merged:
        raise Refused("import_merged_header", cells=header.merged)
    return Table([c.strip() for c in header.cells], rows[at + 1:])


def _rows(path: Path) -> Iterator[Row]:
    if not path.is_file():
        raise Refused("file_missing", path=str(path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise Refused("import_file_too_big", path=path.name, most=MAX_FILE_BYTES // (1024 * 1024))
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(_OLE2):
        raise Refused("import_old_xls", path=path.name)
    if head.startswith(_ZIP):
        return _xlsx_rows(path)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise Refused("import_not_xlsx", path=path.name)
    return _csv_rows(path)


def _csv_rows(path: Path) -> Iterator[Row]:
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
    kept = 0
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        if any(c.strip() for c in cells):
            kept = _count(kept)
            yield Row(number, cells)


def _count(kept: int) -> int:
    if kept >= MAX_ROWS + HEADER_WITHIN:
        raise Refused("import_too_many_rows", most=MAX_ROWS)
    return kept + 1


def _xlsx_rows(path: Path) -> Iterator[Row]:
    from openpyxl import load_workbook

    try:
        _refuse_long(load_workbook(path, read_only=True))
        sheet = load_workbook(path).active
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise Refused("import_not_xlsx", path=path.name) from exc
    merged = {}
    for cells in sheet.merged_cells.ranges:
        for number in range(cells.min_row, cells.max_row + 1):
            merged.setdefault(number, cells.coord)
    for line in sheet.iter_rows():
        texts = [_text(c.value) for c in line]
        if any(texts):
            formulas = {i: str(c.value) for i, c in enumerate(line) if c.data_type == "f"}
            yield Row(line[0].row, texts, formulas, merged.get(line[0].row, ""))


def _refuse_long(book) -> None:
    """Counted in the fast streaming mode, so a 100,000-row sheet is never loaded whole."""
    try:
        kept = 0
        for values in book.active.iter_rows(values_only=True):
            if any(v is not None and str(v).strip() for v in values):
                kept = _count(kept)
    finally:
        book.close()


def _text(value: object) -> str:
    """A cell as the text a person sees: 5.5 → '5.5', 6901234567892.0 → '6901234567892'."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value).strip()


def write_table(path: Path | str, header: list[str], rows: list[list[object]]) -> Path:
    """An .xlsx or .csv file (UTF-8 with BOM, which Excel opens as Chinese), written whole or not at all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise Refused("export_format", path=path.name)
    data = _xlsx_bytes(header, rows) if suffix == ".xlsx" else _csv_bytes(header, rows)
    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise Refused("export_failed", path=str(path), detail=exc.strerror or str(exc)) from exc


def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else str(v) for v in row] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(value: object) -> object:
    """Points as exact decimals, weighed quantities as 1.5, the rest as they are."""
    if isinstance(value, Amount):
        return Decimal(value.text)
    return value.number() if isinstance(value, Qty) else value


def _xlsx_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:   # points as exact decimals, barcodes as text (not 6.90123E+12)
        sheet.append([_cell(v) for v in row])
    for index, title in enumerate(header, start=1):
        longest = max([len(str(title))] + [len(str(r[index - 1] or "")) for r in rows[:500]])
        sheet.column_dimensions[get_column_letter(index)].width = min(40, 4 + longest * 1.6)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class Amount:
    """A number written to Excel as a number (a price), exactly as its text says."""
    text: str

    def __str__(self) -> str:
        return self.text
