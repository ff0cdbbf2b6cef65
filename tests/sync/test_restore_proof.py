"""Books asking for a new identity prove they are a copy of what the township stored, at each asking
(kiosk/core/proof_keys.py, kiosk/township/restore_judge.py): an honest copy put back is healed, online
and by stick, one whose records sent before were rewritten is refused and the clerk told, even when the
rewrite was made after the books went back; the township works its side out once per terminal and
seq; a clerk who checked may let the books through. A real township, SQLite and PostgreSQL, driven
as a user: `kiosk sync …`, `kiosk-township …` and the background sync round."""

from __future__ import annotations

import json
import sqlite3

from kiosk.services.context import Context
from kiosk.services.setup import create as setup
from kiosk.sync import client, state
from kiosk.township.tables import restore_proof as township_proof
from tests.sync.test_stick_copy_anchors import (  # noqa: F401  (counter: a fixture)
    _healed_on_the_stick,
    _renewed,
    _rewritten,
    _stick,
    _township,
    counter,
)
from tests.conftest import give
from tests.sync.real_township import township  # noqa: F401  (a fixture)


def _forks(store) -> list[dict]:
    return [json.loads(row[0]) for row in store.all("SELECT detail FROM incident WHERE kind = 'fork'")]


def _disproved(store) -> list[dict]:
    return [json.loads(row[0]) for row in store.all(
        "SELECT detail FROM incident WHERE kind = 'rejected' AND detail LIKE '%restore_disproved%'")]


def _put_back_a_copy(counter, tmp_path) -> None:
    """Three sales synced, a copy, two more synced, the copy put back: books behind the township."""
    counter.sell(3)
    counter.sync()
    copy = tmp_path / "copy.sqlite"
    counter.copy_without_wal(copy)
    counter.sell(2)
    counter.sync()
    counter.put_back(copy)


def _reopened(counter) -> None:
    counter.ctx = Context(setup.open_shop(counter.path), counter.ctx.actor, counter.ctx.clock)


def _newest_award_rewritten(path, wipe_notes: bool = True) -> None:
    """An insider with sqlite3 makes the newest award 500 points and reseals the chain from it; with
    `wipe_notes`, he wipes the notes of the township's heads kept from it on: his books look like a copy."""
    from tests.services.audit.test_chain_anchor import make_entry_500_and_reseal
    conn = sqlite3.connect(path, isolation_level=None)
    entry, position = conn.execute("SELECT c.record_id, c.position FROM chain c JOIN entry e ON e.id = c.record_id"
                                   " WHERE c.record_type = 'entry' AND e.kind = 'award'"
                                   " ORDER BY c.position DESC LIMIT 1").fetchone()
    if wipe_notes:
        conn.execute("DELETE FROM chain_anchor WHERE position >= ?", (position,))
    make_entry_500_and_reseal(conn, entry, position)


def _synced_then_rewritten(counter) -> None:
    """Two syncs (a head kept before the newest award, one after), then the insider's rewrite of that
    award with the newer notes wiped: GET /v1/state names a head the books no longer give."""
    counter.sync()
    give(counter.ctx, "JF000004", 1)
    counter.sync()
    counter.db.close()
    _newest_award_rewritten(counter.path)
    _reopened(counter)


def _refused_online(counter) -> client.SyncResult:
    result = client.sync_once(counter.db, counter.http, counter.now)
    assert not result.ok and result.error == "sync_restore_disproved", result
    return result


def test_an_honest_copy_put_back_is_proved_online(counter, tmp_path):
    _put_back_a_copy(counter, tmp_path)
    old = state.load(counter.db).terminal_id
    counter.sell(1)
    assert counter.sync().healed
    [fork] = _forks(counter.store)
    assert "proof" not in fork and _rewritten(counter.store) == []       # proved, not taken on trust
    assert counter.store.all("SELECT seq FROM restore_proof_link WHERE terminal_id = ?", (old,)) != []


def test_an_honest_copy_put_back_is_proved_by_stick(counter, kiosk, capsys, township_db, tmp_path):
    _healed_on_the_stick(counter, kiosk, capsys, township_db, tmp_path)
    counter.db.close()
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    _reopened(counter)
    assert "restore" not in result and len(_renewed(counter.store)) == 1
    [fork] = _forks(counter.store)
    assert "proof" not in fork and _rewritten(counter.store) == []
    assert counter.sync().healed and state.load(counter.db).terminal_id == fork["new_terminal"]


def test_a_rewrite_that_wipes_the_newer_notes_is_refused_online(counter, kiosk, capsys, township_db):
    _synced_then_rewritten(counter)
    _refused_online(counter)
    assert _renewed(counter.store) == [] and len(_disproved(counter.store)) == 1
    assert "改过村里的账" in _township(capsys, township_db, "incidents")
    said = kiosk("--db", str(counter.path), "sync", "status")
    assert "乡镇发现这台电脑上已经同步过的旧账" in said.out and "联系乡镇" in said.out


