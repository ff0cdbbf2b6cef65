"""Cards unique across the township: every village numbers its cards from JF000001, so a card
is found only within the village the counter names, and look-ups are kept and limited.

新村's JF000001 is 王小明, 青石村's JF000001 is 宋凤兰; both are visitors at 桃源村's counter.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from kiosk.township.tables import card_lookups
from kiosk.township.app import create_app
from tests.township.conftest import ONLY_SQLITE, Terminal

PEOPLE = {"新村": ("王小明", 10000), "青石村": ("宋凤兰", 5000)}


def _resident_records(terminal, village: str, n: int) -> list[Record]:
    """Residents JF000001 … of one village (the first is PEOPLE's), each household with its account."""
    records = []
    for k in range(1, n + 1):
        name = PEOPLE[village][0] if k == 1 else f"{village}村民{k}"
        for type_, body in (("resident", {"id": f"res-{village}-{k}", "household_id": f"hh-{village}-{k}",
                                          "name": name, "card_code": f"JF{k:06d}", "status": "active"}),
                            ("account", {"id": f"acct-{village}-{k}", "household_id": f"hh-{village}-{k}",
                                         "resident_id": None, "hold_reason": None})):
            terminal.seq += 1
            records.append(Record.make(new_id(), terminal.id, terminal.seq, type_, body))
    records.append(terminal.entry(f"acct-{village}-1", PEOPLE[village][1], kind="award"))
    return records


@pytest.fixture
def township(admin, enrol):
    """新村 and 青石村 each pushed JF000001 … JF000003; 桃源村's counter is where they visit."""
    admin.add_village("新村", "新村分")
    for village in PEOPLE:
        home = enrol(village, f"{village}收银台")
        assert home.push(_resident_records(home, village, 3)).status_code == 200
    here = enrol("桃源村", "桃源村收银台")
    with admin.write() as conn:
        for village in PEOPLE:
            admin.publish(conn, "rate", {"from_village": admin.village(village)["id"], "from_name": village,
                                         "to_village": here.village_id, "to_name": "桃源村", "rate": "1"}, None)
    return admin, here


def _vid(admin, village: str) -> str:
    return admin.village(village)["id"]


def _look_up(terminal: Terminal, village_id: str, card: str = "JF000001", **kw):
    return terminal.call("GET", f"/v1/cross/resident?village={village_id}&card={card}", **kw)


def _redeem(terminal: Terminal, village_id: str | None, amount: int, card: str = "JF000001", rid: str | None = None):
    body = {"id": rid or new_id(), "card": card, "amount": amount, "home_village": village_id}
    return terminal.call("POST", "/v1/cross/redeem", json.dumps(body).encode())


def _balance(admin, village: str) -> int:
    return admin.one("SELECT hundredths FROM account_balance WHERE account_id = ?", (f"acct-{village}-1",))[0]


def test_the_same_card_number_finds_the_resident_of_the_village_named(township):
    admin, here = township
    for village, (name, balance) in PEOPLE.items():
        data = _look_up(here, _vid(admin, village)).json()
        assert (data["name"], data["home_village"], data["balance_home"]) == (name[0] + "*" + name[-1], village, balance)


def test_cross_village_redemption_debits_the_right_resident_every_time(township, clock):
    admin, here = township
    taken = {village: 0 for village in PEOPLE}
    for n in range(8):
        village = ("新村", "青石村")[n % 2]
        clock.now += 60      # a real counter's pace, well under the limit
        answer = _redeem(here, _vid(admin, village), 100 + n)
        assert answer.status_code == 200, answer.text
        taken[village] += 100 + n
        assert answer.json()["home_village"] == village
        for each, (_name, start) in PEOPLE.items():
            assert _balance(admin, each) == start - taken[each]
    debits = admin.all("SELECT village_id, json_extract(body, '$.account_id') AS account FROM record"
                       " WHERE type = 'entry' AND terminal_id = 'township'")
    assert {(row["village_id"], row["account"]) for row in debits} == {
        (_vid(admin, village), f"acct-{village}-1") for village in PEOPLE}


def test_a_card_without_its_village_finds_nobody(township):
    admin, here = township
    plain = here.call("GET", "/v1/cross/resident?card=JF000001")
    assert plain.status_code == 400 and plain.json()["error"] == "cross_village_needed"
    assert "哪个村" in plain.json()["message"] and "王" not in plain.text and "宋" not in plain.text
    unknown = _look_up(here, "no-such-village")
    assert unknown.status_code == 404 and unknown.json()["error"] == "cross_village_unknown"
    before = (_balance(admin, "新村"), _balance(admin, "青石村"))
    refused = _redeem(here, None, 100)
    assert refused.status_code == 400 and refused.json()["error"] == "cross_village_needed"
    assert (_balance(admin, "新村"), _balance(admin, "青石村")) == before


def test_a_card_of_another_village_is_not_found_in_this_one(township, enrol):
    admin, here = township
    only_here = enrol("新村", "新村收银台2")
    only_here.seq = 0
    late = Record.make(new_id(), only_here.id, 1, "resident", {"id": "res-late", "household_id": "hh-late",
                                                               "name": "李四", "card_code": "JF000009"})
    assert only_here.push([late]).status_code == 200
    assert _look_up(here, _vid(admin, "青石村"), "JF000009").status_code == 404
    refused = _look_up(here, _vid(admin, "青石村"), "JF000009").json()
    assert refused["error"] == "cross_card_unknown" and "青石村" in refused["message"] and "李" not in json.dumps(refused)


def test_walking_card_numbers_hits_the_limit_and_is_told_so_plainly(township, clock):
    admin, here = township
    answers = [_look_up(here, _vid(admin, "新村"), f"JF{k:06d}") for k in range(1, 61)]
    most = card_lookups.WINDOWS[0][1]
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert all(a.status_code == 429 for a in answers[most:])
    refusal = answers[most].json()
    assert refusal["error"] == "cross_too_many" and "查卡太频繁" in refusal["message"]
    assert "1 分钟后再查" in refusal["message"], refusal["message"]
    assert not any("*" in a.text or "balance" in a.text for a in answers[most:])
    with admin.lock:
        kept = card_lookups.kept(admin.conn, here.id)
    assert len(kept) == most, "a refused look-up writes nothing"
    assert [row["card"] for row in kept[:4]] == ["JF000001", "JF000002", "JF000003", "JF000004"]
    assert [row["outcome"] for row in kept[:4]] == ["found", "found", "found", "cross_card_unknown"]
    assert {row["home_village_id"] for row in kept} == {_vid(admin, "新村")}
    clock.now += 61
    assert _look_up(here, _vid(admin, "新村")).status_code == 200


def test_the_hourly_limit_holds_a_patient_walker(township, clock):
    admin, here = township
    per_minute, (hour_s, per_hour) = card_lookups.WINDOWS[0][1], card_lookups.WINDOWS[1]
    for _minute in range(per_hour // per_minute):
        for k in range(per_minute):
            assert _look_up(here, _vid(admin, "青石村"), f"JF{k + 1:06d}").status_code in (200, 404)
        clock.now += 61
    refused = _look_up(here, _vid(admin, "青石村"))
    assert refused.status_code == 429 and "3600 秒内最多 120 次" in refused.json()["message"]
    clock.now += hour_s
    assert _look_up(here, _vid(admin, "青石村")).status_code == 200


def test_redemptions_count_too_but_asking_again_for_the_same_one_is_answered(township):
    admin, here = township
    rid = new_id()
    first = _redeem(here, _vid(admin, "新村"), 100, rid=rid)
    assert first.status_code == 200
    most = card_lookups.WINDOWS[0][1]
    walked = [_redeem(here, _vid(admin, "青石村"), 999999, f"JF{k:06d}") for k in range(1, most + 5)]
    assert walked[-1].status_code == 429 and "宋" not in walked[-1].text
    assert sum(1 for a in walked if a.status_code != 429) == most - 1
    again = _redeem(here, _vid(admin, "新村"), 100, rid=rid)
    assert again.status_code == 200 and again.json() == first.json()
    assert _balance(admin, "新村") == 10000 - 100


def test_the_limit_is_shared_by_server_processes_on_one_database(township, db_path, clock):
    admin, here = township
    most = card_lookups.WINDOWS[0][1]
    with TestClient(create_app(db_path, clock)) as second:
        there = Terminal(second, {"terminal_id": here.id, "secret": here.secret, "village_id": here.village_id}, clock)
        codes = [(here if n % 2 else there).call("GET", f"/v1/cross/resident?village={_vid(admin, '新村')}"
                                                        "&card=JF000001").status_code for n in range(most + 2)]
    assert codes == [200] * most + [429, 429]


def test_unsigned_or_wrongly_signed_look_ups_learn_nothing_and_write_nothing(township, client):
    admin, here = township
    vid = _vid(admin, "新村")
    answers = [client.get(f"/v1/cross/resident?village={vid}&card=JF000001"),
               _look_up(here, vid, secret="0" * 64),
               _look_up(here, vid, headers={"X-Kiosk-Signature": "bad"}),
               client.get("/v1/cross/villages")]
    for answer in answers:
        assert answer.status_code == 401
        assert "王" not in answer.text and "*" not in answer.text and "balance" not in answer.text
        assert "新村" not in answer.text
    with admin.lock:
        assert card_lookups.kept(admin.conn, here.id) == []


def test_an_enrolled_counter_learns_the_villages_to_choose_from(township):
    admin, here = township
    listed = here.call("GET", "/v1/cross/villages").json()["villages"]
    assert {v["name"] for v in listed} == {"青石村", "桃源村", "新村"}
    assert {v["id"] for v in listed} == {admin.village(name)["id"] for name in ("青石村", "桃源村", "新村")}


@ONLY_SQLITE   # SQLite's EXPLAIN QUERY PLAN / a SQLite file from before
def test_the_village_card_look_up_and_the_limit_use_their_indexes(township):
    admin, _here = township
    plans = {
        "cross_resident_village_card": ("SELECT DISTINCT json_extract(body, '$.id') FROM record WHERE type = 'resident'"
                                        " AND village_id = ? AND json_extract(body, '$.card_code') = ?", ("v", "JF000001")),
        "card_lookup_terminal": ("SELECT at FROM card_lookup WHERE terminal_id = ? AND at > ? ORDER BY at DESC"
                                 " LIMIT 1 OFFSET ?", ("t", 0, 11)),
    }
    for index, (sql, params) in plans.items():
        assert any(index in row["detail"] for row in admin.all("EXPLAIN QUERY PLAN " + sql, params)), index
