"""Which column of a village's list holds what: found by its header, or as the manager says.

Villages head their lists in their own words and order (姓名 / 户主 / 门牌号 / 与户主关系 /
身份证后四位 / 电话 …). Each field is found by any of its usual names; a manager can
map a header by hand (`家庭住址=门牌号`, or `备注=-` to leave a column out).
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.names import normalise_text

IGNORE = ("-", "忽略", "ignore")


@dataclass(frozen=True)
class Field:
    key: str
    zh: str
    en: str
    names: tuple[str, ...]      # headers that mean this field, matched without case or spaces


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, int]     # field key → column index
    by_hand: frozenset[str]     # fields the manager mapped

    def column_of(self, key: str) -> int | None:
        return self.columns.get(key)


def _key(text: object) -> str:
    return normalise_text(text).replace(" ", "").lower()


def field_named(fields: tuple[Field, ...], text: str) -> Field | None:
    """A field by its key, its Chinese or English word, or one of its header names."""
    wanted = _key(text)
    return next((f for f in fields if wanted in {_key(n) for n in (f.key, f.zh, f.en, *f.names)}), None)


def parse_overrides(pairs: list[str] | dict[str, str] | None) -> dict[str, str]:
    """'家庭住址=门牌号' items (or a dict) → {header: field word}."""
    if not pairs:
        return {}
    items = pairs.items() if isinstance(pairs, dict) else (_split(p) for p in pairs)
    return {normalise_text(header): normalise_text(field) for header, field in items}


def _split(pair: str) -> tuple[str, str]:
    header, sep, field = str(pair).partition("=")
    if not sep or not normalise_text(header):
        raise Refused("import_map_bad", value=pair)
    return header, field


def mapping(header: list[str], fields: tuple[Field, ...], required: tuple[str, ...],
            overrides: dict[str, str]) -> Mapping:
    """Map fields to columns: by hand first, then by the usual names; refuses what is unclear."""
    index = {_key(h): i for i, h in reversed(list(enumerate(header))) if _key(h)}
    columns: dict[str, int] = {}
    taken: set[int] = set()
    for head, word in overrides.items():
        column = index.get(_key(head))
        if column is None:
            raise Refused("import_map_no_column", column=head,
                          columns="、".join(h for h in header if normalise_text(h)) or "—")
        taken.add(column)
        if _key(word) in IGNORE:
            continue
        field = field_named(fields, word)
        if field is None:
            raise Refused("import_map_no_field", field=word, fields="、".join(f.zh for f in fields))
        if field.key in columns:
            raise Refused("import_map_twice", field=field.zh)
        columns[field.key] = column
    by_hand = frozenset(columns)
    for field in fields:
        if field.key in columns:
            continue
        found = next((index[_key(n)] for n in (field.zh, *field.names)
                      if _key(n) in index and index[_key(n)] not in taken), None)
        if found is not None:
            columns[field.key] = found
            taken.add(found)
    missing = [f.zh for f in fields if f.key in required and f.key not in columns]
    if missing:
        raise Refused("csv_columns", missing="、".join(missing))
    return Mapping(columns, by_hand)


def finds_header(fields: tuple[Field, ...], required: tuple[str, ...], overrides: dict[str, str]):
    """A test for read_table: is this row the header? One that maps, or failing that one
    with a header we know (so a mapping that does not fit is refused naming the real columns)."""
    known = {_key(n) for f in fields for n in (f.zh, *f.names)} | {_key(h) for h in overrides}

    def test(cells: list[str]) -> bool:
        try:
            mapping(cells, fields, required, overrides)
        except Refused:
            return any(_key(cell) in known for cell in cells)
        return True
    return test
