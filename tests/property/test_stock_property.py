"""Stock under random work: deliveries, exchanges, write-offs, unnoticed losses and stock-takes.

The machine keeps two books of its own for every product: what the program should
show (`book`) and what is really on the shelf (`shelf`; losses nobody noticed make
them differ). After every step the cached stock equals the sum of its movements
and `book`. When a count is posted, every item counted (and not lost again since)
must come out equal to its shelf, however many exchanges happened before or after
it was counted. Refusals change no row.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Refused
from kiosk.services.setup import settings as shop_settings
from kiosk.services.people import operators, residents
from kiosk.services.points import awards
from kiosk.services.setup import create as setup
from kiosk.services.shop import checkout, products
from kiosk.services.stock import deliveries
from kiosk.services.stock import movements as stock, stocktake
from kiosk.services.audit.check import run_check
from tests.conftest import fingerprint

pytestmark = pytest.mark.slow

GOODS = [("大米 5kg", "50", "6901234567892", 6), ("香皂", "5.5", None, 10),
         ("牙膏", "5", "6920000000012", 3), ("火柴", "0.35", None, 12)]
WHICH = st.integers(0, len(GOODS) - 1)


class StockMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp, self.db = tempfile.mkdtemp(prefix="kiosk-stock-"), None

    @initialize()
    def build_shop(self) -> None:
        clock = FixedClock(datetime(2026, 11, 3, 9, 0), tick=timedelta(seconds=1))
        self.db = setup.create_database(Path(self.tmp) / "shop.sqlite")
        self.mgr = setup.init_village(self.db, village="青石村", manager="刘建军", pin="2580", clock=clock)
        operators.add_operator(self.mgr, "张晓燕", "volunteer", "4826")
        shop_settings.change(self.mgr, {"points.adjust_month_most": 100000})   # points are topped up freely here
        self.vol = self.mgr.as_actor(operators.login(self.db, "张晓燕", "4826", clock.now()))
        self.card = residents.add_resident(self.mgr, name="王小明", house_no="3组12号").card_code
        self.codes, self.ids, self.book, self.shelf = [], {}, {}, {}
        for name, price, barcode, qty in GOODS:
            product = products.add_product(self.mgr, name=name, price=price, barcode=barcode)
            stock.receive(self.mgr, product.code, qty)
            self.codes.append(product.code)
            self.ids[product.code] = product.id
            self.book[product.code] = self.shelf[product.code] = qty
        self.counting = False
        self.counted: dict[str, int] = {}        # code → what the shelf held when counted
        self.at_count: dict[str, int] = {}       # code → what the books said at that moment
        self.lost_since: set[str] = set()        # counted, then more went missing
        self.balance = 0

    def teardown(self) -> None:
        if self.db is not None:
            report = run_check(self.db)
            self.db.close()
            assert report.ok, report.problems
        shutil.rmtree(self.tmp, ignore_errors=True)

    def refused(self, code: str, action) -> None:
        before = fingerprint(self.db)
        with pytest.raises(Refused) as caught:
            action()
        assert caught.value.code == code, (caught.value.code, caught.value.params)
        assert fingerprint(self.db) == before, f"{code} changed the database"
        event(f"refused {code}")

    # --- goods coming and going ---------------------------------------------
    @rule(which=WHICH, qty=st.integers(1, 8), other=WHICH, by_volunteer=st.booleans())
    def receive_delivery(self, which, qty, other, by_volunteer):
        code, second = self.codes[which], self.codes[other]
        lines = [deliveries.Line(code, qty), deliveries.Line(second, "1")]
        deliveries.receive_delivery(self.vol if by_volunteer else self.mgr, lines, source="乡镇配送")
        for item, n in ((code, qty), (second, 1)):
            self.book[item] += n
            self.shelf[item] += n

    @rule(which=WHICH, qty=st.integers(1, 4))
    def exchange(self, which, qty):
        code = self.codes[which]
        if qty > self.book[code]:
            self.refused("out_of_stock", lambda: checkout.redeem_items(self.vol, self.card, [f"{code}x{qty}"]))
            return
        if qty > self.shelf[code]:
            return                                  # nobody can hand over goods that are not there
        while self.balance < 250_00:                # four bags of rice at most
            awards.adjust(self.mgr, self.card, "100", "测试充值")
            self.balance += 100_00
        sale = checkout.redeem_items(self.vol, self.card, [f"{code}x{qty}"])
        self.balance = sale.balance_after.hundredths
        self.book[code] -= qty
        self.shelf[code] -= qty

    @rule(which=WHICH, qty=st.integers(1, 4), why=st.sampled_from(["damaged", "expired", "lost"]))
    def write_off(self, which, qty, why):
        code = self.codes[which]
        if qty > self.book[code]:
            self.refused("writeoff_more_than_on_hand", lambda: stock.writeoff(self.mgr, code, qty, why, "测试"))
            return
        if qty > self.shelf[code]:
            return
        stock.writeoff(self.mgr, code, qty, why, "测试")
        self.book[code] -= qty
        self.shelf[code] -= qty

    @rule(which=WHICH, qty=st.integers(1, 2))
    def lose_unnoticed(self, which, qty):
        code = self.codes[which]
        if qty <= self.shelf[code]:
            self.shelf[code] -= qty
            if code in self.counted:
                self.lost_since.add(code)

    # --- the stock-take -----------------------------------------------------------
    @rule()
    def start_count(self):
        if self.counting:
            self.refused("stocktake_already_open", lambda: stocktake.start(self.mgr))
            return
        stocktake.start(self.mgr)
        self.counting, self.counted, self.at_count, self.lost_since = True, {}, {}, set()

    @rule(which=WHICH, recount=st.booleans(), start_first=st.booleans())
    def count(self, which, recount, start_first):
        code = self.codes[which]
        if start_first and not self.counting:       # counts happen often enough to be posted
            self.start_count()
        enter = lambda: stocktake.enter(self.mgr, code, self.shelf[code], recount=recount)  # noqa: E731
        if not self.counting:
            self.refused("stocktake_none_open", enter)
        elif code in self.counted and not recount:
            self.refused("stocktake_counted_twice", enter)
        else:
            line = enter()
            assert (line.counted, line.at_count) == (self.shelf[code], self.book[code])
            self.counted[code] = self.shelf[code]
            self.at_count[code] = self.book[code]
            self.lost_since.discard(code)

    @rule(which=WHICH)
    def count_another(self, which):
        """Counting is most of a stock-take: a second rule makes it as likely as the rest."""
        if self.counting and self.codes[which] not in self.counted:
            self.count(which, recount=False, start_first=False)

    @rule(start_again=st.booleans())
    def post_count(self, start_again):
        if not self.counting:
            self.refused("stocktake_none_open", lambda: stocktake.post(self.mgr))
            return
        if not self.counted:
            self.refused("stocktake_nothing_counted", lambda: stocktake.post(self.mgr))
            return
        stocktake.post(self.mgr)
        for code, found in self.counted.items():
            self.book[code] += found - self.at_count[code]
        for code in set(self.counted) - self.lost_since:
            assert self.book[code] == self.shelf[code], code
        self.counting = False
        event(f"posted {len(self.counted)} counted")
        if start_again:                             # most of the time a count is open
            self.start_count()

    @rule(start_again=st.booleans())
    def cancel_count(self, start_again):
        if not self.counting:
            self.refused("stocktake_none_open", lambda: stocktake.cancel(self.mgr))
            return
        stocktake.cancel(self.mgr)
        self.counting = False
        if start_again:
            self.start_count()

    # --- after every step -------------------------------------------------------------
    def stock_of(self, code: str) -> int:
        return self.db.scalar("SELECT qty FROM stock WHERE product_id = ?", (self.ids[code],))

    @invariant()
    def stock_is_the_sum_of_movements_and_the_model(self):
        if self.db is None:
            return
        for code, product_id in self.ids.items():
            summed = self.db.scalar("SELECT COALESCE(SUM(qty), 0) FROM stock_move WHERE product_id = ?",
                                    (product_id,))
            assert self.stock_of(code) == summed == self.book[code], code


StockMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=40, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestStockMachine = StockMachine.TestCase
