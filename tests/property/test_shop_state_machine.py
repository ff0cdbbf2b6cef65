"""A random day at the counter, checked step by step against an independent model.

Hypothesis drives awards (a manager posts at once), volunteer claims and their
review, redeems of random carts for random residents, whole and partial refunds
of earlier receipts, stock receipts and damage, and manager adjustments. The two
managers are villagers (刘建军 of 3组12号, 王秀兰 of 1组8号): on their own household
each is refused alone and goes through with the other's PIN (回避). The
machine keeps its own books — expected hundredths per household account and
expected stock per product — computed from the scheme's published figures, never
read back from the program. After every step:

* every cached balance equals the SQL sum of its account's entries and the model;
* every cached stock equals the sum of its movements and the model;
* a redeem the model says would overdraw (or empty a shelf) is refused with the
  right code and leaves every row of the database exactly as it was;
* a redeem that goes through never leaves a negative balance;
* `kiosk check` (run_check) finds nothing wrong;
* no operator's own household ever gained points without a second manager.

The village is built in `initialize` on a fresh temporary file (not via pytest
fixtures, which do not reset between Hypothesis examples).
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (RuleBasedStateMachine, initialize, invariant, precondition,
                                 rule)

from kiosk.core.clock import FixedClock
from kiosk.core.errors import Refused
from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape
from kiosk.services.people import operators, residents
from kiosk.services.points import awards, claims, rules
from kiosk.services.setup import create as setup
from kiosk.services.shop import checkout, products, refunds, weighed_goods
from kiosk.services.stock import movements as stock
from kiosk.services.audit.check import run_check
from tests.conftest import fingerprint
from tests.services._vouched import vouched_manager

pytestmark = pytest.mark.slow

MANAGER_PIN = "2580"
VOLUNTEER_PIN = "4826"
START = datetime(2026, 11, 3, 9, 30, 0)

# The scheme, as the model knows it (hundredths of a point).
HJQS_PER_ACT = 5_00                 # 环境清扫: 5 per act
ZYFW_PER_4H = 1_00                  # 志愿服务: 1 per 4 hours ...
ZYFW_CAP = 40_00                    # ... at most 40 a month (pending claims count too)
DUBO = -20_00                       # 赌博: -20, doubled if repeated within 365 days
ADJUST_MOST = 100_00                # adjustments are bounded to ±100
SECOND_PIN = "1379"
# The managers as villagers: name, house they live in (回避 applies there)
MANAGERS = [("刘建军", "3组12号"), ("王秀兰", "1组8号")]
CONFLICT = "conflict_second_needed"
ADJUST_MONTH_MOST = 100_00          # adjustments per account per month past which a second manager confirms

RESIDENTS = [("王小明", "3组12号", ""), ("李秀英", "3组12号", "配偶"),
             ("王晓明", "5组1号", ""), ("张桂兰", "1组8号", "")]
# name, price (text as typed by a manager), expected hundredths, barcode, opening stock
# (in the product's steps), steps per unit: 散装鸡蛋 is weighed to 0.1 斤, its stock
# and quantities are tenths of a 斤; a line's points are price × tenths ÷ 10, half up.
GOODS = [("大米 5kg", "50", 50_00, "6901234567892", 20, 1),
         ("香皂", "5.5", 5_50, None, 30, 1),
         ("牙膏", "5", 5_00, "6920000000012", 3, 1),
         ("火柴", "0.35", 35, None, 12, 1),
         ("散装鸡蛋", "6.33", 6_33, None, 205, 10)]
OPENING_ADJUST = 100_00             # each household starts with 100 points


def points_text(hundredths: int) -> str:
    """Hundredths as a manager types them ('-12.05'), formatted here, not by kiosk."""
    sign = "-" if hundredths < 0 else ""
    whole, frac = divmod(abs(hundredths), 100)
    return f"{sign}{whole}.{frac:02d}"


def qty_text(steps: int, scale: int) -> str:
    """Steps as a manager types them ('1.5' for 15 tenths), formatted here, not by kiosk."""
    return str(steps) if scale == 1 else f"{steps // scale}.{steps % scale}"


def line_points(price: int, steps: int, scale: int) -> int:
    """price × steps ÷ scale, rounded half up to the hundredth (the documented rule)."""
    return int((Decimal(price) * steps / scale).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def zyfw_points(hours_hundredths: int) -> int:
    """1 point per 4 hours, proportional, rounded half up to the hundredth."""
    hours = Decimal(hours_hundredths) / 100
    return int((hours / 4 * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class ShopMachine(RuleBasedStateMachine):

    def __init__(self) -> None:
        super().__init__()
        self.tmp: str | None = None
        self.db = None

    # ------------------------------------------------------------------ set-up

    @initialize()
    def build_village(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="kiosk-prop-")
        self.clock = FixedClock(START, tick=timedelta(seconds=1))
        self.db = setup.create_database(Path(self.tmp) / "village.sqlite")
        mgr = setup.init_village(self.db, village="青石村", manager="刘建军", pin=MANAGER_PIN,
                                 clock=self.clock)
        self.mgr = mgr
        self.cards: list[str] = []
        self.house_of: dict[str, str] = {}           # card → house_no (= the account)
        for name, house, relation in RESIDENTS:
            resident = residents.add_resident(mgr, name=name, house_no=house, relation=relation)
            self.cards.append(resident.card_code)
            self.house_of[resident.card_code] = house
        rules.add_rule(mgr, Rule("hjqs", "环境清扫", "环境卫生", Shape.FIXED, Points.parse(5)))
        rules.add_rule(mgr, Rule("zyfw", "志愿服务", "志愿服务", Shape.PER_HOUR, Points.parse(1),
                                 Measure(400), cap=Points.parse(40), cap_period=Period.MONTH))
        rules.add_rule(mgr, Rule("kf_dubo", "赌博", "扣分事项", Shape.FIXED, Points.parse(-20),
                                 doubles_within_days=365))
        self.codes: list[str] = []
        self.price: dict[str, int] = {}
        self.stock: dict[str, int] = {}
        self.product_id: dict[str, str] = {}
        self.scale: dict[str, int] = {}
        for name, typed, hundredths, barcode, qty, scale in GOODS:
            product = products.add_product(mgr, name=name, price=typed, barcode=barcode,
                                           category="日用", unit="斤" if scale > 1 else "件")
            if scale > 1:
                weighed_goods.set_step(mgr, product.code, "0.1")
            stock.receive(mgr, product.code, qty_text(qty, scale))
            self.scale[product.code] = scale
            self.codes.append(product.code)
            self.price[product.code] = hundredths
            self.stock[product.code] = qty
            self.product_id[product.code] = product.id
        operators.add_operator(mgr, "张晓燕", "volunteer", VOLUNTEER_PIN)
        self.vol = mgr.as_actor(operators.login(self.db, "张晓燕", VOLUNTEER_PIN, self.clock.now()))
        self._managers_are_villagers(mgr)

        self.account_of = {  # house_no → account id, read once to address the checks
            row["house_no"]: row["id"] for row in self.db.all(
                "SELECT a.id, h.house_no FROM account a JOIN household h ON h.id = a.household_id")}
        assert sorted(self.account_of) == sorted(set(self.house_of.values()))
        self.balance: dict[str, int] = {house: 0 for house in self.account_of}
        self.adjusted: dict[str, int] = {house: 0 for house in self.account_of}   # this month, either sign
        self.zyfw_used: dict[str, int] = {card: 0 for card in self.cards}   # posted + pending
        self.dubo_posted: dict[str, int] = {card: 0 for card in self.cards}
        self.pending: list[dict] = []
        self.decided: list[str] = []
        self.receipts: dict[str, dict] = {}
        self.sales = 0
        for house in self.account_of:
            card = next(c for c, h in self.house_of.items() if h == house)
            awards.adjust(self.as_manager(0, True), card, points_text(OPENING_ADJUST), "开户赠送")
            self.balance[house] += OPENING_ADJUST
            self.adjusted[house] += OPENING_ADJUST

    def _managers_are_villagers(self, mgr) -> None:
        vouched_manager(mgr, "王秀兰", SECOND_PIN)     # the township confirmed her: each may confirm the other
        for name, house in MANAGERS:
            resident = residents.add_resident(mgr, name=name, house_no=house, relation="亲属")
            operators.link_resident(mgr, name, resident.card_code)
        self.mgr2 = mgr.as_actor(operators.login(self.db, "王秀兰", SECOND_PIN, self.clock.now()))

    def as_manager(self, by: int, second: bool):
        """刘建军 (0) or 王秀兰 (1), alone or with the other one's PIN given just now."""
        ctx = (self.mgr, self.mgr2)[by]
        if not second:
            return ctx
        other = MANAGERS[1 - by][0]
        return operators.second_manager(ctx, other, "2580" if other == "刘建军" else SECOND_PIN)

    def conflicted(self, by: int, second: bool, house: str) -> bool:
        """Alone on their own household: the model expects 回避's refusal."""
        return MANAGERS[by][1] == house and not second

    def teardown(self) -> None:
        if self.db is not None:
            self.db.close()
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)

    # ------------------------------------------------------------------ helpers

    def refused(self, codes: set[str], action) -> Refused:
        """`action` must be refused with one of `codes` and change no row anywhere."""
        before = fingerprint(self.db)
        with pytest.raises(Refused) as caught:
            action()
        assert caught.value.code in codes, (caught.value.code, codes, caught.value.params)
        event(f"refused: {caught.value.code}")
        assert fingerprint(self.db) == before, f"refusal {caught.value.code} changed the database"
        assert not self.db.conn.in_transaction
        return caught.value

    def expected_award(self, card: str, rule_code: str, qty: int, hours: int) -> tuple[str, int]:
        """(what to type as qty, hundredths the act is worth) by the published scheme."""
        if rule_code == "hjqs":
            return str(qty), HJQS_PER_ACT * qty
        if rule_code == "zyfw":
            return points_text(hours), zyfw_points(hours)
        repeated = self.dubo_posted[card] > 0
        return str(qty), DUBO * qty * (2 if repeated else 1)

    def over_cap(self, card: str, rule_code: str, amount: int) -> bool:
        return rule_code == "zyfw" and amount > max(0, ZYFW_CAP - self.zyfw_used[card])

    # ------------------------------------------------------------------ points in

    @rule(who=st.integers(0, 3), rule_code=st.sampled_from(["hjqs", "hjqs", "zyfw", "kf_dubo"]),
          qty=st.integers(1, 3), hours=st.integers(25, 160_00), by=st.integers(0, 1),
          second=st.booleans())
    def manager_awards(self, who, rule_code, qty, hours, by, second):
        card = self.cards[who]
        house = self.house_of[card]
        ctx = self.as_manager(by, second)
        typed, amount = self.expected_award(card, rule_code, qty, hours)
        if self.over_cap(card, rule_code, amount):
            self.refused({"cap_reached"}, lambda: awards.award(ctx, card, rule_code, typed))
            return
        if self.conflicted(by, second, house):
            self.refused({CONFLICT}, lambda: awards.award(ctx, card, rule_code, typed))
            return
        done = awards.award(ctx, card, rule_code, typed)
        assert done.status == "posted"
        assert done.points.hundredths == amount
        self.balance[house] += amount
        assert done.balance_after.hundredths == self.balance[house]
        if rule_code == "zyfw":
            self.zyfw_used[card] += amount
        if rule_code == "kf_dubo":
            self.dubo_posted[card] += 1

    @rule(who=st.integers(0, 3), rule_code=st.sampled_from(["hjqs", "zyfw", "zyfw", "kf_dubo"]),
          qty=st.integers(1, 3), hours=st.integers(25, 160_00))
    def volunteer_files_claim(self, who, rule_code, qty, hours):
        card = self.cards[who]
        typed, amount = self.expected_award(card, rule_code, qty, hours)
        if self.over_cap(card, rule_code, amount):
            self.refused({"cap_reached"}, lambda: awards.award(self.vol, card, rule_code, typed))
            return
        done = awards.award(self.vol, card, rule_code, typed)
        assert done.status == "pending"
        assert done.points.hundredths == amount
        assert done.balance_after is None
        self.pending.append({"id": done.id, "card": card, "rule": rule_code, "points": amount})
        if rule_code == "zyfw":
            self.zyfw_used[card] += amount

    @precondition(lambda self: self.pending)
    @rule(pick=st.integers(0, 10_000), by=st.integers(0, 1), second=st.booleans())
    def manager_approves(self, pick, by, second):
        ctx = self.as_manager(by, second)
        claim = self.pending[pick % len(self.pending)]
        if self.conflicted(by, second, self.house_of[claim["card"]]):
            self.refused({CONFLICT}, lambda: claims.approve(ctx, claim["id"]))
            return
        self.pending.remove(claim)
        decided = claims.approve(ctx, claim["id"])
        assert decided.status == "approved"
        assert decided.points.hundredths == claim["points"]
        self.balance[self.house_of[claim["card"]]] += claim["points"]
        if claim["rule"] == "kf_dubo":
            self.dubo_posted[claim["card"]] += 1
        self.decided.append(claim["id"])

    @precondition(lambda self: self.pending)
    @rule(pick=st.integers(0, 10_000), by=st.integers(0, 1), second=st.booleans())
    def manager_rejects(self, pick, by, second):
        ctx = self.as_manager(by, second)
        claim = self.pending[pick % len(self.pending)]
        if self.conflicted(by, second, self.house_of[claim["card"]]):
            self.refused({CONFLICT}, lambda: claims.reject(ctx, claim["id"], "照片不清楚"))
            return
        self.pending.remove(claim)
        decided = claims.reject(ctx, claim["id"], "照片不清楚")
        assert decided.status == "rejected"
        if claim["rule"] == "zyfw":
            self.zyfw_used[claim["card"]] -= claim["points"]
        self.decided.append(claim["id"])

    @rule(who=st.integers(0, 3),
          amount=st.integers(-120_00, 120_00).filter(bool), by=st.integers(0, 1),
          second=st.booleans())
    def manager_adjusts(self, who, amount, by, second):
        card = self.cards[who]
        house = self.house_of[card]
        ctx = self.as_manager(by, second)
        typed = points_text(amount)
        if abs(amount) > ADJUST_MOST:
            self.refused({"adjust_absurd"}, lambda: awards.adjust(ctx, card, typed, "更正"))
            return
        if self.conflicted(by, second, house):
            self.refused({CONFLICT}, lambda: awards.adjust(ctx, card, typed, "更正"))
            return
        if self.adjusted[house] + abs(amount) > ADJUST_MONTH_MOST and not second:
            self.refused({"adjust_month_needs_second"}, lambda: awards.adjust(ctx, card, typed, "更正"))
            return
        # a deduction may not overdraw; a correction upward is always allowed, even from
        # below zero (a doubled deduction can leave a balance negative)
        if amount < 0 and self.balance[house] + amount < 0:
            self.refused({"adjust_overdraw"}, lambda: awards.adjust(ctx, card, typed, "更正"))
            return
        done = awards.adjust(ctx, card, typed, "更正")
        self.balance[house] += amount
        self.adjusted[house] += abs(amount)
        assert done.points.hundredths == amount
        assert done.balance_after.hundredths == self.balance[house]

    @rule(which=st.sampled_from(["adjust", "approve", "refund", "twice"]),
          pick=st.integers(0, 10_000), approve=st.booleans(), amount=st.integers(1, 50_00))
    def refusals(self, which, pick, approve, amount):
        """What a role may not do, and a claim decided twice: refused, nothing written."""
        if which == "approve" and self.pending:
            claim_id = self.pending[pick % len(self.pending)]["id"]
            self.refused({"not_allowed"}, lambda: claims.approve(self.vol, claim_id))
        elif which == "refund" and self.receipts:
            receipt = sorted(self.receipts)[pick % len(self.receipts)]
            self.refused({"not_allowed"}, lambda: refunds.refund(self.vol, receipt, "退货"))
        elif which == "twice" and self.decided:
            claim_id = self.decided[pick % len(self.decided)]
            if approve:
                self.refused({"claim_decided"}, lambda: claims.approve(self.mgr, claim_id))
            else:
                self.refused({"claim_decided"}, lambda: claims.reject(self.mgr, claim_id, "重复"))
        else:
            card = self.cards[pick % len(self.cards)]
            self.refused({"not_allowed"},
                         lambda: awards.adjust(self.vol, card, points_text(amount), "更正"))

    # ------------------------------------------------------------------ the counter

    # (which, pieces 1-3, tenths 1-9): a weighed item takes (pieces - 1).tenths 斤
    CARTS = st.lists(st.tuples(st.integers(0, len(GOODS) - 1), st.integers(1, 3),
                               st.integers(1, 9)), min_size=1, max_size=3)

    def steps_of(self, code: str, qty: int, tenths: int) -> int:
        return (qty - 1) * 10 + tenths if self.scale[code] > 1 else qty

    @rule(who=st.integers(0, 3), cart=CARTS, by_manager=st.booleans())
    def redeem(self, who, cart, by_manager):
        self._redeem(who, cart, by_manager)

    @rule(who=st.integers(0, 3), cart=CARTS)
    def redeem_at_volunteer_counter(self, who, cart):
        """The counter's usual case, drawn twice as often as the others."""
        self._redeem(who, cart, False)

    def _redeem(self, who, cart, by_manager):
        ctx = self.mgr if by_manager else self.vol
        card = self.cards[who]
        house = self.house_of[card]
        wanted: Counter[str] = Counter()
        items = []
        for i, qty, tenths in cart:
            code = self.codes[i]
            steps = self.steps_of(code, qty, tenths)
            items.append(f"{code}x{qty_text(steps, self.scale[code])}")
            wanted[code] += steps
        total = sum(line_points(self.price[code], qty, self.scale[code])
                    for code, qty in wanted.items())
        short_of_goods = any(qty > self.stock[code] for code, qty in wanted.items())
        overdraws = total > self.balance[house]
        if short_of_goods or overdraws:
            codes = ({"out_of_stock"} if short_of_goods else set()) | \
                    ({"insufficient_points"} if overdraws else set())
            self.refused(codes, lambda: checkout.redeem_items(ctx, card, items))
            return
        before = self.balance[house]
        sale = checkout.redeem_items(ctx, card, items)
        event("redeem went through")
        if any(self.scale[code] > 1 for code in wanted):
            event("weighed goods sold")
        self.sales += 1
        assert sale.receipt == f"{START:%y%m%d}-01-{self.sales:04d}"
        assert sale.receipt not in self.receipts
        assert sale.total.hundredths == total
        assert sale.balance_before.hundredths == before
        assert sale.balance_after.hundredths == before - total
        assert sale.balance_after.hundredths >= 0, "a redeem left a negative balance"
        self.balance[house] -= total
        for code, qty in wanted.items():
            self.stock[code] -= qty
        lines = {row["line_no"]: row for row in self.db.all(
            "SELECT l.line_no, p.code, l.price, l.qty FROM sale_line l"
            " JOIN product p ON p.id = l.product_id JOIN sale s ON s.id = l.sale_id"
            " WHERE s.receipt = ?", (sale.receipt,))}
        sold: Counter[str] = Counter()
        for row in lines.values():
            assert row["price"] == self.price[row["code"]]
            sold[row["code"]] += row["qty"]
        assert sold == wanted, f"receipt {sale.receipt} lines {dict(sold)} ≠ cart {dict(wanted)}"
        self.receipts[sale.receipt] = {
            "house": house,
            "lines": {n: {"code": r["code"], "price": r["price"], "qty": r["qty"], "back": 0}
                      for n, r in lines.items()},
        }

    @precondition(lambda self: self.receipts)
    @rule(pick=st.integers(0, 10_000))
    def refund_whole(self, pick):
        receipt = sorted(self.receipts)[pick % len(self.receipts)]
        sale = self.receipts[receipt]
        left = {n: line["qty"] - line["back"] for n, line in sale["lines"].items()
                if line["qty"] > line["back"]}
        if not left:
            self.refused({"refund_nothing_left"},
                         lambda: refunds.refund(self.mgr, receipt, "整单退货"))
            return
        done = refunds.refund(self.mgr, receipt, "整单退货")
        self._book_refund(sale, left, done)

    @precondition(lambda self: self.receipts)
    @rule(pick=st.integers(0, 10_000), line_pick=st.integers(0, 10), qty=st.integers(1, 3))
    def refund_partial(self, pick, line_pick, qty):
        receipt = sorted(self.receipts)[pick % len(self.receipts)]
        sale = self.receipts[receipt]
        line_no = sorted(sale["lines"])[line_pick % len(sale["lines"])]
        line = sale["lines"][line_no]
        scale = self.scale[line["code"]]
        steps = qty * 5 if scale > 1 else qty          # 0.5, 1.0 or 1.5 斤 of a weighed line
        typed = qty_text(steps, scale)
        if steps > line["qty"] - line["back"]:
            self.refused({"refund_too_many", "refund_line_done"},
                         lambda: refunds.refund(self.mgr, receipt, "部分退货", {line_no: typed}))
            return
        done = refunds.refund(self.mgr, receipt, "部分退货", {line_no: typed})
        self._book_refund(sale, {line_no: steps}, done)

    def _book_refund(self, sale: dict, given_back: dict[int, int], done) -> None:
        event("refund went through")
        total = 0
        for line_no, qty in given_back.items():
            line = sale["lines"][line_no]
            scale = self.scale[line["code"]]
            total += line_points(line["price"], line["back"] + qty, scale) \
                - line_points(line["price"], line["back"], scale)
            line["back"] += qty
            self.stock[line["code"]] += qty
        self.balance[sale["house"]] += total
        assert done.total.hundredths == total
        assert done.balance_after.hundredths == self.balance[sale["house"]]
        assert {line.line_no: line.qty for line in done.lines} == given_back

    # ------------------------------------------------------------------ stock

    @rule(which=st.integers(0, len(GOODS) - 1), qty=st.integers(1, 20), by_manager=st.booleans())
    def receive_stock(self, which, qty, by_manager):
        code = self.codes[which]
        qty = qty * 10 + 5 if self.scale[code] > 1 else qty      # 3.5 斤 of a weighed item
        change = stock.receive(self.mgr if by_manager else self.vol, code,
                               qty_text(qty, self.scale[code]))
        assert (change.before, change.after) == (self.stock[code], self.stock[code] + qty)
        self.stock[code] += qty

    @rule(which=st.integers(0, len(GOODS) - 1), qty=st.integers(1, 6))
    def damage_stock(self, which, qty):
        code = self.codes[which]
        typed = "-" + qty_text(qty * self.scale[code], self.scale[code])
        qty *= self.scale[code]
        if qty > self.stock[code]:
            self.refused({"stock_below_zero"},
                         lambda: stock.adjust(self.mgr, code, typed, "破损", kind="damage"))
            return
        change = stock.adjust(self.mgr, code, typed, "破损", kind="damage")
        assert (change.before, change.after) == (self.stock[code], self.stock[code] - qty)
        self.stock[code] -= qty

    # ------------------------------------------------------------------ after every step

    @invariant()
    def books_agree(self):
        if self.db is None:
            return
        assert self.db.scalar("SELECT COUNT(*) FROM balance") == len(self.balance)
        for house, account_id in self.account_of.items():
            cached = self.db.scalar("SELECT hundredths FROM balance WHERE account_id = ?",
                                    (account_id,))
            summed = self.db.scalar(
                "SELECT COALESCE(SUM(hundredths), 0) FROM entry WHERE account_id = ?",
                (account_id,))
            assert cached == summed == self.balance[house], \
                f"{house}: cached {cached}, entries {summed}, model {self.balance[house]}"
        for code, product_id in self.product_id.items():
            cached = self.db.scalar("SELECT qty FROM stock WHERE product_id = ?", (product_id,))
            summed = self.db.scalar(
                "SELECT COALESCE(SUM(qty), 0) FROM stock_move WHERE product_id = ?",
                (product_id,))
            assert cached == summed == self.stock[code], \
                f"{code}: cached {cached}, movements {summed}, model {self.stock[code]}"
            assert cached >= 0

    @invariant()
    def claims_and_sales_agree(self):
        if self.db is None:
            return
        assert self.db.scalar("SELECT COUNT(*) FROM claim WHERE status = 'pending'") \
            == len(self.pending)
        assert self.db.scalar("SELECT COUNT(*) FROM sale") == self.sales
        assert self.db.scalar("SELECT COUNT(*) FROM entry WHERE kind = 'redeem'") == self.sales
        refunded = sum(line["back"] for sale in self.receipts.values()
                       for line in sale["lines"].values())
        assert self.db.scalar("SELECT COALESCE(SUM(qty), 0) FROM refund_line") == refunded

    @invariant()
    def no_one_gained_on_their_own_household_alone(self):
        """Every entry an operator posted to their own household names a second manager."""
        if self.db is None:
            return
        alone = self.db.all(
            "SELECT e.id, o.name FROM entry e JOIN operator o ON o.id = e.operator_id"
            " JOIN resident r ON r.id = o.resident_id JOIN account a ON a.id = e.account_id"
            " WHERE a.household_id = r.household_id AND e.kind IN ('award', 'deduct', 'adjust')"
            " AND NOT EXISTS (SELECT 1 FROM audit x WHERE x.target_id IN (e.id, e.claim_id)"
            "   AND x.after LIKE '%second_manager%')")
        assert not alone, [tuple(row) for row in alone]

    @invariant()
    def kiosk_check_passes(self):
        if self.db is None:
            return
        report = run_check(self.db)
        assert report.ok, report.problems


ShopMachine.TestCase.settings = settings(
    max_examples=25, stateful_step_count=30, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestShopStateMachine = ShopMachine.TestCase
