"""Saving a report: rendered in memory, then written whole or not at all."""

from __future__ import annotations

from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.printing.atomic import write_atomic
from kiosk.services.reports.figures import Report


def render(report: Report, kind: str) -> bytes:
    if kind == "pdf":
        from kiosk.printing.report_pdf import render_pdf

        return render_pdf(report)
    from kiosk.printing import tables_out

    return tables_out.csv_bytes(report) if kind == "csv" else tables_out.xlsx_bytes(report)


def write(report: Report, kind: str, path: Path) -> Path:
    data = render(report, kind)
    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise Refused("report_not_saved", path=str(path), detail=exc.strerror or str(exc)) from exc
