"""Holds mean overdrafts (kiosk/township/tables/holds.py): only sales that spent the same points on two
terminals hold an account; deductions, expiry and corrections never do; a hold lifts by itself."""

from __future__ import annotations

import json

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from kiosk.township import cli

ACCOUNT = "acct-5-18"

from tests.township.conftest import ONLY_SQLITE


def _overdrafts(admin, open_only: bool = True) -> list:
    return admin.all("SELECT * FROM incident WHERE kind = 'overdraft'"
                     + (" AND resolved_at IS NULL" if open_only else "") + " ORDER BY created_at, id")  # ids are time-ordered (UUIDv7)


def _published(till, kind: str) -> list[dict]:
    return [r["body"] for r in till.pull().json()["records"] if r["type"] == kind]


def _sync(till, *records) -> None:
    """Push then pull, as `kiosk sync now` does."""
    if records:
        assert till.push(list(records)).status_code == 200
    assert till.pull().status_code == 200


def _household(till, house_no: str = "5组18号", head: str = "王小明") -> None:
    """The records a counter pushes for a household: household, its head, its account."""
    household, resident = new_id(), new_id()
    for kind, body in (("household", {"id": household, "house_no": house_no, "head_id": resident}),
                       ("resident", {"id": resident, "household_id": household, "name": head}),
                       ("account", {"id": ACCOUNT, "household_id": household, "resident_id": None})):
        till.seq += 1
        assert till.push([Record.make(new_id(), till.id, till.seq, kind, body)]).status_code == 200


def test_award_deduct_sync_award_award_never_holds(enrol, admin):
    """The issue's example: a deduction below zero is not an overdraft, before or after sync."""
    a = enrol(name="A")
    _sync(a, a.entry(ACCOUNT, 500, kind="award"), a.entry(ACCOUNT, -1000, kind="deduct"))
    assert not _overdrafts(admin, open_only=False)
    _sync(a, a.entry(ACCOUNT, 500, kind="award"), a.entry(ACCOUNT, 500, kind="award"))
    assert not _overdrafts(admin, open_only=False)
    assert admin.one("SELECT hundredths FROM account_balance WHERE account_id = ?", (ACCOUNT,))[0] == 500


def test_deductions_expiry_and_corrections_from_two_counters_never_hold(enrol, admin):
    a, b = enrol(name="A"), enrol(name="B")
    _sync(a, a.entry(ACCOUNT, 1000, kind="award"))
    _sync(b)
    a.push([a.entry(ACCOUNT, -800, kind="redeem")])         # A sells 8 of 10
    b.push([b.entry(ACCOUNT, -1000, kind="deduct"),           # B, not knowing, deducts 10,
            b.entry(ACCOUNT, -500, kind="expire"), b.entry(ACCOUNT, -300, kind="adjust")])
    _sync(a)
    _sync(b)
    assert admin.one("SELECT hundredths FROM account_balance WHERE account_id = ?", (ACCOUNT,))[0] == -1600
    assert not _overdrafts(admin, open_only=False)


def test_two_counters_spending_the_same_points_hold_until_an_award_makes_it_good(enrol, admin):
    a, b, elsewhere = enrol(name="A"), enrol(name="B"), enrol("桃源村", "C")
    _household(a)
    _sync(a, a.entry(ACCOUNT, 5000, kind="award"))
    _sync(b)
    a.push([a.entry(ACCOUNT, -4000, kind="redeem")])          # offline on A: spends 40 of 50
    b.push([b.entry(ACCOUNT, -3000, kind="redeem")])          # offline on B: spends 30 of the same 50
    assert not _overdrafts(admin)                              # judged once B's whole push is in
    b.pull()
    incidents = _overdrafts(admin)
    assert len(incidents) == 1 and incidents[0]["account_id"] == ACCOUNT
    detail = json.loads(incidents[0]["detail"])
    assert detail["balance"] == "-20"
    for till in (a, b):
        holds = _published(till, "hold")
        assert [h["account_id"] for h in holds] == [ACCOUNT]
        reason = holds[0]["reason"]
        assert holds[0]["incident_id"] == incidents[0]["id"]
        assert "5组18号王小明家" in reason and "-20" in reason and "还差 20 分" in reason
        assert ACCOUNT not in reason and "。。" not in reason and not reason.endswith("。")
    assert not _published(elsewhere, "hold")
    _sync(b, b.entry(ACCOUNT, -100, kind="deduct"))           # deeper, still the same hold
    assert len(_overdrafts(admin, open_only=False)) == 1

    _sync(a, a.entry(ACCOUNT, 1000, kind="award"))            # -21 + 10: still below zero
    assert len(_overdrafts(admin)) == 1
    _sync(a, a.entry(ACCOUNT, 1200, kind="award"))            # back to 1: lifts by itself
    assert not _overdrafts(admin)
    ended = admin.one("SELECT * FROM incident WHERE id = ?", (incidents[0]["id"],))
    assert ended["resolved_at"] is not None and "自动解冻" in ended["note"] and "1 分" in ended["note"]
    assert json.loads(ended["detail"])["ended"] == "automatic"
    assert json.loads(ended["detail"])["balance_at_end"] == "1"
    released = _published(b, "hold_released")
    assert [r["account_id"] for r in released] == [ACCOUNT] and "5组18号王小明家" in released[0]["note"]

    _sync(b, b.entry(ACCOUNT, -500, kind="deduct"))           # a deduction later: no new hold
    assert len(_overdrafts(admin, open_only=False)) == 1


