"""What every report is made of: headline figures, tables and charts of typed values.

The screen, the PDF, the CSV and the Excel file all draw the same `Report`; values
stay typed (Points, int, text) until the last moment, so Excel gets numbers and
the PDF gets the points exactly as the counter shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.points import Points
from kiosk.documents.period import ReportPeriod

Value = str | int | Points | None
TEXT, COUNT, POINTS = "text", "count", "points"


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = TEXT          # text | count | points: numbers are right-aligned


@dataclass(frozen=True)
class Table:
    key: str                  # a short name: the Excel sheet, the CSV section
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    total: tuple[Value, ...] | None = None
    empty_words: str = ""     # said instead of an empty table


@dataclass(frozen=True)
class Chart:
    kind: str                 # "columns": stacked columns over time; "bars": a ranked list
    title: str
    labels: tuple[str, ...]   # along the axis
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (legend name, one value per label)
    unit: str = ""

    @property
    def empty(self) -> bool:
        return not self.labels or not any(v for _, values in self.series for v in values)


@dataclass(frozen=True)
class Fact:
    label: str
    value: Value


@dataclass(frozen=True)
class Report:
    name: str                 # daily, monthly, ranking …
    title: str
    period: ReportPeriod
    subtitle: str = ""
    facts: tuple[Fact, ...] = ()
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    notes: tuple[str, ...] = ()       # plain sentences; "nothing happened" first when empty
    empty: bool = False
    large: bool = False               # notice-board type
    made_at: str = ""

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def fact(self, label: str) -> Value:
        return next(f.value for f in self.facts if f.label == label)
