"""Label stock: the standard A4 sheets (3×8 of 70×37 mm, 4×10 of 52.5×29.7 mm) and
the 40×30 mm roll of a thermal label printer, and where each label lands on it.

Positions count from 0 at the top left, row by row, as a volunteer counts the
used labels on a partly used sheet. Lengths are millimetres from the top left.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.printing.paper import PT_PER_MM
from kiosk.i18n import N_


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Sheet:
    key: str
    zh: str
    page: tuple[float, float]        # width, height
    label: tuple[float, float]       # width, height
    columns: int
    rows: int
    origin: tuple[float, float]      # top left corner of the first label
    padding: tuple[float, float]     # kept clear inside every label: sideways, up/down
    reach: float                     # an office printer cannot ink this close to the paper's edge
    module_dots: int                 # EAN module width in 203-dpi dots, when it fits
    bar_mm: float                    # barcode height, digits included
    name_pt: float                   # largest name size; long names shrink or wrap
    price_pt: float

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def page_pt(self) -> tuple[float, float]:
        return self.page[0] * PT_PER_MM, self.page[1] * PT_PER_MM

    def slot(self, position: int) -> Box:
        """The label at `position` on a page."""
        row, column = divmod(position, self.columns)
        return Box(self.origin[0] + column * self.label[0], self.origin[1] + row * self.label[1],
                   *self.label)

    def content(self, position: int) -> Box:
        """Where that label's print goes: inside its padding and within the printer's reach."""
        slot, (pad_x, pad_y) = self.slot(position), self.padding
        left = max(slot.x + pad_x, self.reach)
        top = max(slot.y + pad_y, self.reach)
        right = min(slot.right - pad_x, self.page[0] - self.reach)
        bottom = min(slot.bottom - pad_y, self.page[1] - self.reach)
        return Box(left, top, right - left, bottom - top)


A4 = (210.0, 297.0)

SHEETS: dict[str, Sheet] = {
    # Avery 3474 / Herma 4453 style: edge to edge across, 0.5 mm top and bottom.
    "3x8": Sheet("3x8", N_("A4 不干胶 3×8（70×37 毫米，24 个）"), A4, (70.0, 37.0), 3, 8, (0.0, 0.5),
                 (3.0, 2.0), 4.0, 3, 11.5, 12.0, 24.0),
    # Avery 3651 style: edge to edge both ways.
    "4x10": Sheet("4x10", N_("A4 不干胶 4×10（52.5×29.7 毫米，40 个）"), A4, (52.5, 29.7), 4, 10, (0.0, 0.0),
                  (2.5, 1.5), 4.0, 3, 9.0, 9.5, 18.0),
    # One label a page: the thermal printer's driver feeds one label per page.
    "40x30": Sheet("40x30", N_("标签打印机 40×30 毫米（一页一个）"), (40.0, 30.0), (40.0, 30.0), 1, 1,
                   (0.0, 0.0), (1.5, 1.2), 0.0, 2, 9.0, 8.5, 15.0),
}


@dataclass(frozen=True)
class Placement:
    page: int       # from 0
    position: int   # on that page, from 0


def placements(sheet: Sheet, count: int, skip: int = 0) -> list[Placement]:
    """Where `count` labels go when the first `skip` positions of the first sheet are used."""
    if not 0 <= skip < sheet.per_page:
        raise ValueError(f"skip must be 0 to {sheet.per_page - 1}, not {skip}")
    return [Placement(*divmod(skip + n, sheet.per_page)) for n in range(count)]


def page_count(sheet: Sheet, count: int, skip: int = 0) -> int:
    return -(-(skip + count) // sheet.per_page) if count else 0
