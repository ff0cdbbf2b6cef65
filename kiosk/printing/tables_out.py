"""A report as CSV (UTF-8 with a BOM, so Excel and WPS read the Chinese) or as Excel .xlsx.

CSV: the title, the headline figures, then each table under its title, blank lines
between. Excel: the same headline on a first sheet, one sheet per table, points as
exact numbers (12.25), text that looks like a formula kept as text.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from kiosk.core.points import Points
from kiosk.core.weighed import Qty
from kiosk.i18n import _
from kiosk.printing.text_width import width as display_width

if TYPE_CHECKING:
    from kiosk.documents.report import Report, Table

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
HEADER_FILL = PatternFill("solid", fgColor="EBE5D8")


def _safe_text(value):
    """Text a spreadsheet would run as a formula ('=…', '@…') is kept as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell_text(value) -> str:
    return _safe_text(value) if isinstance(value, str) else ("" if value is None else str(value))


def _heading(report: Report) -> list[list]:
    """Title, subtitle, when made, the notes, then each headline figure (typed values)."""
    rows = [[report.title], [report.subtitle], [_("制表时间：{made_at}").format(made_at=report.made_at)]]
    return rows + [[note] for note in report.notes] + [[f.label, f.value] for f in report.facts]


def _table_rows(table: Table) -> list[list[str]]:
    rows = [[_safe_text(table.title)], [c.title for c in table.columns]]
    rows += [[_cell_text(v) for v in row] for row in table.rows]
    if not table.rows and table.empty_words:
        rows.append([_safe_text(table.empty_words)])
    if table.total is not None:
        rows.append([_cell_text(v) for v in table.total])
    return rows


def csv_bytes(report: Report) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([_cell_text(v) for v in row] for row in _heading(report))
    for table in report.tables:
        writer.writerow([])
        writer.writerows(_table_rows(table))
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_name(title: str, taken: set[str]) -> str:
    base = _SHEET_BAD.sub(" ", title)[:28] or "sheet"
    name, n = base, 2
    while name in taken:
        name, n = f"{base[:26]}{n}", n + 1
    taken.add(name)
    return name


def _fit_columns(sheet, widths: dict[int, int]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(60, max(8, width + 2))


def _number(value):
    """Points as an exact decimal number (12.25), weighed quantities as 1.5, other values as they are."""
    if isinstance(value, Qty):
        return value.number()
    return Decimal(value.hundredths) / 100 if isinstance(value, Points) else value


def _put_row(sheet, row_no: int, values, widths: dict[int, int], bold: bool = False) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row_no, column=column, value=_safe_text(_number(value)))
        if bold:
            cell.font = Font(bold=True)
        widths[column] = max(widths.get(column, 0), display_width(str(cell.value or "")))


def _table_sheet(book: Workbook, table: Table, taken: set[str]) -> None:
    sheet = book.create_sheet(_sheet_name(table.title, taken))
    sheet.cell(row=1, column=1, value=_safe_text(table.title)).font = Font(bold=True, size=14)
    widths: dict[int, int] = {}
    _put_row(sheet, 2, [c.title for c in table.columns], widths, bold=True)
    for column, spec in enumerate(table.columns, start=1):
        sheet.cell(row=2, column=column).fill = HEADER_FILL
        if spec.kind != "text":
            sheet.cell(row=2, column=column).alignment = Alignment(horizontal="right")
    row_no = 3
    for row in table.rows:
        _put_row(sheet, row_no, row, widths)
        row_no += 1
    if not table.rows and table.empty_words:
        sheet.cell(row=row_no, column=1, value=_safe_text(table.empty_words))
        row_no += 1
    if table.total is not None:
        _put_row(sheet, row_no, table.total, widths, bold=True)
    sheet.freeze_panes = "A3"
    _fit_columns(sheet, widths)


def xlsx_bytes(report: Report) -> bytes:
    book = Workbook()
    first = book.active
    first.title = _sheet_name(_("概要"), taken := set())
    widths: dict[int, int] = {}
    for row_no, values in enumerate(_heading(report), start=1):
        _put_row(first, row_no, values, widths)
    first.cell(row=1, column=1).font = Font(bold=True, size=16)
    _fit_columns(first, {1: max(widths.get(1, 10) // 2, 24), 2: 16})
    for table in report.tables:
        _table_sheet(book, table, taken)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
