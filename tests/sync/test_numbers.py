"""Two counters of one village never hand out the same number (issue 7, "numbers").

The township gives each counter its own terminal number at enrolment; receipts, delivery notes
and card codes carry it. Counter A is the `shop` village, counter B a copy of it set up from a
backup (tests/sync/test_two_counters.py), both enrolled on one real township app.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from importlib import resources

import httpx
import pytest

from kiosk.services.people import cards, residents
from kiosk.services.points import awards
from kiosk.services.setup import backup, create as setup
from kiosk.services.shop import checkout
from kiosk.services.stock import deliveries
from kiosk.services.audit.check import run_check
from kiosk.store.village import take_new_identity
from kiosk.sync import enrolment
from kiosk.sync.client import SyncFailed
from kiosk.township.store import Store
from tests.conftest import fingerprint
from tests.sync import test_two_counters as two_counters
from tests.sync.test_two_counters import NOW, TOOTHPASTE, URL, balances

RICE = "6901234567892"        # 大米 5kg 50 pts ×20
village = two_counters.village  # the fixture: A = shop, B = a copy of it, both enrolled on one township


def local_number(ctx) -> int:
    return ctx.db.scalar("SELECT t.number FROM terminal t JOIN meta m ON m.key = 'terminal_id' AND m.value = t.id")


def test_enrolment_gives_the_copy_its_own_number(village):
    assert (local_number(village.a), local_number(village.b)) == (1, 2)
    held = village.store.all("SELECT number FROM terminal ORDER BY number")
    assert [r[0] for r in held] == [1, 2]


def _offline_day(ctx, names: list[str], group: int, note_no: str) -> dict:
    """Add residents, award and sell to them, receive a delivery: all without syncing.

    Each counter registers households of its own group: one new house number made on both
    counters offline is a different problem (two households), not one of numbering."""
    added = [residents.add_resident(ctx, name=name, house_no=f"{group}组{n}号") for n, name in enumerate(names, 1)]
    sales = []
    for resident in added:
        awards.award(ctx, resident.card_code, "hjqs", "2")                       # 10 points
        sales.append(checkout.redeem_items(ctx, resident.card_code, [f"{TOOTHPASTE}x1"]))
    delivered = deliveries.receive_delivery(ctx, [deliveries.Line(RICE, 2), deliveries.Line(TOOTHPASTE, 4)],
                                            source="乡镇配送", note_no=note_no)
    return {"cards": [r.card_code for r in added], "receipts": [s.receipt for s in sales],
            "delivery": delivered.number}


def test_two_counters_offline_then_synced_agree_on_everything(village):
    on_a = _offline_day(village.a, ["赵大山", "钱小红"], 8, "XS-A-1")
    on_b = _offline_day(village.b, ["孙立平", "周春花"], 9, "XS-B-1")
    assert on_a["cards"] == ["JF000005", "JF000006"] and on_b["cards"] == ["JF200001", "JF200002"]
    assert all(r.split("-")[1] == "01" for r in on_a["receipts"])
    assert all(r.split("-")[1] == "02" for r in on_b["receipts"])
    assert on_a["delivery"].split("-")[1] == "01" and on_b["delivery"].split("-")[1] == "02"

    village.sync("a", "b", "a", "b")

    for sql in ("SELECT card_code, name FROM resident ORDER BY card_code",
                "SELECT id, receipt FROM sale ORDER BY id", "SELECT id, number FROM delivery ORDER BY id",
                "SELECT p.code, s.qty FROM stock s JOIN product p ON p.id = s.product_id ORDER BY p.code"):
        a_rows, b_rows = village.everywhere(sql)
        assert [tuple(r) for r in a_rows] == [tuple(r) for r in b_rows], sql
    receipts = [r[0] for r in village.a.db.all("SELECT receipt FROM sale")]
    assert len(receipts) == 4 and Counter(receipts).most_common(1)[0][1] == 1
    assert set(on_a["receipts"] + on_b["receipts"]) == set(receipts)
    assert {r[0] for r in village.a.db.all("SELECT number FROM delivery")} == {on_a["delivery"], on_b["delivery"]}
    for ctx in (village.a, village.b):
        assert ctx.db.scalar("SELECT COUNT(*) FROM sync_remote WHERE applied = 0") == 0
        assert run_check(ctx.db).problems == []
    assert balances(village.a) == balances(village.b)
    stock = dict(tuple(r) for r in village.a.db.all(
        "SELECT p.code, s.qty FROM stock s JOIN product p ON p.id = s.product_id"))
    assert stock[TOOTHPASTE] == 3 - 4 + 8 and stock[RICE] == 20 + 4


def test_a_card_replaced_on_one_counter_takes_a_code_of_its_own_range(village):
    first = cards.reissue(village.b, "JF000001", "卡丢了").new_code
    village.sync("b", "a")
    second = cards.reissue(village.a, first, "又丢了").new_code
    assert (first, second) == ("JF200001", "JF000005")
    village.sync("a", "b")
    retired = village.everywhere("SELECT code FROM retired_card ORDER BY code")
    assert [[r[0] for r in rows] for rows in retired] == [["JF000001", "JF200001"]] * 2
    assert residents.next_card_code(village.b) == "JF200002"      # its retired JF200001 stays retired


def _old_township(path) -> None:
    """A township database from before terminal numbers: no number column."""
    text = resources.files("kiosk.township").joinpath("schema.sql").read_text("utf-8")
    start = text.index("    high_water INTEGER NOT NULL DEFAULT 0 CHECK (high_water >= 0),")
    old = text[:start] + "    high_water INTEGER NOT NULL DEFAULT 0 CHECK (high_water >= 0)\n) STRICT;" + \
        text[text.index("\n", text.index(") STRICT;", start)):]
    conn = sqlite3.connect(path)
    conn.executescript(old)
    conn.execute("INSERT INTO village VALUES ('V1', '青石村', '美德积分', '2026-01-01T00:00:00Z')")
    for tid in ("T-sold", "T-received", "T-quiet"):
        conn.execute("INSERT INTO terminal (id, village_id, name, secret, enrolled_at) VALUES (?, 'V1', ?, 's', 'x')",
                     (tid, tid))
    bodies = [("T-sold", "sale", '{"receipt": "261103-02-0007"}'),
              ("T-received", "delivery", '{"number": "RK261103-03-001"}')]
    for n, (tid, kind, body) in enumerate(bodies, start=1):
        conn.execute("INSERT INTO record (id, terminal_id, seq, type, body, sha256, village_id, received_at)"
                     " VALUES (?, ?, 1, ?, ?, 'h', 'V1', 'x')", (f"R{n}", tid, kind, body))
    conn.commit()
    conn.close()


def test_an_old_township_reads_back_the_numbers_its_counters_use(tmp_path):
    path = tmp_path / "old-township.sqlite"
    _old_township(path)
    store = Store(path, clock=lambda: NOW.timestamp())
    numbers = {r["id"]: r["number"] for r in store.all("SELECT id, number FROM terminal")}
    assert numbers == {"T-sold": 2, "T-received": 3, "T-quiet": None}
    fresh = store.enrol(store.issue_code("青石村")["code"], "新电脑", 1)    # 1: the quiet old counter's
    assert fresh["number"] == 4
    store.close()
    again = Store(path)                                                    # opening twice changes nothing
    assert {r["id"]: r["number"] for r in again.all("SELECT id, number FROM terminal")} == numbers | {
        fresh["terminal_id"]: 4}
    again.close()


def test_a_counter_keeps_its_number_when_free_else_takes_the_smallest_free(tmp_path):
    store = Store(tmp_path / "township.sqlite", clock=lambda: NOW.timestamp())
    store.add_village("青石村", "美德积分")
    store.add_village("桃源村", "美德积分")
    got = [store.enrol(store.issue_code(v)["code"], "PC", wanted)["number"]
           for v, wanted in [("青石村", 3), ("青石村", 3), ("青石村", None), ("青石村", 120), ("桃源村", 3)]]
    assert got == [3, 1, 2, 4, 3]
    store.close()


def test_a_full_village_is_refused_in_plain_words_and_nothing_changes(village):
    with village.store.write() as conn:
        conn.executemany("INSERT INTO terminal (id, village_id, name, secret, enrolled_at, number)"
                         " SELECT ?, village_id, 'PC', 's', 'x', ? FROM terminal LIMIT 1",
                         [(f"T{n}", n) for n in range(3, 100)])
    code = village.store.issue_code("青石村")["code"]
    before = village.store.all("SELECT * FROM terminal ORDER BY id")
    answer = village.http.post("/v1/enrol", json={"code": code, "name": "第100台"})
    assert answer.status_code == 409
    assert answer.json()["message"] == "这个村已经有 99 台收银电脑，没有空的终端编号了。请联系乡镇管理员。"
    assert village.store.all("SELECT * FROM terminal ORDER BY id") == before
    assert village.store.one("SELECT used_at FROM enrol_code WHERE code = ?", (code,))[0] is None


def test_a_number_that_is_not_whole_is_refused(village):
    code = village.store.issue_code("青石村")["code"]
    before = village.store.all("SELECT * FROM terminal ORDER BY id")
    answer = village.http.post("/v1/enrol", json={"code": code, "name": "PC", "number": "二"})
    assert answer.status_code == 400
    assert answer.json()["message"] == "数据内容不对：'number' must be a whole number"
    assert village.store.all("SELECT * FROM terminal ORDER BY id") == before


def _answering(answer: dict) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=answer)))


@pytest.fixture
def copy(shop, tmp_path):
    """A second PC set up from the shop's backup, never enrolled: it still has number 1."""
    target = tmp_path / "copy.sqlite"
    backup.backup(shop, target)
    db = setup.open_shop(target)
    with db.write() as conn:
        take_new_identity(conn, new_id="copy-pc", at="2026-11-03 10:00:00")
    yield db
    db.close()


def test_a_township_without_numbers_leaves_the_pc_its_own(copy):
    enrolment.enrol(copy, _answering({"secret": "s", "terminal_id": "T9", "village_id": "V1"}), URL, "C", NOW)
    assert copy.scalar("SELECT number FROM terminal WHERE id = 'copy-pc'") == 1


@pytest.mark.parametrize("number", [0, 100, "2", True])
def test_a_bad_number_in_the_answer_changes_nothing(copy, number):
    before = fingerprint(copy)
    with pytest.raises(SyncFailed) as refused:
        enrolment.enrol(copy, _answering({"secret": "s", "terminal_id": "T9", "village_id": "V1", "number": number}),
                        URL, "C", NOW)
    assert refused.value.code == "sync_bad_answer"
    assert fingerprint(copy) == before