def test_one_counters_own_spending_is_never_an_overdraft(enrol, admin):
    """A PC set up from the first one's backup sells before the first has pushed the awards it knew."""
    first, copy = enrol(name="A"), enrol(name="B")
    _sync(copy, copy.entry(ACCOUNT, -1500, kind="redeem"), copy.entry(ACCOUNT, -500, kind="redeem"))
    assert not _overdrafts(admin, open_only=False)
    _sync(first, first.entry(ACCOUNT, 2000, kind="award"))
    assert not _overdrafts(admin, open_only=False)


def test_the_same_history_in_one_batch_or_many_gives_the_same_holds(enrol, admin):
    """Judged after the whole push: an award later in the same push keeps the account free."""
    a, b = enrol(name="A"), enrol(name="B")
    _sync(a, a.entry(ACCOUNT, 1000, kind="award"))
    _sync(b)
    _sync(b, b.entry(ACCOUNT, -1000, kind="redeem"))
    late = [a.entry(ACCOUNT, -1000, kind="redeem"), a.entry(ACCOUNT, 1000, kind="award")]
    for record in late:                                        # one batch per record, as a slow line
        assert a.push([record]).status_code == 200
    a.pull()
    assert not _overdrafts(admin, open_only=False)


def test_a_clerk_resolving_by_hand_is_not_undone_by_the_next_sync(enrol, admin, db_path, capsys):
    a, b = enrol(name="A"), enrol(name="B")
    _sync(a, a.entry(ACCOUNT, 5000, kind="award"))
    _sync(b)
    _sync(a, a.entry(ACCOUNT, -4000, kind="redeem"))
    _sync(b, b.entry(ACCOUNT, -3000, kind="redeem"))
    assert cli.main(["--db", str(db_path), "--json", "incidents"]) == 0
    listed = json.loads(capsys.readouterr().out)["incidents"]
    assert [i["kind"] for i in listed] == ["overdraft"]
    assert cli.main(["--db", str(db_path), "--json", "resolve", listed[0]["id"], "--note", "王小明补交"]) == 0
    assert json.loads(capsys.readouterr().out)["resolved"] is True
    released = _published(a, "hold_released")
    assert released[0]["account_id"] == ACCOUNT and released[0]["note"] == "王小明补交"
    _sync(b, b.entry(ACCOUNT, -100, kind="deduct"))
    assert not _overdrafts(admin)                              # the clerk's word stands
    assert cli.main(["--db", str(db_path), "resolve", listed[0]["id"], "--note", "again"]) == 1
    assert "已经处理过了" in capsys.readouterr().err


def test_a_clerks_acceptance_is_forgotten_once_the_account_is_made_good(enrol, admin, db_path):
    """Accepted at -20 by hand, made good by an award: a later, shallower overdraft holds all the same."""
    a, b = enrol(name="A"), enrol(name="B")
    _sync(a, a.entry(ACCOUNT, 5000, kind="award"))
    _sync(b)
    _sync(a, a.entry(ACCOUNT, -4000, kind="redeem"))
    _sync(b, b.entry(ACCOUNT, -3000, kind="redeem"))
    [held] = _overdrafts(admin)
    assert cli.main(["--db", str(db_path), "resolve", held["id"], "--note", "王小明补交"]) == 0
    _sync(a, a.entry(ACCOUNT, 3000, kind="award"))            # back to +10: the acceptance is spent
    _sync(b)
    a.push([a.entry(ACCOUNT, -1000, kind="redeem")])          # both spend the same 10 offline
    b.push([b.entry(ACCOUNT, -500, kind="redeem")])
    a.pull()
    b.pull()
    assert len(_overdrafts(admin)) == 1                        # -5, not as deep as the -20 once accepted


