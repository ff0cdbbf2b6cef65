"""Credits a counter's books know but the township has not received yet (kiosk/township/tables/holds.py):
an overdraft they explain holds no one; one they do not explain is held at once.

Counter A (the `shop` village) books 20 points for 张桂兰 (4 × 环境清扫) and does not sync; B and C
are set up from its copy (as a second PC is set up from a backup), so they know her 20 points before
the township does. All three enrol with one real township (SQLite and PostgreSQL) and sync through its
HTTP app, or by USB stick."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from kiosk.core.clock import FixedClock
from kiosk.services.context import Context
from kiosk.services.setup import backup, create as setup
from kiosk.services.shop import checkout
from kiosk.services.stock import movements as stock
from kiosk.store.village import take_new_identity
from kiosk.sync import client, enrolment
from kiosk.sync import credits as sync_credits
from kiosk.sync import usb
from kiosk.sync.bundle import read_bundle, write_bundle
from kiosk.sync.wire import signed_headers
from kiosk.township import cli as township_cli
from kiosk.township import usb as township_usb
from kiosk.township.app import create_app
from kiosk.township.words import TownshipRefused
from tests.conftest import give
from tests.township.console_helpers import sign_in

NOW = datetime(2026, 11, 3, 18, 0, 0)
URL = "http://township.test"
TOOTHPASTE = "6920000000012"      # 牙膏 5 pts, 3 + 27 in stock
ZHANG = "JF000004"                # 张桂兰, 1组8号


class Recorded(httpx.BaseTransport):
    """The township's app behind a transport that keeps every push request's body."""

    def __init__(self, server: TestClient) -> None:
        self.server, self.pushes = server, []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        if request.url.path == "/v1/push":
            self.pushes.append(json.loads(body))
        headers = {k: v for k, v in request.headers.items() if k.lower() not in ("host", "content-length")}
        answer = self.server.request(request.method, request.url.raw_path.decode("ascii"), content=body,
                                     headers=headers)
        kept = {k: v for k, v in answer.headers.items()
                if k.lower() not in ("content-length", "content-encoding", "transfer-encoding")}
        return httpx.Response(answer.status_code, content=answer.content, headers=kept)


@dataclass
class Village:
    a: Context
    b: Context
    c: Context
    store: object
    server: TestClient
    net: Recorded
    folder: Path
    account: str

    def sync(self, *names: str) -> None:
        with httpx.Client(transport=self.net) as http:
            for name in names:
                result = client.sync_once(getattr(self, name).db, http, NOW)
                assert result.ok and result.quarantined == 0, result

    def spend(self, name: str, qty: int) -> None:
        sale = checkout.redeem_items(getattr(self, name), ZHANG, [f"{TOOTHPASTE}x{qty}"])
        assert sale.balance_after.hundredths >= 0

    def by_stick(self, *names: str) -> dict:
        """Each counter's bundle taken to the township and its reply brought back; the last manifest."""
        manifest = {}
        for name in names:
            db = getattr(self, name).db
            n = len(list(self.folder.glob("*.zip")))
            out = usb.export_bundle(db, self.folder / f"{name}-{n}.zip", NOW)
            manifest, _ = read_bundle(out.path, db.scalar("SELECT secret FROM sync_state"))
            township_usb.import_bundle(self.store, out.path, self.folder / f"reply-{n}.zip")
            usb.import_reply(db, self.folder / f"reply-{n}.zip", NOW)
        return manifest

    def held(self) -> set[str]:
        return {r[0] for r in self.store.all(
            "SELECT account_id FROM incident WHERE kind = 'overdraft' AND resolved_at IS NULL")}

    def claims(self) -> list[int]:
        return sorted(r[0] for r in self.store.all("SELECT hundredths FROM hold_claim WHERE account_id = ?",
                                                   (self.account,)))


def _copy(shop: Context, folder: Path, name: str) -> Context:
    path = folder / f"counter-{name}.sqlite"
    backup.backup(shop, path)
    db = setup.open_shop(path)
    with db.write() as conn:
        take_new_identity(conn, new_id=f"counter-{name}", at="2026-11-03 10:00:00")
        conn.execute("DELETE FROM meta WHERE key = 'sync.resume_from_server'")
    return Context(db, shop.actor, FixedClock(datetime(2026, 11, 3, 10, 0, 0), tick=timedelta(seconds=1)))


