"""An insider forges a row that names a real, chained sale as its own: a second redeem
entry or a stock move. Since migration 0028 a sale's redeem entry and stock moves are
chained only inside the sale's body, so `kiosk check` must name the forged row as one that
sale's chained body never held, even with the balance and stock caches fixed to agree."""

from __future__ import annotations

from tests.services.audit.test_chain_tamper import books, problems, refresh_caches, tamper, _said  # noqa: F401

FORGED_REDEEM = ("INSERT INTO entry (id, account_id, resident_id, kind, hundredths, sale_id, note, terminal_id,"
                 " activity_date, at) SELECT 'forged-redeem', account_id, resident_id, 'redeem', -100, sale_id, '',"
                 " terminal_id, activity_date, at FROM entry WHERE kind = 'redeem' LIMIT 1")


def _forged_move(kind: str) -> str:
    return ("INSERT INTO stock_move (id, product_id, kind, qty, sale_id, operator_id, terminal_id, at)"
            f" SELECT 'forged-move', product_id, '{kind}', -1, sale_id, operator_id, terminal_id, at"
            " FROM stock_move WHERE kind = 'sale' LIMIT 1")


def test_forged_redeem_entry_naming_a_chained_sale(books):
    tamper(books, FORGED_REDEEM)
    refresh_caches(books)
    found = problems(books)
    assert not _said(found, "余额缓存不符")
    assert _said(found, "1 条积分流水不在账本链条里", "它说自己属于", "兑换单", "并没有它", "forged-redeem")


def test_forged_sale_stock_move_naming_a_chained_sale(books):
    """The sale's link hashes its body read from the records now (it is sealed with no stored
    body), so the forged move breaks the chain at that sale."""
    tamper(books, _forged_move("sale"))
    refresh_caches(books)
    found = problems(books)
    assert not _said(found, "库存缓存不符")
    assert _said(found, "记账对不上", "兑换单（王小明", "被改动过")


def test_forged_stock_move_of_another_kind_naming_a_chained_sale(books):
    """Not a sale's kind of move, so no sale's body ever carries it, whatever sale it names."""
    tamper(books, _forged_move("damage"))
    refresh_caches(books)
    assert _said(problems(books), "1 条出入库记录不在账本链条里", "forged-move")