def test_an_account_the_township_does_not_know_is_named_in_words_never_by_id(enrol, admin):
    a, b = enrol(name="A"), enrol(name="B")
    _sync(a, a.entry(ACCOUNT, 1000, kind="award"))
    _sync(b)
    _sync(a, a.entry(ACCOUNT, -1000, kind="redeem"))
    _sync(b, b.entry(ACCOUNT, -1000, kind="redeem"))
    reason = _published(a, "hold")[0]["reason"]
    assert "这户村民" in reason and ACCOUNT not in reason


def test_balances_and_ranking_from_merged_entries(enrol, db_path, capsys):
    a, b = enrol(name="A"), enrol(name="B")
    a.push([a.entry("JF000001", 1250), a.entry("JF000002", 500)])
    b.push([b.entry("JF000002", 1000), b.entry("JF000001", -250)])
    assert cli.main(["--db", str(db_path), "--json", "balances", "青石村"]) == 0
    balances = json.loads(capsys.readouterr().out)["balances"]
    assert {x["account"]: x["balance"] for x in balances} == {"JF000001": "10.00", "JF000002": "15.00"}
    assert cli.main(["--db", str(db_path), "--json", "ranking", "青石村"]) == 0
    ranking = json.loads(capsys.readouterr().out)["ranking"]
    assert [(x["rank"], x["account"], x["earned"]) for x in ranking] == [(1, "JF000002", "15.00"),
                                                                         (2, "JF000001", "12.50")]


@ONLY_SQLITE   # SQLite's EXPLAIN QUERY PLAN / a SQLite file from before
def test_a_township_file_from_before_releases_the_holds_the_old_rule_raised(enrol, admin, db_path, clock):
    """The issue: 22 households held after a first sync. Opened again, the township keeps only real overdrafts."""
    from kiosk.township.store import Store

    a, b = enrol(name="A"), enrol(name="B")
    _sync(a, a.entry("back-above", 500, kind="award"), a.entry("deducted", 500, kind="award"),
          a.entry("deducted", -1000, kind="deduct"), a.entry("overdrawn", 1000, kind="award"))
    _sync(b)
    _sync(a, a.entry("overdrawn", -1000, kind="redeem"))
    _sync(b, b.entry("overdrawn", -1000, kind="redeem"))
    village = admin.village("青石村")["id"]
    with admin.write() as conn:   # what the old rule left: holds on every account once below zero
        for account, balance in (("back-above", "-5.00"), ("deducted", "-5.00")):
            admin.incident(conn, "overdraft", {"balance": balance}, village_id=village, account_id=account)
        conn.execute("DELETE FROM sale_balance")
    assert len(_overdrafts(admin)) == 3
    again = Store(db_path, clock)
    try:
        assert {r["account_id"] for r in _overdrafts(again)} == {"overdrawn"}
        notes = {r["account_id"]: r["note"] for r in _overdrafts(again, open_only=False) if r["resolved_at"]}
        assert "回到 5 分" in notes["back-above"] and "扣分或过期" in notes["deducted"]
        released = [r["body"]["account_id"] for r in a.pull().json()["records"] if r["type"] == "hold_released"]
        assert sorted(released) == ["back-above", "deducted"]
    finally:
        again.close()


@ONLY_SQLITE   # the upgrade of a SQLite file from before
def test_two_servers_opening_a_file_from_before_at_once_work_the_sale_balances_out_once(enrol, admin, db_path, clock,
                                                                                        monkeypatch):
    """Each server process upgrades the file as it opens it: one that looked before the other wrote
    asks again under the write lock, instead of writing the same balances a second time."""
    from kiosk.township.store import Store
    from kiosk.township.tables import holds

    a = enrol(name="A")
    _sync(a, a.entry("spent", 1000, kind="award"), a.entry("spent", -400, kind="redeem"))
    with admin.write() as conn:
        conn.execute("DELETE FROM sale_balance")
    real_write = admin.write

    def the_other_server_first():     # `admin` looked and found none; `other` opens and writes them now
        monkeypatch.setattr(admin, "write", real_write)
        Store(db_path, clock).close()
        return real_write()
    monkeypatch.setattr(admin, "write", the_other_server_first)
    holds.upgrade(admin)
    assert [tuple(r) for r in admin.all("SELECT account_id, hundredths FROM sale_balance")] == [("spent", 600)]


