"""Shared fixtures: a small real village on a temporary database, and a fake clock."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timedelta

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI replays the same examples every run (a red CI is then a real, repeatable
# failure); a developer's run keeps exploring new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
os.environ.setdefault("KIOSK_LANG", "zh")

from kiosk.core.clock import FixedClock  # noqa: E402
from kiosk.core.points import Points  # noqa: E402
from kiosk.core.quantity import Measure  # noqa: E402
from kiosk.core.rules import Rule, Shape  # noqa: E402
from kiosk.core.periods import Period  # noqa: E402
from kiosk.services.people import operators, residents  # noqa: E402
from kiosk.services.points import rules  # noqa: E402
from kiosk.services.setup import create as setup  # noqa: E402
from kiosk.services.shop import products  # noqa: E402
from kiosk.services.stock import movements as stock  # noqa: E402
from kiosk.services.context import Context  # noqa: E402

MANAGER_PIN = "2580"
VOLUNTEER_PIN = "4826"
START = datetime(2026, 11, 3, 9, 30, 0)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START, tick=timedelta(seconds=1))


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "village.sqlite"


@pytest.fixture
def shop(db_path, clock) -> Context:
    """A manager's context on 青石村 with residents, rules and stocked goods.

    Residents: 王小明 (JF000001) and 李秀英 in 3组12号; 王晓明 (JF000003) in 5组1号
    (so 'wxm' is ambiguous); 张桂兰 (JF000004) in 1组8号.
    Rules: hjqs 环境清扫 5/act; zyfw 志愿服务 1 per 4 h, cap 40/month;
    kf_dubo 赌博 -20, doubles within 365 days.
    Goods: 大米 6901234567892 50 pts ×20; 香皂 (in-store code) 5.5 pts ×30;
    牙膏 6920000000012 5 pts ×3.
    """
    db = setup.create_database(db_path)
    ctx = setup.init_village(db, village="青石村", manager="刘建军", pin=MANAGER_PIN, clock=clock)
    for name, house, relation in [("王小明", "3组12号", ""), ("李秀英", "3组12号", "配偶"),
                                  ("王晓明", "5组1号", ""), ("张桂兰", "1组8号", "")]:
        residents.add_resident(ctx, name=name, house_no=house, relation=relation)
    rules.add_rule(ctx, Rule("hjqs", "环境清扫", "环境卫生", Shape.FIXED, Points.parse(5)))
    rules.add_rule(ctx, Rule("zyfw", "志愿服务", "志愿服务", Shape.PER_HOUR, Points.parse(1),
                             Measure(400), cap=Points.parse(40), cap_period=Period.MONTH))
    rules.add_rule(ctx, Rule("kf_dubo", "赌博", "扣分事项", Shape.FIXED, Points.parse(-20),
                             doubles_within_days=365))
    for name, price, barcode, qty in [("大米 5kg", 50, "6901234567892", 20),
                                      ("香皂", "5.5", None, 30),
                                      ("牙膏", 5, "6920000000012", 3)]:
        product = products.add_product(ctx, name=name, price=price, barcode=barcode,
                                       category="日用", unit="件")
        stock.receive(ctx, product.code, qty)
    operators.add_operator(ctx, "张晓燕", "volunteer", VOLUNTEER_PIN)
    return ctx


@pytest.fixture
def volunteer(shop) -> Context:
    actor = operators.login(shop.db, "张晓燕", VOLUNTEER_PIN, shop.clock.now())
    return shop.as_actor(actor)


def give(ctx: Context, resident: str, times: int = 1) -> None:
    """Award 环境清扫 (5 points) `times` times to `resident` as a manager."""
    from kiosk.services.points import awards

    for _ in range(times):
        awards.award(ctx, resident, "hjqs")


# What keeping a received record writes, applied or not: the record itself, the sync state, and
# its row in the books' chain (kept_only_as_received checks that row is all the chain got).
KEEPING = ("sync_remote", "sync_state", "chain")


def kept_only_as_received(db, chain_before: int) -> bool:
    """The chain rows after position `chain_before` are received records only."""
    kinds = {r[0] for r in db.all("SELECT record_type FROM chain WHERE position > ?", (chain_before,))}
    return kinds == {"received"}


def chain_length(db) -> int:
    return db.scalar("SELECT COALESCE(MAX(position), 0) FROM chain")


def fingerprint(db, skip: tuple[str, ...] = ()) -> str:
    """A hash of every row of every table (but `skip`): equal before and after means unchanged."""
    digest = hashlib.sha256()
    tables = [r[0] for r in db.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in (t for t in tables if t not in skip):
        digest.update(table.encode())
        for row in db.all(f"SELECT * FROM {table} ORDER BY 1"):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


from tests.pg_cluster import backend, pg_cluster, township_db  # noqa: E402,F401  (township on SQLite and PostgreSQL)
