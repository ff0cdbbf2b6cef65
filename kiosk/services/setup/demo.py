"""The demo village: a year in the life of 青石村's points shop, built through the services.

Every award, claim, exchange and delivery goes through the same service calls
the counter uses, inside one transaction, with a clock that walks through the
year. The result passes `kiosk check` and looks lived-in.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import count
from pathlib import Path
from collections.abc import Callable

from kiosk.core.cart import Cart
from kiosk.core.clock import FixedClock
from kiosk.core.errors import Refused
from kiosk.services.people import operators
from kiosk.services.points import awards, claims, rules
from kiosk.services.shop import checkout, products, refunds
from kiosk.services.stock import movements as stock, suppliers
from kiosk.services.context import SYSTEM, Actor, Context, Role
from kiosk.services.setup.demo_data import DemoData, load
from kiosk.services.setup.demo_people import Household, link_operators, populate
from kiosk.services.setup.create import create_database, init_village
from kiosk.store import books, ledger
from kiosk.store import settings as settings_store
from kiosk.store import goods as goods_store

DEMO_SEED = 20261122
SOURCES = ("乡镇配送", "乡镇配送", "捐赠", "采购")
REJECT_REASONS = ("时长与签到表不符", "同一活动已记过分", "证明材料不全，请补交")
REFUND_REASONS = ("包装破损，退回", "拿错了规格", "村民改换其他商品")


@dataclass
class DemoSummary:
    path: Path
    village: str
    currency: str
    households: int
    residents: int
    products: int
    entries: int
    sales: int
    pending_claims: int
    operators: list[dict] = field(default_factory=list)


def build_demo(path: Path | str, today: date | None = None, seed: int = DEMO_SEED,
               households: int = 320) -> DemoSummary:
    data, rng = load(), random.Random(seed)
    today = today or date.today()
    start = today - timedelta(days=365)
    clock = FixedClock(datetime.combine(start - timedelta(days=2), time(8, 0)))
    db = create_database(path)
    first = data.village["operators"][0]
    # one transaction: a build cut short leaves no half a village that `kiosk demo` would
    # then refuse to overwrite as if it were a real one
    with db.write() as conn:
        ctx = init_village(db, village=data.village["name"], manager=first["name"], pin=first["pin"],
                           currency=data.village["currency"], grade_scale=data.village["grade_scale"],
                           clock=clock)
        books.mark_demo(conn)
        settings_store.put(conn, "receipt_footer", data.village["receipt_footer"])
        actors = _operators(ctx, data)
        for rule in data.rules:
            rules.add_rule(ctx, rule)
        goods = _stock_the_shop(ctx, data, rng)
        homes = populate(ctx, data, rng, households)
        link_operators(ctx, data, homes)
        Year(ctx, clock, rng, data, actors, homes, goods).run(start, today)
    return _summary(ctx, data, homes)


def _operators(ctx: Context, data: DemoData) -> dict[str, Actor]:
    """The demo's other operators, made as the setup makes the first manager: nobody else knows
    their PINs, so the second manager confirms the first one's household (回避) from the start."""
    actors = {ctx.actor.role.value: ctx.actor}
    at_setup = ctx.as_actor(SYSTEM)
    for op in data.village["operators"][1:]:
        actor = operators.add_operator(at_setup, op["name"], op["role"], op["pin"])
        actors.setdefault(op["role"], actor)
        if op["role"] == Role.MANAGER:
            actors.setdefault("second", actor)
    return actors


DEMO_SUPPLIERS = (("青石镇供销配送中心", "乡镇配送", "镇供销社 王主任"), ("村口惠民超市", "采购", "李老板"),
                  ("王建国（在外乡贤）", "爱心捐赠", ""), ("县农商银行青石支行", "企业捐赠", "办公室"))


def _stock_the_shop(ctx: Context, data: DemoData, rng: random.Random) -> list[products.Product]:
    for name, kind, contact in DEMO_SUPPLIERS:        # who `stock receive --source` may name
        suppliers.add(ctx, name, kind, contact)
    goods = []
    for row in data.products:
        product = products.add_product(ctx, name=row["name"], price=row["price"],
                                       category=row["category"], unit=row["unit"],
                                       barcode=row["barcode"] or None,
                                       reorder_level=int(row["reorder_level"]))
        stock.receive(ctx, product.code, row["stock"], source=rng.choice(SOURCES), note="开业首批")
        goods.append(product)
    return goods


