"""Charts for the report PDFs: reportlab vector drawings with Chinese labels in the embedded font.

Two shapes: stacked columns over time (points awarded per category per month) and a
ranked list of bars (top goods, households per grade).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors

from kiosk.printing.fonts import reportlab_font
from kiosk.printing.glyph_runs import needs_fallback
from kiosk.printing.pdf_text import shapes

if TYPE_CHECKING:
    from kiosk.documents.report import Chart

# Distinct on paper and for colour-blind readers (Okabe–Ito), then two greys.
PALETTE = [colors.HexColor(c) for c in ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
                                        "#D55E00", "#F0E442", "#000000", "#999999", "#666666")]
TITLE_SIZE, LABEL_SIZE = 12, 8.5


def _title(drawing: Drawing, chart: Chart, font: str) -> None:
    drawing.add(shapes(0, drawing.height - TITLE_SIZE, chart.title, TITLE_SIZE))


def _own_labels(drawing: Drawing, chart_bars, labels: list[str], size: float) -> None:
    """Category labels drawn run by run, for names with characters only a fallback font has
    (reportlab's axis labels take one font)."""
    chart_bars.categoryAxis.categoryNames = [""] * len(labels)
    step = chart_bars.height / max(1, len(labels))
    for i, label in enumerate(labels):
        y = chart_bars.y + (i + 0.5) * step - size * 0.35
        drawing.add(shapes(chart_bars.x - 5, y, label, size, "end"))


def _whole(chart: Chart) -> bool:
    return all(float(v).is_integer() for _, values in chart.series for v in values)


def _nice_top(value: float) -> float:
    """A round axis end just above `value`: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1
    step = 10 ** (len(str(int(value))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if value <= factor * step:
            return factor * step
    return 10 * step


def _value_axis(axis, top: float, font: str, whole: bool) -> None:
    """From 0 to a round number, five steps; whole steps for counts of things."""
    axis.valueMin, axis.valueMax = 0, _nice_top(max(top, 5) if whole else top)
    axis.valueStep = axis.valueMax / 5
    axis.labels.fontName, axis.labels.fontSize = font, LABEL_SIZE
    axis.labelTextFormat = lambda v: f"{v:g}"
    axis.visibleGrid, axis.gridStrokeColor = True, colors.HexColor("#dddddd")


def columns(chart: Chart, width: float, height: float = 230) -> Drawing:
    """Stacked columns: one per label (a month), one colour per series (a category)."""
    font = reportlab_font()
    drawing = Drawing(width, height)
    _title(drawing, chart, font)
    legend_width = 120
    bars = VerticalBarChart()
    bars.x, bars.y = 40, 24
    bars.width, bars.height = width - bars.x - legend_width - 10, height - 24 - 2.2 * TITLE_SIZE
    bars.data = [list(values) for _, values in chart.series]
    bars.categoryAxis.categoryNames = list(chart.labels)
    bars.categoryAxis.style = "stacked"
    bars.categoryAxis.labels.fontName, bars.categoryAxis.labels.fontSize = font, LABEL_SIZE
    totals = [sum(v[i] for _, v in chart.series) for i in range(len(chart.labels))]
    _value_axis(bars.valueAxis, max(totals, default=0), font, _whole(chart))
    bars.barWidth, bars.groupSpacing = 10, 6
    for n in range(len(chart.series)):
        bars.bars[n].fillColor = PALETTE[n % len(PALETTE)]
        bars.bars[n].strokeColor = None
    drawing.add(bars)
    drawing.add(_legend(chart, font, bars.x + bars.width + 14, bars.y + bars.height))
    return drawing


def _legend(chart: Chart, font: str, x: float, top: float) -> Legend:
    legend = Legend()
    legend.x, legend.y, legend.alignment = x, top, "right"
    legend.fontName, legend.fontSize = font, LABEL_SIZE + 0.5
    legend.dx = legend.dy = 8
    legend.deltay = 13
    legend.colorNamePairs = [(PALETTE[n % len(PALETTE)], name) for n, (name, _) in enumerate(chart.series)]
    return legend


def bars(chart: Chart, width: float) -> Drawing:
    """A ranked list: the first label on top, each bar with its value at the end."""
    font = reportlab_font()
    row = 16
    height = 2.2 * TITLE_SIZE + 24 + row * max(1, len(chart.labels))
    drawing = Drawing(width, height)
    _title(drawing, chart, font)
    chart_bars = HorizontalBarChart()
    label_width = min(180, 12 + LABEL_SIZE * max((len(s) for s in chart.labels), default=4))
    chart_bars.x, chart_bars.y = label_width, 20
    chart_bars.width = width - label_width - 40
    chart_bars.height = row * max(1, len(chart.labels))
    values = list(chart.series[0][1]) if chart.series else []
    chart_bars.data = [values[::-1]]                 # reportlab draws the first at the bottom
    chart_bars.categoryAxis.categoryNames = list(chart.labels[::-1])
    chart_bars.categoryAxis.labels.fontName = font
    chart_bars.categoryAxis.labels.fontSize = LABEL_SIZE + 1
    _value_axis(chart_bars.valueAxis, max(values, default=0), font, _whole(chart))
    chart_bars.bars[0].fillColor, chart_bars.bars[0].strokeColor = PALETTE[0], None
    chart_bars.barLabelFormat = lambda v: f"{v:g}"
    chart_bars.barLabels.fontName, chart_bars.barLabels.fontSize = font, LABEL_SIZE
    chart_bars.barLabels.boxAnchor, chart_bars.barLabels.dx = "w", 3
    drawing.add(chart_bars)
    if any(needs_fallback(label) for label in chart.labels):
        _own_labels(drawing, chart_bars, list(chart.labels[::-1]), LABEL_SIZE + 1)
    return drawing


def drawing_for(chart: Chart, width: float) -> Drawing:
    return columns(chart, width) if chart.kind == "columns" else bars(chart, width)
