"""A counter put back from a copy and healed by a reply on the stick sends its next sticks under
its old terminal until its next online sync. The township gives its books a new identity, as
online, and keeps their chain head under it: never a `chain_rewritten` incident (a clerk would
read "this village rewrote its books" about a village that put back a backup), even when the
copy's first stick ends on the lost books' last head. A rewrite by stick (same terminal, same
books) is still caught at once; one that wipes only the newer heads kept here looks like a copy
to the heads, and is caught when it asks for its new identity: its records are no longer those
the township stored (kiosk/township/restore_judge.py). Driven as a user types it: `kiosk sync
export`, `kiosk-township import`, `kiosk sync import`, on SQLite and PostgreSQL townships."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kiosk.services.audit.check import run_check
from kiosk.services.context import Context
from kiosk.services.points import awards
from kiosk.services.setup import create as setup
from kiosk.store import chain
from kiosk.sync import enrolment, state
from kiosk.sync.bundle import read_manifest
from kiosk.sync.wire import Record
from kiosk.township import cli as township_cli
from kiosk.township import merge
from tests.sync import remote
from tests.services.audit.test_chain_anchor import (
    make_entry_500_and_reseal,
    rewrite_first_award_and_rehash,
)
from tests.conftest import give
from tests.sync.real_township import NOW, URL, township  # noqa: F401  (township: a fixture)
from tests.sync.test_rollback import Counter


@pytest.fixture
def counter(shop, db_path, township):
    store, http = township
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    for _ in range(4):
        awards.award(shop, "JF000001", "hjqs", "5")                   # 4 × 25: 100 points to spend
    give(shop, "JF000004", 2)                                         # what an insider's rewrite changes
    found = Counter(shop, http, store, Path(db_path), NOW)
    yield found
    found.ctx.db.close()


def _stick(counter, kiosk, capsys, township_db, tmp_path, name: str, bring_back: bool = True) -> dict:
    """`kiosk sync export`, `kiosk-township import` (its --json answer), maybe `kiosk sync import`."""
    bundle, reply = tmp_path / f"{name}.zip", tmp_path / f"{name}-reply.zip"
    done = kiosk("--db", str(counter.path), "sync", "export", str(bundle))
    assert done.code == 0, done.err
    result = _township(capsys, township_db, "--json", "import", str(bundle), "--reply", str(reply))
    if bring_back:
        taken = kiosk("--db", str(counter.path), "sync", "import", str(reply))
        assert taken.code == 0, taken.err
    return result


def _township(capsys, township_db, *args: str) -> dict | str:
    """`kiosk-township --db … ARGS`: its --json answer, or what it printed."""
    capsys.readouterr()
    code = township_cli.main(["--db", str(township_db), *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out) if "--json" in args else out.out


def _rewritten(store) -> list:
    return store.all("SELECT terminal_id FROM incident WHERE kind = 'rejected' AND detail LIKE '%chain_rewritten%'")


def _renewed(store) -> list[str]:
    return [json.loads(row[0])["new_terminal"] for row in
            store.all("SELECT detail FROM incident WHERE kind = 'fork' AND detail LIKE '%reidentified%'")]


def _held(store, terminal_id: str) -> dict[int, str]:
    return {row[0]: row[1] for row in store.all("SELECT position, link FROM chain_anchor WHERE terminal_id = ?",
                                                (terminal_id,))}


def _healed_on_the_stick(counter, kiosk, capsys, township_db, tmp_path) -> tuple[str, int]:
    """Two sales reach the township after a copy; the copy is put back and its stick's reply heals it.
    Returns the old terminal and the head position the township last kept for it."""
    counter.sell(3)
    counter.sync()
    copy = tmp_path / "before.sqlite"
    counter.copy_without_wal(copy)
    counter.sell(2)
    counter.sync()
    old = state.load(counter.db).terminal_id
    last = max(_held(counter.store, old))
    counter.put_back(copy)
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "first")
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    assert state.resume_flag(counter.db) and state.load(counter.db).terminal_id == old
    return old, last


def _sells_up_to(counter, position: int) -> None:
    """The copy makes the lost minutes' two sales again: its head lands where the lost books' head was,
    with another link (a head the township holds, which the copy never knew)."""
    counter.sell(2)
    assert chain.head(counter.db.conn)[0] == position


def test_a_copy_healed_by_its_stick_is_not_called_a_rewriter_by_its_next_stick(counter, kiosk, capsys, township_db,
                                                                                  tmp_path):
    store = counter.store
    old, last = _healed_on_the_stick(counter, kiosk, capsys, township_db, tmp_path)
    _sells_up_to(counter, last)
    head = chain.head(counter.db.conn)
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    assert _rewritten(store) == []
    words = _township(capsys, township_db, "incidents")
    assert "改过村里的账" not in words and "已换成新的终端号 2（原来是 1）" in words
    [renewed] = _renewed(store)                          # its books got a new identity, as online
    assert _held(store, renewed) == {head[0]: head[1]} and result["books_extend"] is True
    assert _held(store, old)[last] != head[1]            # the lost books' head stays as it was
    assert counter.sync().healed                          # the next online sync: the same new identity
    assert state.load(counter.db).terminal_id == renewed and counter.ctx.terminal.number == 2
    assert _rewritten(store) == [] and _renewed(store) == [renewed]
    assert run_check(counter.db).problems == []
    counter.sell(1)
    assert not counter.sync().healed and _rewritten(store) == []
    assert max(_held(store, renewed)) == chain.head(counter.db.conn)[0]


def test_a_stick_of_the_copy_brought_after_its_online_sync_is_no_rewrite(counter, kiosk, capsys, township_db, tmp_path):
    store = counter.store
    old, last = _healed_on_the_stick(counter, kiosk, capsys, township_db, tmp_path)
    _sells_up_to(counter, last)
    bundle = tmp_path / "late.zip"
    assert kiosk("--db", str(counter.path), "sync", "export", str(bundle)).code == 0
    assert counter.sync().healed
    renewed = state.load(counter.db).terminal_id
    sent = read_manifest(bundle)["anchor"]["records"]["seq"]      # the old terminal's records, shown
    while store.terminal(renewed)["high_water"] < sent:          # the new one holds as many: never compared
        counter.sell(5)
        counter.sync()
    result = _township(capsys, township_db, "--json", "import", str(bundle), "--reply", str(tmp_path / "late-reply.zip"))
    assert result["books_extend"] is None                 # older than the head kept since: answered, not judged
    assert _rewritten(store) == [] and _renewed(store) == [renewed]
    assert store.all("SELECT 1 FROM incident WHERE kind = 'rejected'") == []
    assert not counter.sync().healed and run_check(counter.db).problems == []


def _another_counter_awards(store, db) -> None:
    """Another counter of the village pushes an award: this one pulls it at its next sync."""
    other = store.enrol(store.issue_code("青石村")["code"], "二号机")["terminal_id"]
    sent = remote.entry(db, "JF000004", 800)
    merge.push(store, store.terminal(other), [Record.make(sent.id, other, 1, "entry",
                                                          {**sent.body, "terminal_id": other})])


def test_a_copy_put_back_after_a_sync_that_only_pulled_is_healed_by_its_sticks_reply(counter, kiosk, capsys,
                                                                                       township_db, tmp_path):
    """None of this PC's own records were lost, only a record it pulled: its chain no longer gives the
    head the township kept at that sync, and the stick's reply must find that out as GET /v1/state does
    online. Kept as a head the township saw, it had `kiosk check` call the books rewritten for ever and
    the next stick record a rewrite by this innocent village (found by the sync state machine)."""
    store = counter.store
    counter.sync()
    copy = tmp_path / "before.sqlite"
    counter.copy_without_wal(copy)
    _another_counter_awards(store, counter.db)
    counter.sync()                                     # pulls the award: none of its own records sent
    lost_head = max(_held(store, state.load(counter.db).terminal_id))
    counter.put_back(copy)
    counter.sell(2)                                    # numbered on from what the township holds: nothing lost
    assert chain.head(counter.db.conn)[0] > lost_head  # past the lost head, as the state machine had it
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "first")
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    assert state.resume_flag(counter.db)              # the books went back: a new identity is asked for
    assert run_check(counter.db).problems == []
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    assert _rewritten(store) == [] and len(_renewed(store)) == 1
    assert run_check(counter.db).problems == []
    assert counter.sync().healed
    assert run_check(counter.db).problems == [] and _rewritten(store) == []
    mine = {r[0]: r[1] for r in counter.db.all("SELECT account_id, hundredths FROM balance WHERE hundredths != 0")}
    assert mine == {r[0]: r[1] for r in store.all("SELECT account_id, hundredths FROM account_balance"
                                                  " WHERE hundredths != 0")}


def test_a_copy_whose_first_stick_ends_on_the_lost_head_is_no_rewriter(counter, kiosk, capsys, township_db, tmp_path):
    """As above, but the copy's one sale makes as many chain rows as the lost pull did: its head ends on
    the lost head's position with another link. Its notes (the heads it kept from the township) all
    agree and stop before that head: the township asks for it (`need`), as for a head ending anywhere
    else, and the reply heals the copy. It was taken for books rewritten at once (incidents: 改过村里的账).
    An insider who wipes the notes and rewrites to the same length shows none: still caught at once
    (test_a_rewrite_by_stick_...)."""
    store = counter.store
    counter.sync()
    copy = tmp_path / "before.sqlite"
    counter.copy_without_wal(copy)
    _another_counter_awards(store, counter.db)
    counter.sync()
    lost_head = max(_held(store, state.load(counter.db).terminal_id))
    counter.put_back(copy)
    counter.sell(1)
    if chain.head(counter.db.conn)[0] != lost_head:
        pytest.fail("the copy's head no longer ends on the lost head: this history shows nothing")
    counter.db.close()
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "first")
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    assert _rewritten(store) == [] and result["books_extend"] is None      # asked, not judged
    assert _held(store, state.load(counter.db).terminal_id)[lost_head] != chain.link_at(counter.db.conn, lost_head)
    assert state.resume_flag(counter.db) and run_check(counter.db).problems == []   # the reply told it
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    assert _rewritten(store) == [] and len(_renewed(store)) == 1
    assert counter.sync().healed
    assert run_check(counter.db).problems == [] and _rewritten(store) == []
    assert "改过村里的账" not in _township(capsys, township_db, "incidents")
    mine = {r[0]: r[1] for r in counter.db.all("SELECT account_id, hundredths FROM balance WHERE hundredths != 0")}
    assert mine == {r[0]: r[1] for r in store.all("SELECT account_id, hundredths FROM account_balance"
                                                  " WHERE hundredths != 0")}


def test_a_rewrite_by_stick_under_the_same_books_is_still_caught(counter, kiosk, capsys, township_db, tmp_path):
    store = counter.store
    _stick(counter, kiosk, capsys, township_db, tmp_path, "first")
    counter.db.close()
    rewrite_first_award_and_rehash(counter.path)
    conn = sqlite3.connect(counter.path, isolation_level=None)
    conn.execute("DELETE FROM chain_anchor")             # the insider wipes the heads kept here too
    conn.close()
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    assert result["books_extend"] is False and len(_rewritten(store)) == 1 and _renewed(store) == []
    assert "改过村里的账" in _township(capsys, township_db, "incidents")
    assert not state.resume_flag(counter.db)      # books that took a reply and differ were rewritten: not healed away
    assert run_check(counter.db).problems != []


def _rewritten_keeping_notes_before(path: Path, position: int | None) -> None:
    """An insider's rewrite (the first award, every link after it recomputed) that wipes the heads
    kept here from `position` on (None: keeps them all), so the books seem never to have taken them."""
    rewrite_first_award_and_rehash(path)
    if position is not None:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("DELETE FROM chain_anchor WHERE position >= ?", (position,))
        conn.close()


def _caught_at_once(counter, kiosk, capsys, township_db, tmp_path, name: str) -> list[int]:
    """The stick after the rewrite ends on the last head kept: a rewrite, said at once. Its positions."""
    store = counter.store
    last = max(_held(store, state.load(counter.db).terminal_id))
    assert chain.head(counter.db.conn)[0] == last
    counter.db.close()
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, name, bring_back=False)
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    [row] = store.all("SELECT detail FROM incident WHERE kind = 'rejected' AND detail LIKE '%chain_rewritten%'")
    assert result["books_extend"] is False and _renewed(store) == []
    assert "改过村里的账" in _township(capsys, township_db, "incidents")
    return json.loads(row[0])["positions"]


def test_a_rewrite_by_stick_that_keeps_the_last_head_noted_is_caught_at_once(counter, kiosk, capsys, township_db,
                                                                              tmp_path):
    """The books kept the last head from here and no longer give it: never taken for a copy that never saw it."""
    _stick(counter, kiosk, capsys, township_db, tmp_path, "first")
    counter.db.close()
    _rewritten_keeping_notes_before(counter.path, None)
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    last = max(_held(counter.store, state.load(counter.db).terminal_id))
    assert _caught_at_once(counter, kiosk, capsys, township_db, tmp_path, "second") == [last]


def test_a_rewrite_by_stick_that_wipes_the_newest_head_noted_is_caught_by_an_older_one(counter, kiosk, capsys,
                                                                                       township_db, tmp_path):
    """Notes kept before the last head that disagree: a rewrite, whatever the newest note wiped pretends."""
    _stick(counter, kiosk, capsys, township_db, tmp_path, "first")
    first = chain.head(counter.db.conn)[0]
    give(counter.ctx, "JF000004", 1)
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    last = chain.head(counter.db.conn)[0]
    assert first < last and first in [row[0] for row in chain.anchors(counter.db.conn, "township")]
    counter.db.close()
    _rewritten_keeping_notes_before(counter.path, last)
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    assert first in _caught_at_once(counter, kiosk, capsys, township_db, tmp_path, "third")


def _newest_award_rewritten_and_its_notes_wiped(path: Path) -> None:
    """An insider's rewrite of the newest award (every link after it recomputed) that wipes the heads
    kept here from it on and keeps the older ones: his books now look like a copy put back."""
    conn = sqlite3.connect(path, isolation_level=None)
    entry, position = conn.execute("SELECT c.record_id, c.position FROM chain c JOIN entry e ON e.id = c.record_id"
                                   " WHERE c.record_type = 'entry' ORDER BY c.position DESC LIMIT 1").fetchone()
    conn.execute("DELETE FROM chain_anchor WHERE position >= ?", (position,))
    make_entry_500_and_reseal(conn, entry, position)


@pytest.mark.parametrize("sales_after", [0, 1], ids=["ends-on-the-last-head", "ends-past-it"])
def test_a_rewrite_after_an_older_head_that_wipes_the_newer_notes_is_caught(counter, kiosk, capsys, township_db,
                                                                            tmp_path, sales_after):
    """Nothing the heads tell sets these books apart from a copy put back: the heads they show agree,
    the newer ones are gone, and the reply has them ask for a new identity. The claim proves itself
    (kiosk/township/restore_judge.py): the records of the old terminal they hold, worked out again
    from the books at the asking, are no longer those the township stored (the award rewritten was
    sent at the second stick). No new identity, one incident naming the village and the counter
    (asked again: said once), and the counter is told to call the township."""
    store = counter.store
    _stick(counter, kiosk, capsys, township_db, tmp_path, "first")
    give(counter.ctx, "JF000004", 1)
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    _newest_award_rewritten_and_its_notes_wiped(counter.path)
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    counter.sell(sales_after)
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "third")
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "fourth")
    _stick(counter, kiosk, capsys, township_db, tmp_path, "fifth")        # asked again: said once
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    assert result["restore"] == "disproved"
    assert _renewed(store) == [], "a rewrite healed as a copy put back"
    assert len(_rewritten(store)) == 1
    [words] = [json.loads(row[0])["words"] for row in store.all(
        "SELECT detail FROM incident WHERE detail LIKE '%restore_disproved%'")]
    assert "青石村" in words and state.load(counter.db).terminal_id not in words
    assert "改过村里的账" in _township(capsys, township_db, "incidents")
    said = kiosk("--db", str(counter.path), "sync", "status")
    assert "乡镇发现这台电脑上已经同步过的旧账" in said.out and "联系乡镇" in said.out


def test_a_healing_copy_rewritten_behind_the_program_is_still_caught(counter, kiosk, capsys, township_db, tmp_path):
    """New books (the stick asks for a new identity) whose chain no longer gives the heads they kept
    from the old terminal: a rewrite, not a copy put back."""
    store = counter.store
    old, last = _healed_on_the_stick(counter, kiosk, capsys, township_db, tmp_path)
    _sells_up_to(counter, last)
    counter.db.close()
    rewrite_first_award_and_rehash(counter.path)
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "second", bring_back=False)
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)
    assert result["books_extend"] is False and [row[0] for row in _rewritten(store)] == [old]
    assert _renewed(store) == []