class Year:
    """Walks the clock through a year of events, in time order."""

    def __init__(self, ctx, clock, rng, data, actors, homes, goods) -> None:
        self.ctx, self.clock, self.rng, self.data = ctx, clock, rng, data
        self.manager = ctx
        # 回避: the other manager confirms what touches the first one's own household
        self.confirmed = ctx.with_second(actors["second"]) if "second" in actors else ctx
        self.volunteer = ctx.as_actor(actors.get(Role.VOLUNTEER.value, ctx.actor))
        self.homes, self.goods = homes, goods
        self.queue: list[tuple[datetime, int, Callable[[], None]]] = []
        self.order = count()
        self.today = date.today()

    def at(self, moment: datetime, action: Callable[[], None]) -> None:
        if moment.date() < self.today:
            heapq.heappush(self.queue, (moment, next(self.order), action))

    def run(self, start: date, today: date) -> None:
        self.today = today
        day = start
        while day < today:
            if day.day == 1 or day == start:
                self._plan_month(day)
            if day.weekday() == 5:
                self._plan_shop_day(day)
            if day.weekday() == 0 and day.day <= 7:
                self.at(datetime.combine(day, time(9, 0)), self._restock)
            day += timedelta(days=1)
        while self.queue:
            moment, _, action = heapq.heappop(self.queue)
            self.clock.set(moment)
            try:
                action()
            except Refused:
                pass  # a cap reached or a shelf emptied: the village shrugs and moves on

    def _moment(self, day: date, first_hour: int = 8, last_hour: int = 17) -> datetime:
        return datetime.combine(day, time(self.rng.randint(first_hour, last_hour),
                                          self.rng.randint(0, 59), self.rng.randint(0, 59)))

    def _plan_month(self, first: date) -> None:
        days = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - first
        for home in self.homes:
            for act in self.data.activity:
                if act.months and first.month not in act.months:
                    continue
                if self.rng.random() < act.monthly_chance:
                    day = first + timedelta(days=self.rng.randrange(days.days))
                    card = self.rng.choice(home.adults)
                    qty = self.rng.randint(act.qty_min, act.qty_max)
                    self.at(self._moment(day), lambda c=card, a=act, q=qty: self._record(c, a, q))

    def _record(self, card: str, act, qty: int) -> None:
        rule = rules.resolve_row(self.ctx, act.code)
        by_volunteer = rule["needs_review"] and rule["points"] > 0 and self.rng.random() < 0.45
        result = (awards.award(self.volunteer, card, act.code, qty) if by_volunteer
                  else self._as_manager(lambda m: awards.award(m, card, act.code, qty)))
        if result.status == "pending":
            later = self.clock.now() + timedelta(days=self.rng.randint(1, 6), hours=2)
            self.at(later, lambda claim_id=result.id: self._review(claim_id))

    def _review(self, claim_id: str) -> None:
        if self.rng.random() < 0.9:
            self._as_manager(lambda m: claims.approve(m, claim_id))
        else:
            reason = self.rng.choice(REJECT_REASONS)
            self._as_manager(lambda m: claims.reject(m, claim_id, reason))

    def _as_manager(self, action: Callable[[Context], object]):
        """The manager acts; on their own household, with the other manager confirming."""
        try:
            return action(self.manager)
        except Refused as refusal:
            if not refusal.code.startswith("conflict_"):
                raise
            return action(self.confirmed)

    def _plan_shop_day(self, day: date) -> None:
        for home in self.homes:
            if self.rng.random() < 0.12:
                self.at(self._moment(day, 8, 11), lambda h=home: self._shop(h))

    def _shop(self, home: Household) -> None:
        resident = home.members[0]
        account_id = home.account_id
        budget = ledger.balance(self.ctx.db, account_id)
        cart = Cart()
        for product in self.rng.sample(self.goods, 6):
            room = budget - cart.total().hundredths
            on_hand = goods_store.stock_of(self.ctx.db, product.id)
            if product.price.hundredths <= room and on_hand > 0 and len(cart.lines) < 3:
                cart.add(product.id, product.name, product.price, 1)
        if cart.lines:
            seller = self.volunteer if self.rng.random() < 0.7 else self.manager
            sale = checkout.redeem(seller, resident, cart)
            if self.rng.random() < 0.01:
                self.at(self.clock.now() + timedelta(minutes=20),
                        lambda r=sale.receipt: refunds.refund(self.manager, r,
                                                              self.rng.choice(REFUND_REASONS)))

    def _restock(self) -> None:
        for product, row in zip(self.goods, self.data.products):
            on_hand = goods_store.stock_of(self.ctx.db, product.id)
            if on_hand <= product.reorder_level * 2:
                stock.receive(self.volunteer, product.code, int(row["stock"]) - on_hand + 1,
                              source=self.rng.choice(SOURCES), note="月度补货")


def _summary(ctx: Context, data: DemoData, homes: list[Household]) -> DemoSummary:
    db = ctx.db
    return DemoSummary(
        path=db.path, village=data.village["name"], currency=data.village["currency"],
        households=len(homes), residents=books.count(db, "resident"), products=books.count(db, "product"),
        entries=books.count(db, "entry"), sales=books.count(db, "sale"), pending_claims=books.pending_claims(db),
        operators=[{k: op[k] for k in ("name", "role", "pin", "title")}
                   for op in data.village["operators"]],
    )
