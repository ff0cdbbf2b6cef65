"""What the reports read: sums over a period of the ledger, the sales and the stock.

Nothing here writes. Periods are [start, end) on the time a record was made (`at`,
local 'YYYY-MM-DD HH:MM:SS' text compared with 'YYYY-MM-DD').

The ledger's sums go through the covering index entry_kind_at (kind, rule_id, at,
hundredths) from 0005_reports: one short range per (kind, rule) pair, so a month of
a ten-year ledger reads that month only, and nothing has to be sorted to group it
(a GROUP BY over a month of half a million entries sorts ~40,000 rows: 7× slower).
The pairs are every kind present in the ledger (found by skipping along the index)
with every rule, and with no rule: an entry's rule is a rule (foreign key) or none.
"""

from __future__ import annotations

import sqlite3

from kiosk.store.db import Database

_PAIRS = (
    "WITH RECURSIVE kinds(kind) AS (SELECT MIN(kind) FROM entry UNION ALL"
    " SELECT (SELECT MIN(kind) FROM entry WHERE kind > kinds.kind) FROM kinds WHERE kinds.kind IS NOT NULL),"
    " pairs AS (SELECT kinds.kind, r.id AS rule_id FROM kinds CROSS JOIN"
    " (SELECT id FROM rule UNION ALL SELECT NULL) r WHERE kinds.kind IS NOT NULL) "
)
_OF_PAIR = "FROM entry e WHERE e.kind = p.kind AND e.rule_id IS p.rule_id"


def _marks(values) -> str:
    return ", ".join("?" * len(values))


# the ledger ---------------------------------------------------------------------------

def ledger_by_kind_rule(db: Database, start: str, end: str) -> list[sqlite3.Row]:
    """(kind, rule_id, entries, hundredths) of the entries made in [start, end)."""
    rows = db.all(
        f"{_PAIRS}SELECT p.kind, p.rule_id,"
        f" (SELECT COUNT(*) {_OF_PAIR} AND e.at >= ?1 AND e.at < ?2) AS entries,"
        f" (SELECT SUM(e.hundredths) {_OF_PAIR} AND e.at >= ?1 AND e.at < ?2) AS hundredths"
        " FROM pairs p", (start, end))
    return [row for row in rows if row["entries"]]


def outstanding_before(db: Database, moment: str) -> int:
    """Points owed to residents just before `moment`: all that is owed now (the cached
    balances, which `kiosk check` proves equal to the ledger) less what came after."""
    owed = db.scalar("SELECT COALESCE(SUM(hundredths), 0) FROM balance")
    since = db.scalar(f"{_PAIRS}SELECT SUM((SELECT SUM(e.hundredths) {_OF_PAIR} AND e.at >= ?))"
                      " FROM pairs p", (moment,))
    return owed - (since or 0)


def rule_categories(db: Database) -> dict[str, str]:
    return dict(db.all("SELECT id, category FROM rule"))


def accounts_before(db: Database, account_ids: list[str], moment: str) -> int:
    """The balance of these accounts just before `moment`."""
    return db.scalar(
        f"SELECT COALESCE(SUM(hundredths), 0) FROM entry WHERE account_id IN ({_marks(account_ids)})"
        " AND at < ?", (*account_ids, moment))


def statement_lines(db: Database, account_ids: list[str], start: str, end: str) -> list[sqlite3.Row]:
    """Every entry of these accounts made in [start, end), oldest first, with its words.
    `items` counts pieces; a weighed line (1.5 斤, kept as 15 steps) counts as one."""
    return db.all(
        "SELECT e.at, e.activity_date, e.kind, e.hundredths, e.qty, e.note, e.reverses_id, r.name AS who,"
        " COALESCE(e.version_name, u.name) AS rule_name, COALESCE(e.version_shape, u.shape) AS shape, s.receipt,"
        " (SELECT name FROM sale_line WHERE sale_id = e.sale_id ORDER BY line_no LIMIT 1) AS first_item,"
        " (SELECT COUNT(*) FROM sale_line WHERE sale_id = e.sale_id) AS lines,"
        " (SELECT SUM(CASE WHEN qty_scale = 1 THEN qty ELSE 1 END) FROM sale_line"
        "  WHERE sale_id = e.sale_id) AS items"
        " FROM entry e LEFT JOIN resident r ON r.id = e.resident_id"
        " LEFT JOIN rule u ON u.id = e.rule_id LEFT JOIN sale s ON s.id = e.sale_id"
        f" WHERE e.account_id IN ({_marks(account_ids)}) AND e.at >= ? AND e.at < ?"
        " ORDER BY e.at, e.rowid", (*account_ids, start, end))


