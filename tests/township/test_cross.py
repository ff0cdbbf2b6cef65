"""积分互认 on the township: a 桃源村 resident redeems at 青石村, 1 桃源村 分 = 0.8 青石村 分."""

from __future__ import annotations

import json

import pytest

from kiosk.core import entry_record
from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from tests.township.conftest import ONLY_SQLITE, records_fingerprint

CARD = "TY000007"


def _publish_rate(admin, rate: str = "0.8", a: str = "桃源村", b: str = "青石村") -> None:
    va, vb = admin.village(a), admin.village(b)
    with admin.write() as conn:
        admin.publish(conn, "rate", {"from_village": va["id"], "from_name": a, "to_village": vb["id"],
                                     "to_name": b, "rate": rate}, None)


def _versioned(terminal, type_: str, body: dict) -> Record:
    terminal.seq += 1
    return Record.make(new_id(), terminal.id, terminal.seq, type_, body)


@pytest.fixture
def taoyuan(enrol):
    """桃源村's counter pushed 陈美玲 (card TY000007), her household account and 100.00 points."""
    home = enrol("桃源村", "桃源村收银台")
    home.home_village = home.village_id
    records = [
        _versioned(home, "resident", {"id": "res-chen", "household_id": "hh-ty-2-5", "name": "陈美玲",
                                      "initials": "cml", "card_code": CARD, "status": "active"}),
        _versioned(home, "account", {"id": "acct-ty-2-5", "household_id": "hh-ty-2-5", "resident_id": None,
                                     "hold_reason": None}),
        home.entry("acct-ty-2-5", 10000, kind="award"),
    ]
    assert home.push(records).status_code == 200
    return home


@pytest.fixture
def qingshi(enrol, taoyuan):
    """青石村's counter; its visitors come from 桃源村."""
    here = enrol("青石村", "青石村收银台")
    here.home_village = taoyuan.village_id
    return here


def _look_up(admin, terminal, card: str = CARD, village: str = "桃源村", **kw):
    return terminal.call("GET", f"/v1/cross/resident?village={admin.village(village)['id']}&card={card}", **kw)


def _redeem(terminal, rid: str, amount: int, card: str = CARD, **extra):
    body = {"id": rid, "card": card, "amount": amount, "summary": {"receipt": "W202611030001",
                                                                  "lines": [["大米 5kg", 1, 5000]]},
            "home_village": terminal.home_village, **extra}
    return terminal.call("POST", "/v1/cross/redeem", json.dumps(body, ensure_ascii=False).encode())


def _balance(admin, account: str = "acct-ty-2-5") -> int:
    return admin.one("SELECT hundredths FROM account_balance WHERE account_id = ?", (account,))[0]


def test_look_up_shows_masked_name_home_village_and_both_balances(admin, taoyuan, qingshi):
    _publish_rate(admin)
    answer = _look_up(admin, qingshi)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert (data["name"], data["home_village"], data["home_currency"]) == ("陈*玲", "桃源村", "积分")
    assert (data["balance_home"], data["balance_here"], data["rate"], data["currency"]) == (10000, 8000, "0.8", "美德积分")
    assert "account_id" not in data and "resident_id" not in data


def test_a_rate_published_the_other_way_round_is_inverted(admin, taoyuan, qingshi):
    _publish_rate(admin, "1.25", "青石村", "桃源村")
    data = _look_up(admin, qingshi).json()
    assert data["balance_here"] == 8000


def test_redeem_writes_one_debit_for_the_home_village_and_a_replay_changes_nothing(admin, taoyuan, qingshi):
    _publish_rate(admin)
    rid = new_id()
    first = _redeem(qingshi, rid, 5000)  # 50.00 青石村 分 = 62.50 桃源村 分
    assert first.status_code == 200, first.text
    assert (first.json()["home_amount"], first.json()["balance_home"]) == (6250, 3750)
    assert _balance(admin) == 3750
    again = _redeem(qingshi, rid, 5000)
    assert again.status_code == 200 and again.json() == first.json()
    assert _balance(admin) == 3750
    pulled = taoyuan.pull().json()["records"]
    debits = [r for r in pulled if r["type"] == "entry"]
    assert len(debits) == 1 and debits[0]["terminal_id"] == "township"
    assert debits[0]["body"]["hundredths"] == -6250 and debits[0]["body"]["id"] == rid
    assert debits[0]["body"]["account_id"] == "acct-ty-2-5" and debits[0]["body"]["kind"] == "redeem"
    assert sorted(debits[0]["body"]) == sorted(entry_record.COLUMNS)   # the ledger's own columns, as a counter sends them
    assert not [r for r in qingshi.pull().json()["records"] if r["type"] == "entry"]


def _refused(admin, response, status: int, code: str, words: str, before) -> None:
    assert response.status_code == status, response.text
    assert response.json()["error"] == code and words in response.json()["message"]
    assert records_fingerprint(admin) == before


