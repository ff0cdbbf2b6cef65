"""Reports for the manager: on screen, and saved as PDF, CSV or Excel.

`make(ctx, name, period, ...)` checks the role, reads the period as typed and
builds a `Report`; `save(report, kind, path)` writes it safely. One module per
report; `figures` holds what they are made of, `period` how periods are typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.core.periods import Period
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.reports import (
    daily,
    monthly,
    movements,
    ranking,
    roster,
    statement,
    stock,
    stock_value,
)
from kiosk.services.reports.figures import Report
from kiosk.services.reports.period import ReportPeriod, parse_period
from kiosk.i18n import N_

DAY, MONTH, YEAR = Period.DAY, Period.MONTH, Period.YEAR
FORMATS = ("pdf", "csv", "xlsx")


@dataclass(frozen=True)
class Kind:
    name: str
    zh: str
    periods: tuple[Period, ...]   # the first is what the screen offers first
    default: str                  # the period when none is given
    build: Callable[..., Report]
    needs_whom: bool = False


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("daily", N_("日结"), (DAY,), "today", daily.build),
    Kind("monthly", N_("月度汇总"), (MONTH, YEAR), "month", monthly.build),
    Kind("ranking", N_("积分排行榜"), (MONTH, YEAR), "month", ranking.build),
    Kind("roster", N_("信用等次名册"), (YEAR,), "year", roster.build),
    Kind("statement", N_("积分对账单"), (MONTH, YEAR, DAY), "month", statement.build, True),
    Kind("stock", N_("库存"), (DAY, MONTH, YEAR), "today", stock.build),
    Kind("movements", N_("出入库", "__init__"), (MONTH, DAY, YEAR), "month", movements.build),
    Kind("value", N_("库存金额"), (MONTH, YEAR), "month", stock_value.build),
)}


def kind(name: str) -> Kind:
    found = KINDS.get(str(name).strip().lower())
    if found is None:
        raise Refused("report_unknown", name=name, names=", ".join(KINDS))
    return found


def period_of(ctx: Context, name: str, period: str | None) -> ReportPeriod:
    chosen = kind(name)
    return parse_period(period, ctx.clock.now().date(), chosen.periods, chosen.default, chosen.name)


def make(ctx: Context, name: str, period: str | None = None, *, resident: str | None = None,
         household: str | None = None, whom: str | None = None, top: int | None = None) -> Report:
    """Build a report (managers only). Bad names, periods and people are refused plainly.

    A statement is of a `resident`, a `household` (house number), or `whom`: either."""
    require(ctx.actor, Action.VIEW_REPORTS)
    chosen = kind(name)
    if chosen.needs_whom and not any(str(w or "").strip() for w in (resident, household, whom)):
        raise Refused("report_needs_whom")
    report = chosen.build(ctx, period_of(ctx, name, period), resident=resident,
                          household=household, whom=whom, top=top)
    return replace(report, made_at=ctx.now_text())


def file_kind(path: Path | str, given: str | None = None) -> str:
    """'pdf', 'csv' or 'xlsx': as given, else from the file's suffix."""
    chosen = (given or Path(path).suffix.lstrip(".")).strip().lower()
    if chosen not in FORMATS:
        raise Refused("report_format_unknown", format=given or Path(path).suffix or str(path))
    return chosen


def save(report: Report, kind_: str, path: Path | str) -> Path:
    """Write the report as pdf, csv or xlsx (temp file, fsync, rename); returns the path."""
    from kiosk.services.reports.files import write

    return write(report, file_kind(path, kind_), Path(path))
