"""The catalogue as a spreadsheet (.xlsx or .csv), with the columns an import reads."""

from __future__ import annotations

from pathlib import Path

from kiosk.i18n import _
from kiosk.core.weighed import quantity
from kiosk.services.shop import catalogue_measure, catalogue_search, limits
from kiosk.services.context import Context
from kiosk.services.spreadsheets import Amount, write_table

HEADER = ("条码", "名称", "拼音", "分类", "单位", "积分", "预警数量", "其他条码", "库存", "状态", "来源",
          "计量步长", "限购", "限购周期")


def _measure(e) -> list[str]:
    """计量步长, 限购, 限购周期 as an import reads them back: '0.1', '2', '月'."""
    measure = catalogue_measure.fields(e.scale, e.limit, e.per)
    return [measure["step"], measure["limit"], _(limits.PERIODS[measure["per"]]) if measure["per"] else ""]


def export_products(ctx: Context, path: Path | str, include_retired: bool = True) -> int:
    """Writes every product (retired ones too, unless told) and returns how many."""
    index = catalogue_search.load_index(ctx)
    rows = [[e.code, e.name, e.initials, e.category, e.unit, Amount(str(e.price)),
             e.reorder_level, " ".join(e.codes[1:]), quantity(e.stock, e.scale),
             _("在售") if e.active else _("已下架"),
             _("乡镇") if e.township else _("本村"), *_measure(e)]
            for e in index.entries if include_retired or e.active]
    write_table(path, list(HEADER), rows)
    return len(rows)