def test_a_put_back_copys_sales_by_stick_under_its_old_terminal_hold_as_online(enrol, admin):
    """A counter's copy put back, healed by a reply on the stick (new books, kiosk.sync.usb), sells again and
    sends it under its old terminal: its sale did not know the sale the lost minutes made, as online."""
    counter, new_identity = enrol(name="A"), enrol(name="A (new identity)")
    _sync(counter, counter.entry(ACCOUNT, 2000, kind="award", terminal_id="books-1"))
    _sync(counter, counter.entry(ACCOUNT, -1000, kind="redeem", terminal_id="books-1"))  # the lost minutes' sale
    assert not _overdrafts(admin)
    _sync(counter, counter.entry(ACCOUNT, -2000, kind="redeem", terminal_id="books-2"))  # the copy's, by stick
    assert [r["account_id"] for r in _overdrafts(admin)] == [ACCOUNT]
    _sync(new_identity, new_identity.entry(ACCOUNT, -100, kind="redeem", terminal_id="books-2"))
    assert len(_overdrafts(admin, open_only=False)) == 1


def test_a_put_back_copys_sale_from_before_the_stick_healed_it_holds_by_the_books_the_stick_names(enrol, admin):
    """Made before the reply healed the copy, its sale names the lost minutes' books; the stick names the
    new books it was numbered from (kiosk.sync.usb.export_bundle), as its new terminal would be online."""
    from kiosk.township import merge

    counter = enrol(name="A")
    _sync(counter, counter.entry(ACCOUNT, 2000, kind="award", terminal_id="books-1"))
    _sync(counter, counter.entry(ACCOUNT, -1000, kind="redeem", terminal_id="books-1"))  # the lost minutes' sale
    copys_sale = counter.entry(ACCOUNT, -2000, kind="redeem", terminal_id="books-1")
    merge.push(admin, admin.terminal(counter.id), [copys_sale], books="books-2")       # as import_bundle does
    _sync(counter)
    assert [r["account_id"] for r in _overdrafts(admin)] == [ACCOUNT]


def test_one_counters_own_books_are_one_spender_under_one_terminal(enrol, admin):
    """Its sales name its books (the entry's terminal_id): spending before its awards arrived is no overdraft,
    also when the spending before this township knew the books (an older file: the terminal alone) goes on."""
    first, copy = enrol(name="A"), enrol(name="B")
    _sync(copy, copy.entry(ACCOUNT, -1500, kind="redeem"))                   # kept under the terminal alone
    _sync(copy, copy.entry(ACCOUNT, -500, kind="redeem", terminal_id="books-b"),
          copy.entry(ACCOUNT, -500, kind="redeem", terminal_id="books-b"))
    assert not _overdrafts(admin, open_only=False)
    _sync(first, first.entry(ACCOUNT, 2500, kind="award", terminal_id="books-a"))
    assert not _overdrafts(admin, open_only=False)


@ONLY_SQLITE   # the upgrade of a SQLite file from before
def test_a_file_from_before_counts_spenders_as_pushes_do(enrol, admin, db_path, clock):
    from kiosk.township.store import Store

    a, b = enrol(name="A"), enrol(name="B")
    _sync(a, a.entry("spent", 1000, kind="award", terminal_id="books-a"),
          a.entry("spent", -400, kind="redeem", terminal_id="books-a"),
          a.entry("spent", -100, kind="redeem", terminal_id="books-a2"), a.entry("spent", -100, kind="redeem"))
    _sync(b, b.entry("spent", -100, kind="redeem", terminal_id="books-b"))
    spenders = sorted(map(tuple, admin.all("SELECT * FROM sale_spender")))
    assert len(spenders) == 4
    with admin.write() as conn:
        conn.execute("DELETE FROM sale_balance")
        conn.execute("DELETE FROM sale_spender")
    Store(db_path, clock).close()
    assert sorted(map(tuple, admin.all("SELECT * FROM sale_spender"))) == spenders
