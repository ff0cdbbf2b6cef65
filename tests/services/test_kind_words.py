"""Every place that words an entry's or a stock movement's kind takes the words from kiosk.core.kinds.

The table's words are swapped for marks («award» …) and every screen, report, list and
command that names kinds must show the marks: a place with its own word fails here.
"""

from __future__ import annotations

import dataclasses

import pytest

from kiosk.cli import main
from kiosk.core import kinds
from kiosk.services import reports
from kiosk.services.context import SELFSERVICE
from kiosk.services.people import residents
from kiosk.services.points import awards, balances
from kiosk.services.points.transfers import forfeit, transfer
from kiosk.services.selfservice import screen as selfservice
from kiosk.services.shop import checkout, refunds
from kiosk.services.stock import movements as stock
from kiosk.services.sync import kept_words as sync_kept_words
from tests.conftest import give


def mark(code: str) -> str:
    return f"«{code}»"


@pytest.fixture
def marked(monkeypatch):
    for table in (kinds.ENTRY_KINDS, kinds.STOCK_KINDS):
        for code, kind in list(table.items()):
            monkeypatch.setitem(table, code, dataclasses.replace(kind, words=mark(code)))


@pytest.fixture
def every_kind(shop):
    """王小明's account has an entry of every kind (nine: `kiosk balance` shows ten); 香皂 a movement of every kind."""
    give(shop, "JF000001", 3)
    sale = checkout.redeem_items(shop, "JF000001", ["香皂x2"])
    refunds.refund(shop, sale.receipt, "不要了", {1: 1})
    awards.adjust(shop, "JF000001", "-1", "多记了")
    awards.award(shop, "JF000001", "kf_dubo")
    mine, other = (balances.standing(shop, card).account_id for card in ("JF000001", "JF000003"))
    with shop.db.write() as conn:
        transfer(conn, shop, mine, other, 100, "合户")
        forfeit(conn, shop, mine, 100, "过期")
    stock.take(shop, "香皂", 27)
    stock.writeoff(shop, "香皂", 1, "damaged", "摔坏了")
    stock.adjust(shop, "香皂", "+1", "点错了")
    return shop


def kinds_in(db, table: str) -> set[str]:
    return {r[0] for r in db.all(f"SELECT DISTINCT kind FROM {table}")}


def test_the_scene_has_every_kind(every_kind):
    assert kinds_in(every_kind.db, "entry") == set(kinds.ENTRY_KINDS)
    assert kinds_in(every_kind.db, "stock_move") == set(kinds.STOCK_KINDS)


def test_the_touchscreen_words_kinds_from_the_table(every_kind, marked):
    reader = every_kind.as_actor(SELFSERVICE)
    shown = " ".join(h.words for h in selfservice.details(reader, residents.resolve(reader, "JF000001")).history)
    # awards and deductions read as their rule, a redemption as its goods; the rest by kind
    for code in ("refund", "adjust", "expire", "transfer"):
        assert mark(code) in shown, code


def test_the_daily_report_words_every_entry_kind_from_the_table(every_kind, marked):
    report = reports.make(every_kind, "daily", every_kind.clock.now().date().isoformat())
    rows = {row[0] for row in report.table("balance").rows}
    assert {mark(code) for code in kinds.ENTRY_KINDS} <= rows
    assert {f.label for f in report.facts} >= {mark("award"), mark("redeem")}


def test_the_movements_report_words_every_stock_kind_from_the_table(every_kind, marked):
    report = reports.make(every_kind, "movements", every_kind.clock.now().date().isoformat()[:7])
    titles = {c.title for c in report.table("movements").columns}
    assert {mark(code) for code in kinds.STOCK_KINDS} <= titles
    assert {row[2] for row in report.table("moves").rows} == {mark(code) for code in kinds.STOCK_KINDS}


def test_kept_aside_records_word_their_kind_from_the_table(every_kind, marked):
    db = every_kind.db
    for table, kept in (("entry", kinds.ENTRY_KINDS), ("stock_move", kinds.STOCK_KINDS)):
        for code in kept:
            record_id = db.scalar(f"SELECT id FROM {table} WHERE kind = ? LIMIT 1", (code,))
            what, _when = sync_kept_words.describe(db, table, record_id)
            assert mark(code) in what, (table, code, what)


def test_the_command_line_words_kinds_from_the_table(every_kind, marked, db_path, capsys):
    capsys.readouterr()
    assert main(["--db", str(db_path), "balance", "JF000001"]) in (0, None)
    shown = capsys.readouterr().out
    assert {code for code in kinds.ENTRY_KINDS if mark(code) in shown} == set(kinds.ENTRY_KINDS), shown
    assert main(["--db", str(db_path), "stock", "moves", "--product", "香皂"]) in (0, None)
    shown = capsys.readouterr().out
    assert {code for code in kinds.STOCK_KINDS if mark(code) in shown} == set(kinds.STOCK_KINDS), shown


def test_an_unknown_kind_is_never_shown_as_its_code(shop, monkeypatch):
    """A kind the table lacks (a newer program's) reads 未知类型 on the touchscreen and in the books."""
    give(shop, "JF000001")
    monkeypatch.delitem(kinds.ENTRY_KINDS, "award")
    entry_id = shop.db.scalar("SELECT id FROM entry WHERE kind = 'award'")
    what, _when = sync_kept_words.describe(shop.db, "entry", entry_id)
    assert "未知类型" in what and "award" not in what
    report = reports.make(shop, "daily", shop.clock.now().date().isoformat())
    assert "未知类型" in {row[0] for row in report.table("balance").rows}
