"""redeem: a 3-line sale through `checkout.redeem`, beside a bare sqlite3 floor.

The floor writes the same rows a sale writes (sale, 3 sale_line, the redeem entry,
3 stock_move, 5 journal rows, 1 audit row and the audit_head) as plain SQL on the
program's own connection (same file, same pragmas, same page cache), in one
BEGIN IMMEDIATE … COMMIT.
Every value is computed before its clock starts. The two alternate (which goes first
swaps every round) so they share the disk's moods. The floor's rows are whole and
chained (its books' chain rows are sealed after its clock stops), so `kiosk check` still
passes afterwards.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime
from time import perf_counter_ns

from kiosk.core.cart import Cart
from kiosk.core.clock import SystemClock, stamp
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.core.receipts import receipt_number
from kiosk.services.people import operators
from kiosk.services.shop import checkout
from kiosk.services.context import Context, Role
from kiosk.services.setup.demo_data import load
from kiosk.store import audit, chain
from kiosk.store.db import Database
from tests.bench.timing import summary

SALES, WARMUP, TARGET_RATIO = 300, 20, 1.5
SEED = 7

SALE = ("INSERT INTO sale (id, receipt, resident_id, account_id, total, balance_before,"
        " balance_after, operator_id, terminal_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
SALE_LINE = ("INSERT INTO sale_line (sale_id, line_no, product_id, name, price, qty)"
             " VALUES (?, ?, ?, ?, ?, 1)")
ENTRY = ("INSERT INTO entry (id, account_id, resident_id, kind, hundredths, sale_id, note,"
         " operator_id, terminal_id, activity_date, at)"
         " VALUES (?, ?, ?, 'redeem', ?, ?, ?, ?, ?, ?, ?)")
STOCK_MOVE = ("INSERT INTO stock_move (id, product_id, kind, qty, sale_id, operator_id, terminal_id,"
              " at) VALUES (?, ?, 'sale', -1, ?, ?, ?, ?)")
JOURNAL = "INSERT INTO journal (terminal_id, seq, record_type, record_id) VALUES (?, ?, ?, ?)"
AUDIT = ("INSERT INTO audit (seq, at, operator_id, operator_name, action, target_type, target_id,"
         " before, after, prev_hash, hash) VALUES (?, ?, ?, ?, 'sale.redeem', 'sale', ?, ?, ?, ?, ?)")
AUDIT_HEAD = ("INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
              " ON CONFLICT (key) DO UPDATE SET value = excluded.value")


def volunteer_context(db: Database) -> Context:
    """Log in once as the demo's first volunteer."""
    first = next(op for op in load().village["operators"] if op["role"] == Role.VOLUNTEER)
    actor = operators.login(db, first["name"], first["pin"], datetime.now())
    return Context(db, actor, SystemClock())


