"""A counter whose books went back in time (a lost WAL, an old copy put back) heals at its next sync.

One real township app (FastAPI on a temp db, through TestClient). The counter sells, syncs, then
its database file is replaced by a copy taken earlier without its -wal (what a power cut that
loses the WAL leaves), and it sells again before it syncs. The next sync finds it out, gives the
counter a new identity and number, and brings the lost sales back to its books.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kiosk.services.points import awards
from kiosk.services.setup import create as setup
from kiosk.services.shop import checkout
from kiosk.services.audit.check import run_check
from kiosk.services.context import Context
from kiosk.store.db import Database
from kiosk.sync import client, enrolment, outbox, state
from kiosk.sync import status as sync_status
from kiosk.sync.apply_shop import RECEIPT_AGAIN
from kiosk.township.app import create_app

NOW = datetime(2026, 11, 3, 18, 0, 0)
URL = "http://township.test"


@dataclass
class Counter:
    ctx: Context
    http: TestClient
    store: object
    path: Path
    now: datetime = NOW

    @property
    def db(self) -> Database:
        return self.ctx.db

    def sync(self) -> client.SyncResult:
        result = client.sync_once(self.db, self.http, self.now)
        assert result.ok and result.quarantined == 0, result
        self.ctx = Context(self.db, self.ctx.actor, self.ctx.clock)   # as the counter makes one per action
        return result

    def sell(self, n: int = 1) -> list:
        soap = self.db.scalar("SELECT code FROM product WHERE name = '香皂'")
        return [checkout.redeem_items(self.ctx, "JF000001", [f"{soap}x1"]) for _ in range(n)]

    def copy_without_wal(self, to: Path) -> None:
        """The main file as it stands on disk: what is only in the WAL is not in it."""
        self.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(self.path, to)

    def put_back(self, copy: Path) -> None:
        """The PC comes back up with the older file and no WAL."""
        self.db.close()
        for suffix in ("-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        shutil.copyfile(copy, self.path)
        self.ctx = Context(setup.open_shop(self.path), self.ctx.actor, self.ctx.clock)


def enrolled_counter(shop, db_path, tmp_path, now: datetime, clock):
    """The shop enrolled with a real township app; yields a Counter."""
    app = create_app(tmp_path / "township.sqlite", clock=clock)
    http = TestClient(app)
    http.__enter__()
    store = app.state.store
    store.add_village("青石村", "美德积分")
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], now)
    for _ in range(4):
        awards.award(shop, "JF000001", "hjqs", "5")                   # 4 × 25: 100 points
    found = Counter(shop, http, store, Path(db_path), now)
    yield found
    http.__exit__(None, None, None)
    found.ctx.db.close()


@pytest.fixture
def counter(shop, db_path, tmp_path):
    yield from enrolled_counter(shop, db_path, tmp_path, NOW, lambda: NOW.timestamp())


def township_sales(store) -> list[str]:
    return [r[0] for r in store.all("SELECT json_extract(body, '$.id') FROM record WHERE type = 'sale'")]


def township_balances(store) -> dict[str, int]:
    return {r[0]: r[1] for r in store.all("SELECT account_id, hundredths FROM account_balance WHERE hundredths != 0")}


def counter_balances(db) -> dict[str, int]:
    return {r[0]: r[1] for r in db.all("SELECT account_id, hundredths FROM balance WHERE hundredths != 0")}


def rolled_back(counter: Counter, tmp_path: Path, lost: int = 2, after: int = 1) -> tuple[list, list]:
    """Three sales synced, a copy, `lost` more sales synced, the copy put back, `after` new sales."""
    counter.sell(3)
    counter.sync()
    copy = tmp_path / "before-the-power-cut.sqlite"
    counter.copy_without_wal(copy)
    gone = counter.sell(lost)
    counter.sync()
    counter.put_back(copy)
    return gone, counter.sell(after)


def test_a_counter_put_back_to_an_older_copy_heals_at_its_next_sync(counter, tmp_path):
    gone, made_again = rolled_back(counter, tmp_path)
    assert made_again[0].receipt == gone[0].receipt                   # what the power cut did
    healed = counter.sync()
    assert healed.healed and healed.pushed >= 1
    # the township has every sale once, the lost ones and the one made after the rollback
    sales = township_sales(counter.store)
    assert len(sales) == len(set(sales)) == 6
    assert {s.id for s in gone + made_again} <= set(sales)
    # the counter's books have them all again, and agree with the township's
    held = {r["id"]: r["receipt"] for r in counter.db.all("SELECT id, receipt FROM sale")}
    assert set(held) == set(sales)
    assert counter_balances(counter.db) == township_balances(counter.store)
    assert run_check(counter.db).problems == []
    # the lost sale keeps its receipt at the township; here it is marked as given twice
    assert held[gone[0].id] == gone[0].receipt + RECEIPT_AGAIN
    assert held[gone[1].id] == gone[1].receipt
    # a new number: receipts from now on never repeat one given before
    assert counter.ctx.terminal.number == 2
    later = counter.sell(2)
    assert all(s.receipt.split("-")[1] == "02" for s in later)
    counter.sync()
    receipts = counter.db.all("SELECT receipt FROM sale")
    assert len({r[0] for r in receipts}) == len(receipts) == 8
    assert len(township_sales(counter.store)) == 8


def test_the_status_says_in_words_what_happened(counter, tmp_path, kiosk):
    rolled_back(counter, tmp_path)
    counter.sync()
    words = "\n".join(sync_status.healed_words(counter.db))
    shown = kiosk("--db", str(counter.path), "sync", "status")
    assert shown.code == 0 and words in shown.out
    assert "回到了以前" in words and "收银台号 02（原来是 01）" in words
    assert "记录已取回" in words and "取回" in words
    gone_receipt = counter.db.scalar("SELECT receipt FROM sale WHERE receipt LIKE ?", ("%" + RECEIPT_AGAIN,))
    assert gone_receipt[: -len(RECEIPT_AGAIN)] in words


def test_the_next_round_after_healing_is_quiet(counter, tmp_path):
    rolled_back(counter, tmp_path)
    counter.sync()
    again = counter.sync()
    assert not again.healed and again.pushed == 0
    assert counter.store.one("SELECT COUNT(*) FROM terminal")[0] == 2
    fork = counter.store.all("SELECT * FROM incident WHERE kind = 'fork'")
    assert len(fork) == 1


def test_more_new_sales_than_lost_ones_are_still_found(counter, tmp_path):
    """After the rollback the counter made more records than it lost: the count alone would not tell."""
    gone, made_again = rolled_back(counter, tmp_path, lost=1, after=4)
    assert counter.sync().healed
    sales = township_sales(counter.store)
    assert len(sales) == len(set(sales)) == 8
    assert {s.id for s in gone + made_again} <= set(sales)
    assert counter_balances(counter.db) == township_balances(counter.store)


def test_a_counter_that_did_not_go_back_keeps_its_identity(counter):
    counter.sell(2)
    counter.sync()
    with counter.db.write() as conn:      # the township's answer was lost: the counter does not know
        state.update(conn, pushed_high_water=0)
    result = counter.sync()
    assert not result.healed and result.pushed == 0
    assert sync_status.healed_words(counter.db) == []
    assert counter.store.one("SELECT COUNT(*) FROM terminal")[0] == 1


def test_healing_cut_off_half_way_finishes_on_the_next_round(counter, tmp_path):
    rolled_back(counter, tmp_path)
    local_before = outbox.local_terminal_id(counter.db)
    broken = client.sync_once(counter.db, _refusing_reidentify(counter.http), NOW)
    assert not broken.ok
    assert outbox.local_terminal_id(counter.db) != local_before          # step 1 is kept …
    assert "请联网同步一次" in "".join(sync_status.healed_words(counter.db))
    assert counter.sync().healed                                          # … and finished now
    assert counter.ctx.terminal.number == 2
    assert counter.store.one("SELECT COUNT(*) FROM terminal")[0] == 2
    assert counter_balances(counter.db) == township_balances(counter.store)


def test_asking_twice_for_a_new_identity_gives_the_same_one(counter):
    from kiosk.township import reidentify

    terminal = counter.store.terminal(state.load(counter.db).terminal_id)
    first = reidentify.renew(counter.store, terminal, "nonce-1", "rollback")
    again = reidentify.renew(counter.store, terminal, "nonce-1", "rollback")
    other = reidentify.renew(counter.store, terminal, "nonce-2", "rollback")
    assert first == again and first["number"] == 2
    assert other["terminal_id"] != first["terminal_id"] and other["number"] == 3


def _refusing_reidentify(http: TestClient):
    """The township answers everything but the new identity (a cut connection there)."""
    import httpx

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/reidentify":
            raise httpx.ConnectError("cut", request=request)
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)

    return httpx.Client(transport=httpx.MockTransport(handle))


def test_a_reply_bundle_shows_the_books_went_back_and_the_next_online_sync_heals(counter, tmp_path):
    from kiosk.sync import usb
    from kiosk.township.usb import import_bundle

    counter.sell(3)
    counter.sync()
    copy = tmp_path / "before.sqlite"
    counter.copy_without_wal(copy)
    gone = counter.sell(2)
    counter.sync()
    counter.put_back(copy)
    bundle = usb.export_bundle(counter.db, tmp_path / "push.zip", NOW)
    import_bundle(counter.store, bundle.path, tmp_path / "reply.zip")
    done = usb.import_reply(counter.db, tmp_path / "reply.zip", NOW)
    assert done.went_back
    assert "请联网同步一次" in "".join(sync_status.healed_words(counter.db))
    made_offline = counter.sell(1)                        # before the next online sync: still number 01
    assert counter.sync().healed
    held = {r[0] for r in counter.db.all("SELECT id FROM sale")}
    assert {s.id for s in gone + made_offline} <= held
    sales = township_sales(counter.store)
    assert len(sales) == len(set(sales)) == 6
    assert counter_balances(counter.db) == township_balances(counter.store)
    assert counter.ctx.terminal.number == 2



def test_a_reply_at_the_height_of_the_copys_new_sale_still_shows_the_books_went_back(counter, tmp_path):
    """A put-back copy sells as many records as it lost (one sale: sale + entry, like the lost
    one), then an old bundle's reply arrives: the township's high water is a number these books
    hold again, but with another record there. Taken for an acknowledgement, the new sale would
    never be pushed: the township would lack it for ever."""
    from kiosk.sync import usb
    from kiosk.township.usb import import_bundle

    counter.sell(3)
    counter.sync()
    old_bundle = usb.export_bundle(counter.db, tmp_path / "push.zip", NOW)
    copy = tmp_path / "before.sqlite"
    counter.copy_without_wal(copy)
    gone = counter.sell(1)
    counter.sync()
    counter.put_back(copy)
    made_again = counter.sell(1)                           # the same two sequence numbers as the lost sale
    import_bundle(counter.store, old_bundle.path, tmp_path / "reply.zip")
    done = usb.import_reply(counter.db, tmp_path / "reply.zip", NOW)
    assert done.went_back
    assert counter.sync().healed
    sales = township_sales(counter.store)
    assert {s.id for s in gone + made_again} <= set(sales)
    assert len(sales) == len(set(sales)) == 5
    assert counter_balances(counter.db) == township_balances(counter.store)


def test_books_that_no_longer_give_the_chain_head_the_township_kept_went_back(counter, tmp_path):
    """A copy put back after a sync that only pulled loses none of this PC's own records, but its
    chain no longer gives the head the township kept (GET /v1/state names it): that went back too,
    else the next anchor exchange is taken for a rewrite and `kiosk check` complains for ever."""
    from kiosk.sync import rollback
    from kiosk.township.anchors import last_anchor

    counter.sync()
    copy = tmp_path / "before.sqlite"
    counter.copy_without_wal(copy)
    awards.award(counter.ctx, "JF000001", "hjqs", "1")          # the chain grows past the copy
    counter.sync()
    terminal = state.load(counter.db).terminal_id
    kept = last_anchor(counter.store, terminal)
    counter.put_back(copy)
    current = state.load(counter.db)
    high_water = current.pushed_high_water                     # as if none of its own records were lost
    assert rollback.went_back(counter.db, current, kept, high_water)
    assert not rollback.went_back(counter.db, current, {}, high_water)
    assert counter.sync().healed
    assert run_check(counter.db).problems == []
    assert not counter.sync().healed


def test_a_copy_from_before_the_first_sync_went_back_when_the_township_kept_a_head(counter, tmp_path):
    """A copy that never synced remembers no township head: a head kept there is newer than it."""
    from kiosk.sync import rollback
    from kiosk.township.anchors import last_anchor

    copy = tmp_path / "before.sqlite"
    counter.copy_without_wal(copy)
    awards.award(counter.ctx, "JF000001", "hjqs", "1")          # the chain grows past the copy
    counter.sync()
    kept = last_anchor(counter.store, state.load(counter.db).terminal_id)
    counter.put_back(copy)
    current = state.load(counter.db)
    assert rollback.went_back(counter.db, current, kept, current.pushed_high_water)
    assert counter.sync().healed
    assert run_check(counter.db).problems == []

def test_a_township_without_new_identities_still_loses_nothing(shop, township):
    """An older township (no /v1/reidentify): the new local identity numbers on from its high water."""
    from tests.conftest import give

    give(shop, "JF000001", 3)
    assert client.sync_once(shop.db, township.client(), NOW).ok
    lost_from = township.high_water + 1
    township.state_high_water = township.high_water = lost_from + 1   # it holds two records these books lost
    give(shop, "JF000004", 1)
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok and not result.healed and result.pushed >= 1
    assert "POST /v1/reidentify" in township.requests
    after = sorted(r.seq for r in township.stored.values() if r.seq >= lost_from)
    assert after[0] == lost_from + 2 and len(after) == result.pushed     # numbered on, nothing overwritten
    assert sync_status.healed_words(shop.db) == []
