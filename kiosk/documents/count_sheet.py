"""A stock count (盘点) as its sheet shows it: each product's books and what was found."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CountLine:
    product_id: str
    name: str
    code: str
    unit: str
    snapshot: int             # on the books when the count started
    counted: int | None       # what was found on the shelf
    at_count: int | None      # on the books when it was counted
    on_hand: int              # on the books now
    counted_at: str

    @property
    def difference(self) -> int | None:
        return None if self.counted is None else self.counted - self.at_count

    @property
    def after(self) -> int | None:
        """The stock once posted: today's, moved by the difference."""
        return None if self.counted is None else self.on_hand + self.difference


@dataclass(frozen=True)
class StockCount:
    id: str
    status: str
    started_at: str
    started_by: str
    lines: tuple[CountLine, ...]

    @property
    def counted(self) -> list[CountLine]:
        return [line for line in self.lines if line.counted is not None]

    @property
    def differing(self) -> list[CountLine]:
        return [line for line in self.counted if line.difference]
