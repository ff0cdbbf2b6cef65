"""Push, pull and state over the ASGI app: ordering, idempotence, conflicts, gaps, forks."""

from __future__ import annotations

from kiosk.sync.wire import Record
from tests.township.conftest import records_fingerprint


def test_push_stores_and_state_reports_high_water(enrol):
    till = enrol()
    answer = till.push(till.entries(3))
    assert answer.status_code == 200
    assert [r["status"] for r in answer.json()["results"]] == ["stored"] * 3
    assert answer.json()["high_water"] == 3
    state = till.state().json()
    assert state["terminal_id"] == till.id and state["high_water"] == 3 and state["cursor_hint"] == 3


def test_same_batch_twice_is_all_duplicates_and_changes_nothing(enrol, admin):
    till = enrol()
    batch = till.entries(5)
    till.push(batch)
    before = records_fingerprint(admin)
    again = till.push(batch)
    assert again.status_code == 200
    assert {r["status"] for r in again.json()["results"]} == {"duplicate"}
    assert records_fingerprint(admin) == before


def test_pull_gives_the_village_others_records_in_commit_order_never_own(enrol):
    a, b, other = enrol(name="A"), enrol(name="B"), enrol("桃源村", "C")
    a.push(a.entries(2))
    late = b.entry("acct-2", 50, at="2025-11-22T08:00:00")   # B's clock a year behind
    b.push([late])
    early = a.entry("acct-1", 7, at="2027-11-22T08:00:00")   # A's clock a year ahead
    a.push([early])
    other.push(other.entries(2))
    pulled = b.pull().json()["records"]
    assert [r["terminal_id"] for r in pulled] == [a.id, a.id, a.id]
    assert pulled[-1]["id"] == early.id
    seen_by_a = a.pull().json()["records"]
    assert [r["id"] for r in seen_by_a] == [late.id]
    assert [r["commit_no"] for r in pulled] == sorted(r["commit_no"] for r in pulled)


def test_a_clock_more_than_ten_minutes_off_is_refused_with_a_reason(enrol, admin, clock):
    till = enrol()
    before = records_fingerprint(admin)
    answer = till.push(till.entries(1), at=clock.now - 365 * 86400)
    assert answer.status_code == 401 and answer.json()["error"] == "auth_time"
    assert "校准电脑时间" in answer.json()["message"]
    assert records_fingerprint(admin) == before
    assert till.push(till.entries(1), at=clock.now - 9 * 60).status_code == 409   # in window: seq 2 is a gap


def test_pull_pages_with_cursor(enrol):
    a, b = enrol(name="A"), enrol(name="B")
    a.push(a.entries(5))
    first = b.pull(0, 2).json()
    assert len(first["records"]) == 2 and first["more"] is True
    rest = b.pull(first["cursor"], 10).json()
    assert len(rest["records"]) == 3 and rest["more"] is False
    nothing = b.pull(rest["cursor"], 10).json()
    assert nothing == {"records": [], "cursor": rest["cursor"], "more": False}


def test_hash_conflict_is_409_with_per_record_results(enrol, admin):
    till = enrol()
    first = till.entries(2)
    till.push(first)
    changed = first[1].as_json() | {"body": {"account_id": "acct-1", "hundredths": 999}}
    changed["sha256"] = Record.make(changed["id"], till.id, 2, "entry", changed["body"]).sha256
    before = records_fingerprint(admin)
    answer = till.push([first[0], changed])
    assert answer.status_code == 409
    assert [r["status"] for r in answer.json()["results"]] == ["duplicate", "conflict"]
    assert records_fingerprint(admin) == before
    assert admin.one("SELECT kind FROM incident WHERE kind = 'conflict'") is not None


def test_gap_is_409_with_expected_and_stores_nothing(enrol, admin):
    till = enrol()
    till.push(till.entries(2))
    till.seq = 4
    before = records_fingerprint(admin)
    answer = till.push(till.entries(1))
    assert answer.status_code == 409
    assert answer.json()["error"] == "gap" and answer.json()["expected"] == 3
    assert "第 3 条" in answer.json()["message"]
    assert records_fingerprint(admin) == before


def test_fork_is_409_and_an_incident(enrol, admin):
    till = enrol()
    till.push(till.entries(3))
    till.seq = 2                          # a second PC restored from the same backup
    before = records_fingerprint(admin)
    answer = till.push(till.entries(1, account="acct-9"))
    assert answer.status_code == 409 and answer.json()["error"] == "fork"
    assert "同一个备份" in answer.json()["message"]
    assert records_fingerprint(admin) == before
    assert admin.one("SELECT terminal_id FROM incident WHERE kind = 'fork'")[0] == till.id


def test_tampered_body_is_rejected_and_queue_moves_on(enrol, admin):
    till = enrol()
    bad = till.entry("acct-1", 100).as_json() | {"body": {"account_id": "acct-1", "hundredths": 100000}}
    answer = till.push([bad, till.entry("acct-1", 5)])
    assert answer.status_code == 200
    assert [r["status"] for r in answer.json()["results"]] == ["rejected", "stored"]
    assert answer.json()["high_water"] == 2
    assert admin.one("SELECT COUNT(*) FROM record")[0] == 1
    assert admin.one("SELECT COUNT(*) FROM incident WHERE kind = 'rejected'")[0] == 1


def test_a_rejected_record_beyond_high_water_is_a_gap_not_a_jump(enrol, admin):
    till = enrol()
    till.seq = 99
    bad = till.entry("acct-1", 100).as_json() | {"sha256": "0" * 64}
    before = records_fingerprint(admin)
    answer = till.push([bad])
    assert answer.status_code == 409 and answer.json()["expected"] == 1
    assert records_fingerprint(admin) == before


def test_rate_published_on_township_reaches_every_village(enrol, admin):
    a, other = enrol(), enrol("桃源村", "C")
    with admin.write() as conn:
        admin.publish(conn, "rate", {"from_name": "青石村", "to_name": "桃源村", "rate": "1.5"}, None)
    for till in (a, other):
        records = till.pull().json()["records"]
        assert [(r["type"], r["terminal_id"]) for r in records] == [("rate", "township")]


def test_a_batch_repeating_itself_is_sorted_out_within_the_batch(enrol, admin):
    till = enrol()
    one = till.entry("acct-1", 100)
    twin = till.entry("acct-1", 100)
    twin_same_seq = till.entry("acct-2", 100).as_json() | {"seq": twin.seq}
    answer = till.push([one, one])
    assert [r["status"] for r in answer.json()["results"]] == ["stored", "duplicate"]
    before = records_fingerprint(admin)
    forked = till.push([twin, twin_same_seq])
    assert forked.status_code == 409 and forked.json()["error"] == "fork"
    assert records_fingerprint(admin) == before


def test_the_cursor_hint_is_the_last_commit_the_terminals_village_would_pull(enrol, admin):
    home, other = enrol("青石村"), enrol("桃源村", name="收银台2")
    home.push(home.entries(2))
    assert home.state().json()["cursor_hint"] == 2
    other.push(other.entries(3))                       # commits 3–5, another village's
    assert home.state().json()["cursor_hint"] == 2     # a counter of 青石村 has nothing to pull
    assert other.state().json()["cursor_hint"] == 5
    assert home.pull(since=2).json()["records"] == []
    with admin.write() as conn:                        # for every village: both pull it
        admin.publish(conn, "price", {"code": "6922222222227", "price": 1500}, None)
    assert home.state().json()["cursor_hint"] == other.state().json()["cursor_hint"] == 6
    assert [r["type"] for r in home.pull(since=2).json()["records"]] == ["price"]