def members_per_household(db: Database) -> dict[str, int]:
    """Active members per household id."""
    return dict(db.all("SELECT household_id, COUNT(*) FROM resident WHERE status = 'active'"
                       " GROUP BY household_id"))


# the counter ----------------------------------------------------------------------------

def sales_in(db: Database, start: str, end: str) -> tuple[int, int]:
    """(sales, points) of the exchanges made in [start, end)."""
    row = db.one("SELECT COUNT(*), COALESCE(SUM(total), 0) FROM sale WHERE at >= ? AND at < ?",
                 (start, end))
    return row[0], row[1]


def refunds_in(db: Database, start: str, end: str) -> tuple[int, int]:
    row = db.one("SELECT COUNT(*), COALESCE(SUM(total), 0) FROM refund WHERE at >= ? AND at < ?",
                 (start, end))
    return row[0], row[1]


def goods_sold(db: Database, start: str, end: str) -> list[sqlite3.Row]:
    """(product_id, qty, hundredths) exchanged in [start, end)."""
    return db.all(
        "SELECT l.product_id, SUM(l.qty) AS qty,"
        " SUM((2 * l.qty * l.price + l.qty_scale) / (2 * l.qty_scale)) AS hundredths"
        " FROM sale s JOIN sale_line l ON l.sale_id = s.id WHERE s.at >= ? AND s.at < ?"
        " GROUP BY l.product_id", (start, end))


def goods_refunded(db: Database, start: str, end: str) -> list[sqlite3.Row]:
    """(product_id, qty, hundredths) handed back in [start, end)."""
    return db.all(
        "SELECT l.product_id, SUM(rl.qty) AS qty,"
        " SUM((2 * rl.qty * l.price + l.qty_scale) / (2 * l.qty_scale)) AS hundredths"
        " FROM refund f JOIN refund_line rl ON rl.refund_id = f.id"
        " JOIN sale_line l ON l.sale_id = f.sale_id AND l.line_no = rl.line_no"
        " WHERE f.at >= ? AND f.at < ? GROUP BY l.product_id", (start, end))


# the stock ------------------------------------------------------------------------------

def products(db: Database, ids: list[str] | None = None) -> list[sqlite3.Row]:
    """Every product (or those with these ids) with its category name, in catalogue order."""
    where = "" if ids is None else f" WHERE p.id IN ({_marks(ids)})"
    return db.all(
        "SELECT p.id, p.code, p.name, COALESCE(c.name, '') AS category, p.unit, p.price,"
        f" p.reorder_level, p.active, p.qty_scale FROM product p LEFT JOIN category c ON c.id = p.category_id{where}"
        " ORDER BY c.sort, c.name, p.name, p.code", tuple(ids or ()))


def stock_before(db: Database, moment: str) -> dict[str, int]:
    """Each product's stock just before `moment`: the sum of its earlier movements."""
    return dict(db.all("SELECT product_id, SUM(qty) FROM stock_move WHERE at < ?"
                       " GROUP BY product_id", (moment,)))


def moves_by_kind(db: Database, start: str, end: str) -> list[sqlite3.Row]:
    """(product_id, kind, qty) of the stock movements made in [start, end)."""
    return db.all("SELECT product_id, kind, SUM(qty) AS qty FROM stock_move"
                  " WHERE at >= ? AND at < ? GROUP BY product_id, kind", (start, end))


def moves_for_value(db: Database, end: str) -> list[tuple]:
    """(product_id, kind, qty, unit_cost, at) of every movement before `end`, product by product
    in the order they happened: what a moving average cost is replayed from."""
    return [tuple(r) for r in db.all(
        "SELECT product_id, kind, qty, unit_cost, at FROM stock_move WHERE at < ?"
        " ORDER BY product_id, at, rowid", (end,))]


def moves_in(db: Database, start: str, end: str) -> list[sqlite3.Row]:
    """Every stock movement made in [start, end), oldest first, with who and what."""
    return db.all(
        "SELECT m.at, p.code, p.name, m.kind, m.qty, p.qty_scale, m.source, m.note, s.receipt,"
        " COALESCE(d.number, '') AS delivery_number, COALESCE(d.note_no, '') AS note_no,"
        " COALESCE(u.name, '') AS supplier,"
        " COALESCE(o.name, '') AS operator FROM stock_move m JOIN product p ON p.id = m.product_id"
        " LEFT JOIN operator o ON o.id = m.operator_id LEFT JOIN sale s ON s.id = m.sale_id"
        " LEFT JOIN delivery d ON d.id = m.delivery_id LEFT JOIN supplier u ON u.id = d.supplier_id"
        " WHERE m.at >= ? AND m.at < ? ORDER BY m.at, m.rowid", (start, end))
