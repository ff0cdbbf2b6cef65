"""Thermal paper sizes at 203 dpi: 58 mm prints 48 mm (384 dots), 80 mm prints 72 mm (576 dots).

Text uses the printer's 12x24 font: a half-width column is 12 dots (1.5 mm), a
Chinese character two columns. Code128 modules are whole dots so they stay sharp.
"""

from __future__ import annotations

from dataclasses import dataclass

DPI = 203
MM_PER_INCH = 25.4
PT_PER_MM = 72 / MM_PER_INCH
QUIET_MODULES = 10          # Code128 quiet zone each side, in modules


@dataclass(frozen=True)
class Paper:
    width_mm: int           # roll width
    printable_mm: float     # what the print head covers
    dots: int               # print head width at 203 dpi
    columns: int            # half-width columns of the 12x24 font
    module_dots: int        # Code128 narrow bar, in dots

    @property
    def margin_mm(self) -> float:
        return (self.width_mm - self.printable_mm) / 2


PAPERS = {
    58: Paper(58, 48.0, 384, 32, 3),
    80: Paper(80, 72.0, 576, 48, 4),
}


def paper_for(width_mm: int) -> Paper:
    try:
        return PAPERS[int(width_mm)]
    except (KeyError, TypeError, ValueError):
        raise ValueError(f"paper width must be 58 or 80 mm, not {width_mm!r}") from None