@pytest.fixture
def village(township_db, shop, tmp_path):
    give(shop, ZHANG, 4)                                  # 20 points booked on A, not pushed
    stock.receive(shop, TOOTHPASTE, 27)
    b, c = _copy(shop, tmp_path, "b"), _copy(shop, tmp_path, "c")
    app = create_app(township_db, clock=lambda: NOW.timestamp())
    server = TestClient(app)
    server.__enter__()
    store = app.state.store
    store.add_village("青石村", "美德积分")
    net = Recorded(server)
    with httpx.Client(transport=net) as http:
        for ctx in (shop, b, c):
            enrolment.enrol(ctx.db, http, URL, store.issue_code("青石村")["code"], NOW)
    account = shop.db.scalar("SELECT a.id FROM resident r JOIN account a ON a.household_id = r.household_id"
                             " WHERE r.card_code = ?", (ZHANG,))
    (tmp_path / "sticks").mkdir()
    yield Village(shop, b, c, store, server, net, tmp_path / "sticks", account)
    server.__exit__(None, None, None)
    for ctx in (b, c):
        ctx.db.close()
    shutil.rmtree(tmp_path / "township.sqlite", ignore_errors=True)


def _balance(store, account: str) -> tuple[int, int]:
    row = store.one("SELECT b.hundredths, s.hundredths FROM account_balance b JOIN sale_balance s"
                    " ON s.village_id = b.village_id AND s.account_id = b.account_id WHERE b.account_id = ?",
                    (account,))
    return row[0], row[1]


# ---- online

def test_two_counters_that_knew_each_others_sale_hold_no_one_before_or_after_the_credits_arrive(village):
    village.spend("b", 1)
    village.sync("b", "c")                       # C pulls B's sale: she has 15 left there
    village.spend("c", 1)
    village.sync("c")
    assert _balance(village.store, village.account) == (-1000, -1000)   # two spenders, below zero
    assert village.held() == set()
    assert village.net.pushes[-1]["credits"] == {village.account: 2000}   # what C's books know of her credits
    village.sync("a")                            # the 20 points arrive
    village.sync("b", "c")
    assert village.held() == set()
    assert _balance(village.store, village.account) == (1000, 1000)


def test_two_counters_that_spent_the_same_points_are_held_at_once_though_credits_are_missing(village):
    village.spend("b", 3)                        # 15 of her 20 on B
    village.spend("c", 3)                        # and 15 of the same 20 on C: neither knew the other
    village.sync("b", "c")
    assert village.held() == {village.account}  # 30 spent of the 20 any of them knew
    village.sync("a")                            # the 20 arrive: still 10 short
    village.sync("b", "c")
    assert village.held() == {village.account}


def test_a_double_spend_seen_only_when_the_credits_arrive_is_held_then(village):
    village.spend("b", 3)
    village.sync("b", "c")
    village.spend("c", 1)                        # C knew B's 15: 20 spent of 20, innocent so far
    village.sync("c")
    assert village.held() == set()
    village.spend("a", 3)                        # A, which never synced, sells 15 of the same points
    village.sync("a")                            # its credits arrive with its sale: judged at its pull
    assert village.held() == {village.account}
    assert _balance(village.store, village.account) == (-1500, -1500)


def test_a_counter_that_says_nothing_of_its_credits_is_judged_as_before(village, monkeypatch):
    monkeypatch.setattr(sync_credits, "known", lambda db, records: {})   # an older counter's program
    village.spend("b", 1)
    village.sync("b", "c")
    village.spend("c", 1)
    village.sync("c")
    assert "credits" not in village.net.pushes[-1]
    assert village.held() == {village.account}  # two spenders below zero, nothing to explain it
    village.sync("a")                            # the 20 arrive: released by itself
    assert village.held() == set()


# ---- by stick

def test_by_stick_the_same_credits_are_said_and_the_same_holds_come(village):
    village.by_stick("b", "c")
    village.spend("c", 1)                        # C knew nothing of B yet …
    village.spend("b", 1)
    village.by_stick("b", "c")                   # … B's 5 and C's 5 of 20: never an overdraft
    assert village.held() == set()
    manifest = village.by_stick("c")             # C now knows B's sale, spends 5 more
    village.spend("c", 1)
    manifest = village.by_stick("c")
    assert manifest["credits"] == {village.account: 2000}   # the same as an online push says
    assert village.claims() == [2000, 2000]
    assert village.held() == set()
    village.spend("b", 2)                        # 10 more on B, not knowing C's second 5: 25 of 20
    village.by_stick("b")
    assert village.held() == {village.account}


