"""Books that claim to have gone back prove it (DESIGN invariant 9, issue 17): asking for a new
identity, online (POST /v1/reidentify) or by stick, a counter shows its proof link over the old
terminal's records it still holds, worked out again from its books (kiosk/store/restore_proof.py);
the township compares it with its own (kiosk/township/reidentify.py judge). A copy put back proves
itself and heals as before; books where someone with the database file rewrote a record already
sent are refused a new identity and recorded as changed; no proof is granted but shown to the clerk
as unchecked. On SQLite and PostgreSQL townships."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kiosk.core.record_link import VERSIONED
from kiosk.services.context import Context
from kiosk.services.points import awards
from kiosk.services.setup import create as setup
from kiosk.services.shop import catalogue
from kiosk.store import identity
from kiosk.store.bodies import SPECS
from kiosk.sync import client, enrolment, rollback, state
from kiosk.sync.calls import Township
from kiosk.sync import status as sync_status
from kiosk.township import cli as township_cli
from tests.conftest import give
from tests.services.audit.test_chain_anchor import rewrite_first_award_and_rehash
from tests.sync.real_township import NOW, URL, township  # noqa: F401  (township: a fixture)
from tests.sync.test_rollback import Counter
from tests.sync.test_stick_copy_anchors import (
    _healed_on_the_stick,
    _newest_award_rewritten_and_its_notes_wiped,
    _sells_up_to,
    _stick,
)


@pytest.fixture
def counter(shop, db_path, township):
    store, http = township
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    for _ in range(4):
        awards.award(shop, "JF000001", "hjqs", "5")
    give(shop, "JF000004", 2)
    found = Counter(shop, http, store, Path(db_path), NOW)
    yield found
    found.ctx.db.close()


def _forks(store) -> list[dict]:
    return [json.loads(row[0]) for row in store.all("SELECT detail FROM incident WHERE kind = 'fork'")]


def _disproved(store) -> list[dict]:
    return [json.loads(row[0]) for row in store.all("SELECT detail FROM incident WHERE kind = 'rejected'"
                                                    " AND detail LIKE '%restore_disproved%'")]


def _incidents(capsys, township_db) -> str:
    capsys.readouterr()
    assert township_cli.main(["--db", str(township_db), "incidents"]) == 0
    return capsys.readouterr().out


def _reopen(counter) -> None:
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)


def _put_back_a_copy(counter, tmp_path) -> None:
    """Three sales synced, a copy, two more synced, the copy put back (the lost minutes), one sale."""
    counter.sell(3)
    counter.sync()
    copy = tmp_path / "before.sqlite"
    counter.copy_without_wal(copy)
    counter.sell(2)
    counter.sync()
    counter.put_back(copy)
    counter.sell(1)


def _rewrite_a_sent_award_and_claim_a_restore(counter, also: str | None = None) -> None:
    """An insider with sqlite3 on the database file: 张桂兰's first award, already at the township,
    made 500 points (every chain link after it recomputed), then the books told they were put back
    from a copy, as a restore does (kiosk.store.identity.renew). `also`: one more statement of his."""
    counter.db.close()
    rewrite_first_award_and_rehash(counter.path)
    conn = sqlite3.connect(counter.path, isolation_level=None)
    conn.execute("DELETE FROM chain_anchor")
    if also:
        conn.execute(also)
    conn.close()
    _reopen(counter)
    rollback.start_healing(counter.db, "2026-11-03 10:40:00")


def test_the_changing_records_are_the_books_versioned_ones():
    assert VERSIONED == {kind for kind, spec in SPECS.items() if spec.versioned}


def test_a_copy_put_back_proves_itself_online_and_heals(counter, tmp_path, capsys, township_db):
    _put_back_a_copy(counter, tmp_path)
    assert counter.sync().healed
    proof = identity.read_note(counter.db)["proof"]
    assert proof["seq"] >= 3      # the old terminal's records these books know the township holds, shown
    [fork] = _forks(counter.store)
    assert fork["code"] == "reidentified" and "proof" not in fork        # proved: nothing for the clerk to ask
    words = _incidents(capsys, township_db)
    assert "已换成新的终端号 2（原来是 1）" in words and "没有拿出" not in words
    assert _disproved(counter.store) == []


def test_a_copy_whose_product_changed_since_it_was_first_sent_still_proves_itself(counter, tmp_path):
    """A product is sent once per change; the copy renders only its row as it is now, not the
    version sent first: a changing record counts by its place alone, never taken for a rewrite."""
    soap = counter.db.scalar("SELECT code FROM product WHERE name = '香皂'")
    counter.sync()
    catalogue.edit(counter.ctx, catalogue.detail(counter.ctx, soap).product.id,
                   catalogue.with_changes(catalogue.detail(counter.ctx, soap), price="7"))
    _put_back_a_copy(counter, tmp_path)
    assert counter.sync().healed
    assert _disproved(counter.store) == [] and "proof" not in _forks(counter.store)[0]


def test_a_copy_put_back_proves_itself_by_stick_and_heals(counter, kiosk, capsys, township_db, tmp_path):
    old, last = _healed_on_the_stick(counter, kiosk, capsys, township_db, tmp_path)
    _sells_up_to(counter, last)
    counter.db.close()
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    _reopen(counter)
    [fork] = _forks(counter.store)
    assert fork["replaces"] == old and "proof" not in fork and result["books_extend"] is True
    assert _disproved(counter.store) == []
    assert counter.sync().healed and counter.ctx.terminal.number == 2


def test_an_insider_rewrite_claiming_a_restore_online_is_refused_and_recorded(counter, capsys, township_db):
    counter.sync()
    old = state.load(counter.db).terminal_id
    _rewrite_a_sent_award_and_claim_a_restore(counter)
    refused = _round(counter)
    assert not refused.ok and refused.error == "sync_restore_disproved"
    assert _forks(counter.store) == [] and state.load(counter.db).terminal_id == old   # no new identity
    [incident] = _disproved(counter.store)
    assert incident["reason"] == "chain_rewritten" and "青石村" in incident["words"] and old not in incident["words"]
    assert "可能有人改过村里的账" in _incidents(capsys, township_db)
    said = " ".join(sync_status.healed_words(counter.db))
    assert "打电话给乡镇" in said and old not in said
    assert _round(counter).error == "sync_restore_disproved"      # asked again: refused again, said once
    assert len(_disproved(counter.store)) == 1 and _forks(counter.store) == []


def _round(counter) -> client.SyncResult:
    return client.sync_once(counter.db, counter.http, counter.now)


def test_a_rewrite_that_wipes_the_newer_notes_is_refused_online_when_the_state_sends_it_healing(counter):
    """The same books as by stick (test_stick_copy_anchors): GET /v1/state names the head they no longer
    give and they take themselves for a copy; the claim they make is refused, with no code of the
    program called by hand."""
    counter.sync()
    give(counter.ctx, "JF000004", 1)
    counter.sync()
    counter.db.close()
    _newest_award_rewritten_and_its_notes_wiped(counter.path)
    _reopen(counter)
    assert _round(counter).error == "sync_restore_disproved"
    assert _forks(counter.store) == [] and len(_disproved(counter.store)) == 1


def test_an_insider_who_rolls_back_the_note_of_the_records_sent_is_still_refused(counter):
    """The chain of the records sent keeps, per identity, the last one linked: set back before the
    award, it is no bound for what the books must prove (what they know was acknowledged is)."""
    counter.sync()
    _rewrite_a_sent_award_and_claim_a_restore(counter, "UPDATE record_chain SET seq = 1")
    assert _round(counter).error == "sync_restore_disproved"
    assert _forks(counter.store) == [] and len(_disproved(counter.store)) == 1


def test_an_insider_who_says_less_was_acknowledged_sends_his_rewrite_again_and_is_caught(counter):
    """Books that say the township acknowledged only their first record prove that much, and carry
    the rest to the new identity: the rewritten award goes up again, under its id, with another body."""
    counter.sync()
    _rewrite_a_sent_award_and_claim_a_restore(counter, "UPDATE sync_state SET pushed_high_water = 1")
    result = _round(counter)
    assert result.quarantined == 1
    [conflict] = [json.loads(row[0]) for row in counter.store.all("SELECT detail FROM incident WHERE kind = 'conflict'")]
    assert conflict["seq"] >= 1


def test_an_insider_rewrite_claiming_a_restore_by_stick_is_refused_and_recorded(counter, kiosk, capsys, township_db,
                                                                              tmp_path):
    _stick(counter, kiosk, capsys, township_db, tmp_path, "first")
    old = state.load(counter.db).terminal_id
    _rewrite_a_sent_award_and_claim_a_restore(counter)
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    _reopen(counter)
    assert _forks(counter.store) == [] and len(_disproved(counter.store)) == 1
    assert "可能有人改过村里的账" in _incidents(capsys, township_db)
    said = " ".join(sync_status.healed_words(counter.db))
    assert "打电话给乡镇" in said and old not in said


def _ask(counter, body: dict) -> tuple[int, dict]:
    st = state.load(counter.db)
    township = Township(counter.http, URL, st.terminal_id, st.secret, counter.now)
    return township.json("POST", "/v1/reidentify", body, allow=(400, 409))


def test_no_proof_is_granted_but_shown_unchecked_and_a_wrong_one_is_refused(counter, capsys, township_db):
    counter.sync()
    status, answer = _ask(counter, {"nonce": "older-program", "reason": "restore"})   # a counter from before
    assert status == 200 and answer["number"] == 2
    [fork] = _forks(counter.store)
    assert fork["proof"] == "unproven"
    assert "没有拿出能和乡镇核对的记录" in _incidents(capsys, township_db)
    status, answer = _ask(counter, {"nonce": "nothing-shown", "reason": "restore", "records": {"seq": 0,
                                                                                             "link": "0" * 64}})
    assert status == 200 and _forks(counter.store)[-1]["proof"] == "unproven"   # a proof of nothing: as none
    status, answer = _ask(counter, {"nonce": "wrong", "reason": "restore", "records": {"seq": 1, "link": "a" * 64}})
    assert status == 409 and answer["error"] == "restore_disproved" and "乡镇管理员" in answer["message"]
    assert len(_forks(counter.store)) == 2 and len(_disproved(counter.store)) == 1


@pytest.mark.parametrize("proof", [None, [], "x", {"seq": 1}, {"seq": -1, "link": "0" * 64},
                                   {"seq": True, "link": "0" * 64}, {"seq": 1, "link": "G" * 64},
                                   {"seq": 2 ** 63, "link": "0" * 64}, {"seq": 1.5, "link": "0" * 64}])
def test_a_malformed_proof_is_a_bad_request(counter, proof):
    counter.sync()
    status, answer = _ask(counter, {"nonce": "n", "records": proof})
    assert status == 400 and answer["error"] in ("body_bad_shape", "body_bad_json")   # never a 500
    assert _forks(counter.store) == [] and _disproved(counter.store) == []
