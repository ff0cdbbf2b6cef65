"""The village's list of residents and households, in from Excel or CSV and out again.

`plan` reads the file, maps its columns and checks every row against the file
itself and the books, writing nothing: the manager sees each row and what is wrong
with it. `import_residents` writes only a plan without a single bad row, in one
transaction, and refuses naming the bad rows otherwise. `export_residents` writes
the same columns back (xlsx, or CSV with a BOM that Excel opens as Chinese).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.columns import Field, Mapping, finds_header, mapping, parse_overrides
from kiosk.core.errors import Refused
from kiosk.i18n import message, word
from kiosk.messages.values import STATUS_WORDS
from kiosk.services.people import residents
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.people.resident_checks import PlanRow, RowChecker
from kiosk.services.spreadsheets import read_table, write_table
from kiosk.store import households as store

FIELDS = (
    Field("house_no", "门牌号", "house number", ("门牌", "户号", "house_no", "house")),
    Field("head", "户主", "head", ("户主姓名", "head")),
    Field("name", "姓名", "name", ("名字", "name")),
    Field("relation", "与户主关系", "relation", ("关系", "与户主的关系", "relation")),
    Field("id_last4", "身份证后四位", "ID last 4", ("身份证号后四位", "身份证后4位", "id_last4")),
    Field("phone", "电话", "phone", ("手机", "手机号", "联系电话", "电话号码", "phone")),
    Field("card_code", "卡号", "card code", ("card", "card_code")),
)
REQUIRED = ("name", "house_no")
MAX_SHOWN_ERRORS = 20


@dataclass(frozen=True)
class ImportPlan:
    header: tuple[str, ...]
    mapping: Mapping
    rows: tuple[PlanRow, ...]
    new_households: tuple[str, ...]

    @property
    def errors(self) -> tuple[PlanRow, ...]:
        return tuple(r for r in self.rows if r.error)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    def field_of_column(self, column: int) -> str:
        return next((k for k, c in self.mapping.columns.items() if c == column), "")


@dataclass(frozen=True)
class Imported:
    residents: int
    households: int


def plan(ctx: Context, path: Path | str, overrides=None) -> ImportPlan:
    """Every row as it would go in, with what is wrong with it; nothing is written."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    chosen = parse_overrides(overrides)
    table = read_table(path, finds_header(FIELDS, REQUIRED, chosen))
    if not table.rows:
        raise Refused("csv_empty")
    columns = mapping(table.header, FIELDS, REQUIRED, chosen)
    checker = RowChecker(ctx.db, table.header)
    rows = [checker.check(row, _values(row.cells, columns)) for row in table.rows]
    rows = checker.check_heads(rows)
    return ImportPlan(tuple(table.header), columns, tuple(rows), tuple(checker.new_houses(rows)))


def _values(cells: list[str], columns: Mapping) -> dict[str, str]:
    return {key: (cells[i].strip() if i < len(cells) else "") for key, i in columns.columns.items()}


def import_residents(ctx: Context, path: Path | str, overrides=None) -> Imported:
    """All rows or none: refused, naming the bad rows, when any row is wrong."""
    checked = plan(ctx, path, overrides)
    if checked.errors:
        shown = "\n".join(message("csv_row", row=r.number, reason=r.error)
                          for r in checked.errors[:MAX_SHOWN_ERRORS])
        raise Refused("csv_rows", count=len(checked.errors), rows=shown)
    with ctx.db.write():
        for row in _heads_first(checked.rows):
            v = row.values
            residents.add_resident(
                ctx, name=v["name"], house_no=v["house_no"],
                relation="户主" if row.is_head else v.get("relation", ""),
                card_code=v.get("card_code") or None, id_last4=v.get("id_last4") or None,
                phone=v.get("phone") or None)
    return Imported(len(checked.rows), len(checked.new_households))


def _heads_first(rows: tuple[PlanRow, ...]) -> list[PlanRow]:
    """Each household's rows together, in the file's order, its head first."""
    houses: OrderedDict[str, list[PlanRow]] = OrderedDict()
    for row in rows:
        houses.setdefault(row.values["house_no"], []).append(row)
    return [row for group in houses.values() for row in sorted(group, key=lambda r: not r.is_head)]


EXPORT_HEADER = [f.zh for f in FIELDS]


def export_residents(ctx: Context, path: Path | str, include_left: bool = False) -> tuple[Path, int]:
    """The village's list as .xlsx or .csv, in the columns an import reads back."""
    require(ctx.actor, Action.EDIT_RESIDENTS)
    rows = store.people_for_export(ctx.db, include_left)
    header = EXPORT_HEADER + (["状态"] if include_left else [])
    lines = [[r["house_no"], r["head"], r["name"], r["relation"], r["id_last4"] or "", r["phone"] or "",
              r["card_code"]] + ([word(STATUS_WORDS, r["status"], "zh")] if include_left else [])
             for r in rows]
    return write_table(path, header, lines), len(lines)
