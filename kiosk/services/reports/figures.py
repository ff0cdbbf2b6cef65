"""What every report is made of: headline figures, tables and charts of typed values.

The screen, the PDF, the CSV and the Excel file all draw the same `Report`; values
stay typed (Points, int, text) until the last moment, so Excel gets numbers and
the PDF gets the points exactly as the counter shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.points import Points
from kiosk.documents.report import (  # noqa: F401  (the reports build these; they live in documents)
    COUNT, POINTS, TEXT, Chart, Column, Fact, Report, Table, Value)


@dataclass
class Totals:
    """Counts and points added up by a key, kept in the order keys were first seen."""
    count: dict[str, int] = field(default_factory=dict)
    points: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, count: int, hundredths: int) -> None:
        self.count[key] = self.count.get(key, 0) + count
        self.points[key] = self.points.get(key, 0) + hundredths

    def sum(self) -> Points:
        return Points(sum(self.points.values()))