def test_by_stick_a_double_spend_seen_only_when_the_credits_arrive_is_held_then(village):
    village.spend("b", 3)
    village.by_stick("b", "c")
    village.spend("c", 1)
    village.by_stick("c")
    assert village.held() == set()
    village.spend("a", 3)
    village.by_stick("a")
    assert village.held() == {village.account}


def test_a_bundle_whose_credits_are_not_whole_hundredths_is_refused_whole(village):
    village.spend("b", 1)
    out = usb.export_bundle(village.b.db, village.folder / "b.zip", NOW)
    secret = village.b.db.scalar("SELECT secret FROM sync_state")
    manifest, records = read_bundle(out.path, secret)
    kept = {k: v for k, v in manifest.items() if k not in ("count", "records_bytes")}
    for bad in ({village.account: -1}, {village.account: "2000"}, [2000], {village.account: 2.5}):
        write_bundle(village.folder / "bad.zip", kept | {"credits": bad}, records, secret)
        with pytest.raises(TownshipRefused) as refused:
            township_usb.import_bundle(village.store, village.folder / "bad.zip", village.folder / "r.zip")
        assert refused.value.code == "bundle_refused"
    assert village.store.one("SELECT COUNT(*) FROM record WHERE terminal_id = ?",
                             (village.b.db.scalar("SELECT terminal_id FROM sync_state"),))[0] == 0


# ---- what a push may say, and who sees it

@pytest.mark.parametrize("credits", [{"acct": -5}, {"acct": True}, {"acct": 1.5}, {"acct": 10**16}, {"": 5},
                                     ["acct", 5], "lots", {f"a{n}": 1 for n in range(3)}])
def test_a_push_whose_credits_are_not_whole_hundredths_per_account_is_refused_plainly(village, credits):
    sync = village.b.db.one("SELECT terminal_id, secret FROM sync_state")
    raw = json.dumps({"records": [], "credits": credits}).encode()   # the last: three accounts, no record
    headers = signed_headers(sync["terminal_id"], sync["secret"], "POST", "/v1/push", raw, NOW.timestamp())
    answer = village.server.post("/v1/push", content=raw, headers={**headers, "content-type": "application/json"})
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "body_bad_shape" and "credits" in answer.json()["message"]


def test_a_counter_claiming_credits_it_never_had_keeps_a_double_spend_unheld_but_the_clerk_sees_it(
        village, monkeypatch):
    village.spend("b", 3)
    village.spend("c", 3)                        # 30 spent of her 20, neither counter knew the other
    village.sync("c")
    with monkeypatch.context() as forged:        # B's program changed: it says she has 1,000 points
        forged.setattr(sync_credits, "known", lambda db, records: {village.account: 100000})
        village.sync("b")
    assert village.held() == set()
    sign_in(village.server, village.store)
    incidents = village.server.get("/incidents").text
    assert "这户村民（村里还没把这户的资料传到乡镇）" in incidents
    assert "收银台 1（第 2 号收银电脑）说这户还有 1000 分积分没传上来" in incidents   # B, whose claim it waits for
    village.sync("a")                            # her 20 arrive, far fewer than said: still waiting, still shown
    assert village.held() == set()
    page = village.server.get("/villages/青石村/house/1组8号").text
    assert "收银台 1（第 2 号收银电脑）说这户还有 980 分积分没传上来，等它们上传后再判断" in page
    incidents = village.server.get("/incidents").text
    assert "1组8号张桂兰家" in incidents and "还有 980 分积分没传上来" in incidents


def test_the_township_cli_lists_a_household_waiting_for_credits_as_the_console_does(village, township_db, capsys,
                                                                                     monkeypatch):
    """`kiosk-township incidents`, for a clerk without the console: the same words, whose claim it waits for."""
    village.spend("b", 3)
    village.spend("c", 3)
    village.sync("c")
    with monkeypatch.context() as forged:
        forged.setattr(sync_credits, "known", lambda db, records: {village.account: 100000})
        village.sync("b")
    capsys.readouterr()
    assert township_cli.main(["--db", str(township_db), "incidents"]) == 0
    listed = capsys.readouterr().out
    assert "等积分上传后再判断：" in listed
    assert "收银台 1（第 2 号收银电脑）说这户还有 1000 分积分没传上来" in listed
    assert township_cli.main(["--db", str(township_db), "--json", "incidents"]) == 0
    waiting = json.loads(capsys.readouterr().out)["waiting_for_credits"]
    assert [(w["account_id"], w["waiting"]) for w in waiting] == [(village.account, 100000)]
