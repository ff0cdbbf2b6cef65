"""The kinds table (kiosk.core.kinds) is complete and agrees with the schema a new database gets.

The schema is read back from a freshly migrated database (sqlite_master), so a
migration that lets in a kind the table lacks, or a kind no CHECK allows, fails here.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import typing
from pathlib import Path

import pytest

import kiosk
from kiosk.core import kinds
from kiosk.core.kinds import ENTRY_KINDS, STOCK_KINDS, EntryKind, Sign, StockKind
from kiosk.i18n import _
from kiosk.store.migrations import open_database

TOWNSHIP_SCHEMAS = sorted((Path(kiosk.__file__).parent / "township").rglob("*.sql"))
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def schema(tmp_path_factory) -> dict[str, str]:
    db = open_database(tmp_path_factory.mktemp("kinds") / "fresh.sqlite", create=True)
    try:
        return {r["name"]: r["sql"] for r in db.all("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    finally:
        db.close()


def listed(sql: str, pattern: str) -> set[str]:
    """The quoted words of the first list matching `pattern` (its group 1) in `sql`."""
    found = re.search(pattern, sql, re.DOTALL)
    assert found, f"no {pattern!r} in {sql}"
    return set(re.findall(r"'([^']*)'", found.group(1)))


def column_in(sql: str) -> set[str]:
    return listed(sql, r"\bkind\s+TEXT\s+NOT NULL\s+CHECK\s*\(\s*kind\s+IN\s*\(([^)]*)\)")


def signed(sql: str, amount: str, op: str) -> set[str]:
    return listed(sql, rf"CHECK\s*\(\s*kind\s+NOT IN\s*\(([^)]*)\)\s+OR\s+{amount}\s*{op}\s*0\s*\)")


def with_sign(table, *signs: Sign) -> set[str]:
    return {code for code, kind in table.items() if kind.sign in signs}


# -- every kind has every column ----------------------------------------------------------

def _hints(cls) -> dict[str, object]:
    return typing.get_type_hints(cls)


@pytest.mark.parametrize("kind", [*ENTRY_KINDS.values(), *STOCK_KINDS.values()], ids=lambda k: k.code)
def test_every_kind_fills_every_column(kind):
    for column in dataclasses.fields(kind):
        value, wanted = getattr(kind, column.name), _hints(type(kind))[column.name]
        if column.name == "revoked_by":
            assert value is None or value in ENTRY_KINDS, f"{kind.code}: revoked by an unknown kind {value!r}"
        elif wanted is bool:
            assert type(value) is bool, f"{kind.code}: {column.name} is {value!r}, not True or False"
        elif wanted is Sign:
            assert isinstance(value, Sign), f"{kind.code}: sign is {value!r}"
        else:
            assert isinstance(value, str) and value.strip(), f"{kind.code}: {column.name} is empty"


def test_a_row_missing_a_column_cannot_be_written():
    with pytest.raises(TypeError, match="words"):
        EntryKind("gift", Sign.PLUS, True, None, True, False)    # type: ignore[call-arg]
    with pytest.raises(TypeError, match="by_hand"):
        StockKind("gift", Sign.PLUS, False)                      # type: ignore[call-arg]


@pytest.mark.parametrize("table", [ENTRY_KINDS, STOCK_KINDS], ids=["entry", "stock"])
def test_each_kind_has_its_own_words_in_both_languages(table):
    codes = list(table)
    zh = [kinds.entry_words(c, "zh") if table is ENTRY_KINDS else kinds.stock_words(c, "zh") for c in codes]
    en = [kinds.entry_words(c, "en") if table is ENTRY_KINDS else kinds.stock_words(c, "en") for c in codes]
    assert len(set(zh)) == len(codes) and len(set(en)) == len(codes), (zh, en)
    assert all(CJK.search(w) for w in zh)
    assert not any(CJK.search(w) for w in en), en
    assert all(table[c].words.context == f"{'entry' if table is ENTRY_KINDS else 'stock'}_kind" for c in codes)


def test_a_reversal_is_itself_revocable_and_takes_back_with_the_opposite_sign():
    for kind in ENTRY_KINDS.values():
        if kind.revocable:
            back = ENTRY_KINDS[kind.revoked_by]
            assert back.revocable, kind.code
            assert back.sign.allows(-1 if kind.sign is Sign.PLUS else 1), kind.code


# -- the table and the schema agree ------------------------------------------------------

def test_the_ledgers_check_allows_exactly_the_entry_kinds(schema):
    assert column_in(schema["entry"]) == set(ENTRY_KINDS)


def test_the_stock_check_allows_exactly_the_stock_kinds(schema):
    assert column_in(schema["stock_move"]) == set(STOCK_KINDS)


def test_the_schemas_signs_are_the_tables_signs(schema):
    assert signed(schema["entry"], "hundredths", ">") == with_sign(ENTRY_KINDS, Sign.PLUS)
    assert signed(schema["entry"], "hundredths", "<") == with_sign(ENTRY_KINDS, Sign.MINUS)
    assert signed(schema["stock_move"], "qty", ">") == with_sign(STOCK_KINDS, Sign.PLUS)
    assert signed(schema["stock_move"], "qty", "<") == with_sign(STOCK_KINDS, Sign.MINUS)


def test_the_notice_index_covers_the_kinds_on_notice(schema):
    """Notices are read INDEXED BY entry_notice_all: its WHERE must be the table's on-notice kinds."""
    assert listed(schema["entry_notice_all"], r"WHERE\s+kind\s+IN\s*\(([^)]*)\)") == set(kinds.ON_NOTICE)


@pytest.mark.parametrize("path", TOWNSHIP_SCHEMAS, ids=lambda p: p.name)
def test_a_township_schema_listing_entry_kinds_lists_them_all(path):
    sql = path.read_text(encoding="utf-8")
    for found in re.finditer(r"kind\s+IN\s*\(([^)]*)\)", sql):
        words = set(re.findall(r"'([^']*)'", found.group(1)))
        if words & set(ENTRY_KINDS):
            assert words == set(ENTRY_KINDS), f"{path.name}: {sorted(words)}"
        if words & (set(STOCK_KINDS) - {"adjust", "return"}):
            assert words == set(STOCK_KINDS), f"{path.name}: {sorted(words)}"


def test_the_checker_reads_a_schema_that_lets_in_an_unknown_kind():
    """The parser above is not vacuous: a CHECK with an extra kind reads as a different set."""
    sql = ("CREATE TABLE entry (kind TEXT NOT NULL CHECK (kind IN ('award', 'deduct', 'redeem', 'refund',"
           " 'adjust', 'expire', 'transfer', 'gift')))")
    assert column_in(sql) - set(ENTRY_KINDS) == {"gift"}


# -- a kind this program does not know --------------------------------------------------

@pytest.mark.parametrize("words", [kinds.entry_words, kinds.stock_words])
def test_an_unknown_kind_reads_unknown_and_is_logged(words, caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.core.kinds"):
        assert words("gift", "zh") == "未知类型"
        assert words("gift", "en") == "unknown kind"
    assert [r.getMessage() for r in caplog.records].count(caplog.records[0].getMessage()) == 2
    assert "'gift'" in caplog.records[0].getMessage()


def test_a_known_kind_is_not_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="kiosk.core.kinds"):
        assert kinds.entry_words("award", "zh") == _(ENTRY_KINDS["award"].words, "zh") == "加分"
    assert not caplog.records
