"""What a proof of books put back covers (kiosk/sync/rollback.py, kiosk/township/restore_judge.py):
every record of the old terminal the books hold that the township also holds, worked out at each
asking from the books themselves, never from a note an insider can edit; and a record the township
refused, which the counter never learnt of, leaves the township unable to check, never accusing.
A real township, driven as a user."""

from __future__ import annotations

import json
import sqlite3

import httpx

from kiosk.services.setup import backup as backup_service
from kiosk.sync import client, state
from kiosk.township import merge, restore_judge
from tests.sync.real_township import township  # noqa: F401  (a fixture)
from tests.sync.test_restore_proof import _disproved, _forks, _refused_online, _reopened, _synced_then_rewritten
from tests.sync.test_stick_copy_anchors import _renewed, _stick, counter  # noqa: F401  (counter: a fixture)


def _insider_restores_and_lowers_the_note(counter, tmp_path) -> None:
    """After his rewrite (the newest award 500 points, the newer notes wiped), the insider runs the
    program's own restore of his file, then lowers what the note says the proof covers below that award."""
    copy = tmp_path / "mine.sqlite"
    counter.copy_without_wal(copy)
    counter.db.close()
    backup_service.restore(counter.path, copy)
    conn = sqlite3.connect(counter.path, isolation_level=None)
    note = json.loads(conn.execute("SELECT value FROM meta WHERE key = 'sync.heal'").fetchone()[0])
    entry = conn.execute("SELECT id FROM entry WHERE hundredths = 50000").fetchone()[0]
    seq = conn.execute("SELECT seq FROM journal WHERE record_id = ? AND terminal_id = ?",
                       (entry, note["proof"]["books"])).fetchone()[0]
    note["proof"]["seq"] = seq - 1
    conn.execute("UPDATE meta SET value = ? WHERE key = 'sync.heal'", (json.dumps(note),))
    conn.close()
    _reopened(counter)


def test_an_insider_who_lowers_the_note_of_what_is_proved_is_still_refused(counter, tmp_path):
    _synced_then_rewritten(counter)
    _insider_restores_and_lowers_the_note(counter, tmp_path)
    _refused_online(counter)
    assert _renewed(counter.store) == [] and len(_disproved(counter.store)) == 1


def _township_refuses(monkeypatch, counter, receipt: str) -> None:
    """The township quarantines this one sale when it arrives (as it would a sale it may not take)."""
    refused = counter.db.scalar("SELECT id FROM sale WHERE receipt = ?", (receipt,))
    real = merge.authority.terminal_may_push
    monkeypatch.setattr(merge.authority, "terminal_may_push",
                        lambda kind, body: False if kind == "sale" and body.get("id") == refused else real(kind, body))


def _unproven(fork: dict) -> None:
    assert fork.get("proof") == "unproven" and "没法核对" in fork["words"] and "改过村里的账" not in fork["words"]


def test_a_copy_of_books_whose_refused_sale_was_never_told_by_stick_is_healed_unproven(
        counter, kiosk, capsys, township_db, tmp_path, monkeypatch):
    [sale] = counter.sell(1)
    counter.sell(1)
    _township_refuses(monkeypatch, counter, sale.receipt)
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "a")      # a stick's reply names no refusal
    _reopened(counter)
    copy = tmp_path / "copy.sqlite"
    counter.copy_without_wal(copy)
    counter.sell(2)
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "b")
    _reopened(counter)
    counter.put_back(copy)
    counter.db.close()
    _stick(counter, kiosk, capsys, township_db, tmp_path, "c")      # the reply says the books went back
    _reopened(counter)
    counter.db.close()
    result = _stick(counter, kiosk, capsys, township_db, tmp_path, "d")    # the asking
    _reopened(counter)
    assert result.get("restore") != "disproved" and _disproved(counter.store) == []
    [fork] = _forks(counter.store)
    _unproven(fork)


def test_a_copy_of_books_whose_refusal_answer_was_lost_online_is_healed_unproven(counter, tmp_path, monkeypatch):
    counter.sync()
    [sale] = counter.sell(1)
    counter.sell(1)
    _township_refuses(monkeypatch, counter, sale.receipt)
    real_request = counter.http.request

    def answer_lost(method, url, **kw):
        answer = real_request(method, url, **kw)
        if url.endswith("/v1/push"):
            raise httpx.ReadTimeout("the answer was lost on the way")
        return answer
    counter.http.request = answer_lost
    assert not client.sync_once(counter.db, counter.http, counter.now).ok
    counter.http.request = real_request
    counter.sync()              # acknowledged from /v1/state alone: the refusal never told
    assert counter.db.all("SELECT seq FROM sync_reject") == []
    copy = tmp_path / "copy.sqlite"
    counter.copy_without_wal(copy)
    counter.sell(2)
    counter.sync()
    counter.put_back(copy)
    counter.sell(1)
    result = client.sync_once(counter.db, counter.http, counter.now)
    assert result.ok and result.healed and _disproved(counter.store) == []
    [fork] = _forks(counter.store)
    _unproven(fork)
    assert state.load(counter.db).terminal_id == fork["new_terminal"]


def test_a_proof_of_more_records_than_the_township_holds_is_unproven_in_its_own_words(counter):
    counter.sync()
    terminal = counter.store.terminal(state.load(counter.db).terminal_id)
    beyond = restore_judge.Shown(terminal["high_water"] + 1, "0" * 64, terminal["high_water"] + 1, {})
    assert restore_judge.judge(counter.store, terminal, beyond) == (restore_judge.UNPROVEN, {"unproven": "beyond"})
    assert _disproved(counter.store) == []