def _shoppers(db: Database, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(card code, account id) of active residents with ≥ 2,000 points (a sale is ≤ 450)."""
    rows = db.all(
        "SELECT r.card_code, a.id FROM resident r JOIN account a"
        " ON a.household_id = r.household_id OR a.resident_id = r.id"
        " JOIN balance b ON b.account_id = a.id"
        " WHERE r.status = 'active' AND a.hold_reason IS NULL AND b.hundredths >= 200000"
        " ORDER BY r.card_code")
    return rng.sample([tuple(r) for r in rows], min(count, len(rows)))


def _goods(db: Database) -> list[tuple[str, str, int]]:
    """(id, name, price) of active products with stock to spare."""
    return [tuple(r) for r in db.all(
        "SELECT p.id, p.name, p.price FROM product p JOIN stock s ON s.product_id = p.id"
        " WHERE p.active = 1 AND s.qty >= 100 ORDER BY p.code")]


class Floor:
    """The same rows a sale writes, as bare SQL with values precomputed.

    It runs on the program's own connection (the same pragmas, the same page cache):
    with a second connection, each floor commit would empty the service's page cache
    before its next sale, a cost that only the side that reads pays and that the
    counter, one connection, never has."""

    def __init__(self, conn: sqlite3.Connection, terminal_id: str, terminal_no: int,
                 operator: tuple[str, str]):
        self.conn = conn
        self.terminal_id, self.terminal_no = terminal_id, terminal_no
        self.operator_id, self.operator_name = operator

    def prepare(self, resident_id: str, account_id: str, lines: list[tuple[str, str, int]]):
        """Every statement and value of one sale (reads happen here, off the clock)."""
        c, t, op = self.conn, self.terminal_id, self.operator_id
        now = datetime.now()
        at = stamp(now)
        prefix = receipt_number(now.date(), self.terminal_no, 0)[:-4]
        last = c.execute("SELECT MAX(receipt) FROM sale WHERE receipt >= ? AND receipt < ?",
                         (prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1))).fetchone()[0]
        receipt = receipt_number(now.date(), self.terminal_no, int(last[-4:]) + 1 if last else 1)
        before = c.execute("SELECT hundredths FROM balance WHERE account_id = ?",
                           (account_id,)).fetchone()[0]
        seq = c.execute("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal_id = ?",
                        (t,)).fetchone()[0]
        audit_seq, prev = c.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        total = sum(price for _, _, price in lines)
        sale_id, entry_id = new_id(), new_id()
        moves = [(new_id(), pid) for pid, _, _ in lines]
        before_text = audit._json({"balance": str(Points(before))})
        after_text = audit._json({"receipt": receipt, "total": str(Points(total)),
                                  "balance": str(Points(before - total))})
        digest = audit.row_hash(prev, audit_seq + 1, at, op, self.operator_name, "sale.redeem",
                                "sale", sale_id, before_text, after_text)
        journal = [(t, seq + 1, "sale", sale_id), (t, seq + 2, "entry", entry_id)] + [
            (t, seq + 3 + n, "stock_move", move_id) for n, (move_id, _) in enumerate(moves)]
        return [
            (SALE, [(sale_id, receipt, resident_id, account_id, total, before, before - total, op,
                     t, at)]),
            (SALE_LINE, [(sale_id, n, pid, name, price) for n, (pid, name, price)
                         in enumerate(lines, 1)]),
            (ENTRY, [(entry_id, account_id, resident_id, -total, sale_id, receipt, op, t, at[:10],
                      at)]),
            (STOCK_MOVE, [(move_id, pid, sale_id, op, t, at) for move_id, pid in moves]),
            (JOURNAL, journal),
            (AUDIT, [(audit_seq + 1, at, op, self.operator_name, sale_id, before_text, after_text,
                      prev, digest)]),
            (AUDIT_HEAD, [(f"{audit_seq + 1}:{digest}",)]),
        ]

    def run(self, statements) -> int:
        """Write one prepared sale; nanoseconds from BEGIN to COMMIT."""
        conn = self.conn
        start = perf_counter_ns()
        conn.execute("BEGIN IMMEDIATE")
        for sql, rows in statements:
            if len(rows) == 1:
                conn.execute(sql, rows[0])
            else:
                conn.executemany(sql, rows)
        conn.execute("COMMIT")
        elapsed = perf_counter_ns() - start
        conn.execute("BEGIN IMMEDIATE")  # off the clock: the service must not seal the floor's rows
        chain.seal(conn)
        conn.execute("COMMIT")
        return elapsed

    def close(self) -> None:
        """The connection is the program's: it stays open."""


def bench(db: Database, log=print, sales: int = SALES, warmup: int = WARMUP) -> dict:
    rng = random.Random(SEED)
    ctx = volunteer_context(db)
    shoppers, goods = _shoppers(db, rng, 200), _goods(db)
    resident_of = dict(db.all("SELECT card_code, id FROM resident"))
    floor = Floor(db.conn, ctx.terminal.id, ctx.terminal.number,
                  (ctx.actor.operator_id, ctx.actor.name))
    service_ns, floor_ns = [], []
    log(f"redeem: {warmup} warm-up + {sales} sales each, service and floor alternating …")
    try:
        for i in range(warmup + sales):
            card, account_id = shoppers[i % len(shoppers)]
            lines = rng.sample(goods, 3)
            cart = Cart()
            for pid, name, price in lines:
                cart.add(pid, name, Points(price), 1)
            for turn in ((0, 1) if i % 2 == 0 else (1, 0)):
                if turn == 0:  # prepared after the service's sale when that went first
                    elapsed = floor.run(floor.prepare(resident_of[card], account_id, lines))
                else:
                    start = perf_counter_ns()
                    checkout.redeem(ctx, card, cart)
                    elapsed = perf_counter_ns() - start
                if i >= warmup:
                    (floor_ns if turn == 0 else service_ns).append(elapsed)
    finally:
        floor.close()
    service, bare = summary(service_ns), summary(floor_ns)
    ratio50 = round(service["p50_ms"] / bare["p50_ms"], 2)
    ratio95 = round(service["p95_ms"] / bare["p95_ms"], 2)
    return {"service": service, "floor": bare, "ratio_p50": ratio50, "ratio_p95": ratio95,
            "target_ratio": TARGET_RATIO,
            "ok": ratio50 <= TARGET_RATIO and ratio95 <= TARGET_RATIO}