def test_a_rewrite_made_after_the_books_went_back_is_caught_at_the_next_stick(counter, kiosk, capsys, township_db,
                                                                               tmp_path):
    """The reviewer's probe: the books went back (the reply said so) and took a new local identity;
    only then did the insider rewrite a record sent before. The proof is worked out at the asking."""
    _healed_on_the_stick(counter, kiosk, capsys, township_db, tmp_path)
    counter.db.close()
    _newest_award_rewritten(counter.path)
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "second", bring_back=False)
    taken = kiosk("--db", str(counter.path), "sync", "import", str(tmp_path / "second-reply.zip"))
    assert "乡镇发现这台电脑上已经同步过的旧账" in taken.out
    _reopened(counter)
    assert result["restore"] == "disproved" and _renewed(counter.store) == []
    assert len(_disproved(counter.store)) == 1
    _refused_online(counter)                                # online, at the next asking: still refused
    assert _renewed(counter.store) == [] and len(_disproved(counter.store)) == 1     # said once


def test_a_rewrite_made_after_a_granted_ask_is_caught_at_the_next(counter, kiosk, capsys, township_db, tmp_path):
    """Honest books asked by stick and were given their new identity there (taken at the next online
    sync); then a rewrite; that online asking is judged again, from the books as they are then."""
    _healed_on_the_stick(counter, kiosk, capsys, township_db, tmp_path)
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "second")
    assert len(_renewed(counter.store)) == 1
    _newest_award_rewritten(counter.path)
    _reopened(counter)
    _refused_online(counter)
    assert len(_disproved(counter.store)) == 1 and state.resume_flag(counter.db)


def test_the_township_works_its_proof_out_once_per_terminal_and_seq(counter, monkeypatch):
    _synced_then_rewritten(counter)
    rendered = []
    real = township_proof.rendered
    monkeypatch.setattr(township_proof, "rendered", lambda kind, body: rendered.append(kind) or real(kind, body))
    _refused_online(counter)
    first = len(rendered)
    assert first >= 3                                      # its awards, read from the stored bodies
    _refused_online(counter)
    _refused_online(counter)
    assert len(rendered) == first, "the same terminal and seq hashed again"


def test_the_clerk_lets_books_checked_in_the_village_through(counter, kiosk, capsys, township_db):
    _synced_then_rewritten(counter)
    _refused_online(counter)
    listed = _township(capsys, township_db, "--json", "incidents")["incidents"]
    [number] = [i["no"] for i in listed if i["detail"].get("code") == "restore_disproved"]
    said = _township(capsys, township_db, "allow-copy", str(number), "--by", "王会计", "--note", "到村里核对过")
    assert f"#{number}" in said and "青石村" in said
    assert counter.sync().healed
    [fork] = _forks(counter.store)
    assert fork["granted_by"] == "王会计" and fork["granted_at"]
    assert "王会计 核对后同意换号" in _township(capsys, township_db, "incidents", "--all")
    [grant] = counter.store.all("SELECT granted_by, note FROM restore_grant")
    assert tuple(grant) == ("王会计", "到村里核对过")
    assert _township(capsys, township_db, "incidents").count("改过村里的账") == 0     # dealt with


def test_a_grant_lets_through_only_the_proof_the_clerk_saw(counter, capsys, township_db):
    _synced_then_rewritten(counter)
    _refused_online(counter)
    listed = _township(capsys, township_db, "--json", "incidents")["incidents"]
    [number] = [i["no"] for i in listed if i["detail"].get("code") == "restore_disproved"]
    _township(capsys, township_db, "allow-copy", str(number), "--by", "王会计", "--note", "核对过")
    counter.db.close()
    conn = sqlite3.connect(counter.path, isolation_level=None)     # changed again after the clerk checked
    conn.execute("DROP TRIGGER IF EXISTS entry_no_update")
    conn.execute("UPDATE entry SET hundredths = 90000 WHERE hundredths = 50000")
    conn.close()
    _reopened(counter)
    _refused_online(counter)
    assert _renewed(counter.store) == [] and len(_disproved(counter.store)) == 2


def test_books_refused_by_stick_and_let_through_by_the_clerk_heal(counter, kiosk, capsys, township_db, tmp_path):
    _healed_on_the_stick(counter, kiosk, capsys, township_db, tmp_path)
    counter.db.close()
    _newest_award_rewritten(counter.path)
    assert _stick(counter, kiosk, capsys, township_db, tmp_path, "second")["restore"] == "disproved"
    [number] = [i["no"] for i in _township(capsys, township_db, "--json", "incidents")["incidents"]
                if i["detail"].get("code") == "restore_disproved"]
    _township(capsys, township_db, "allow-copy", str(number), "--by", "王会计", "--note", "核对过")
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "third")
    assert "restore" not in result and len(_renewed(counter.store)) == 1
    said = kiosk("--db", str(counter.path), "sync", "status")
    assert "乡镇发现这台电脑上已经同步过的旧账" not in said.out
    _reopened(counter)
    assert counter.sync().healed
    [fork] = _forks(counter.store)
    assert fork["granted_by"] == "王会计" and state.load(counter.db).terminal_id == fork["new_terminal"]