def test_no_rate_is_refused_plainly(admin, taoyuan, qingshi):
    before = records_fingerprint(admin)
    _refused(admin, _redeem(qingshi, new_id(), 5000), 409, "cross_no_rate", "还没有公布桃源村和青石村", before)
    _refused(admin, _look_up(admin, qingshi), 409, "cross_no_rate", "兑换比例", before)


def test_unknown_card_short_and_own_village_are_refused(admin, taoyuan, qingshi):
    _publish_rate(admin)
    before = records_fingerprint(admin)
    _refused(admin, _redeem(qingshi, new_id(), 5000, card="TY999999"), 404, "cross_card_unknown", "TY999999", before)
    _refused(admin, _redeem(qingshi, new_id(), 8001), 409, "cross_short", "还有 100.00，需要 100.01", before)
    _refused(admin, _redeem(taoyuan, new_id(), 100), 409, "cross_same_village", "本村村民", before)


def test_an_account_on_hold_is_refused(admin, taoyuan, qingshi):
    _publish_rate(admin)
    hold = _versioned(taoyuan, "account", {"id": "acct-ty-2-5", "household_id": "hh-ty-2-5",
                                           "resident_id": None, "hold_reason": "村里核查中"})
    assert taoyuan.push([hold]).status_code == 200
    before = records_fingerprint(admin)
    _refused(admin, _redeem(qingshi, new_id(), 100), 409, "cross_on_hold", "村里核查中", before)


def test_an_open_overdraft_is_a_hold_too(admin, taoyuan, qingshi, enrol):
    _publish_rate(admin)
    other = enrol("桃源村", "桃源村二号收银台")   # two counters spent the same 100 offline
    assert taoyuan.push([taoyuan.entry("acct-ty-2-5", -6000, kind="redeem")]).status_code == 200
    assert other.push([other.entry("acct-ty-2-5", -6000, kind="redeem")]).status_code == 200
    other.pull()                      # the whole push is in: the township judges it (holds.py)
    before = records_fingerprint(admin)
    _refused(admin, _redeem(qingshi, new_id(), 100), 409, "cross_on_hold", "已冻结", before)


def test_the_same_id_with_another_amount_is_a_conflict(admin, taoyuan, qingshi):
    _publish_rate(admin)
    rid = new_id()
    assert _redeem(qingshi, rid, 1000).status_code == 200
    before = records_fingerprint(admin)
    _refused(admin, _redeem(qingshi, rid, 2000), 409, "cross_id_reused", rid, before)
    assert _balance(admin) == 10000 - 1250


def test_another_villages_sale_and_bad_bodies_are_refused(admin, taoyuan, qingshi):
    _publish_rate(admin)
    before = records_fingerprint(admin)
    _refused(admin, _redeem(qingshi, new_id(), 100, village_id=taoyuan.village_id), 403,
             "cross_wrong_village", "本村", before)
    _refused(admin, _redeem(qingshi, new_id(), 12.5), 400, "body_bad_shape", "amount", before)
    _refused(admin, _redeem(qingshi, new_id(), 0), 400, "body_bad_shape", "amount", before)
    _refused(admin, qingshi.call("POST", "/v1/cross/redeem", b'{"id": "x", "card"'), 400, "body_bad_json", "", before)


def test_unsigned_or_wrongly_signed_calls_get_401(admin, client, taoyuan, qingshi):
    _publish_rate(admin)
    assert client.get(f"/v1/cross/resident?village={taoyuan.village_id}&card={CARD}").status_code == 401
    assert _look_up(admin, qingshi, secret="wrong").status_code == 401
    body = json.dumps({"id": new_id(), "card": CARD, "amount": 100}).encode()
    assert qingshi.call("POST", "/v1/cross/redeem", body, secret="wrong").status_code == 401
    assert _balance(admin) == 10000


def test_a_reissued_card_code_no_longer_finds_the_resident(admin, taoyuan, qingshi):
    _publish_rate(admin)
    new_card = _versioned(taoyuan, "resident", {"id": "res-chen", "household_id": "hh-ty-2-5", "name": "陈美玲",
                                                "initials": "cml", "card_code": "TY000099", "status": "active"})
    assert taoyuan.push([new_card]).status_code == 200
    assert _look_up(admin, qingshi).status_code == 404
    assert _look_up(admin, qingshi, "TY000099").json()["name"] == "陈*玲"


@ONLY_SQLITE   # SQLite's EXPLAIN QUERY PLAN / a SQLite file from before
def test_the_card_lookup_uses_its_index(admin, taoyuan):
    plan = admin.all("EXPLAIN QUERY PLAN SELECT 1 FROM record WHERE type = 'resident'"
                     " AND json_extract(body, '$.card_code') = ?", (CARD,))
    assert any("cross_resident_card" in row["detail"] for row in plan)
