"""The push loop: each body encoded once, the next batch read while the township stores the
current one, and that read-ahead used only when the answer acknowledged the whole batch."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import datetime

from kiosk.sync import client, outbox, state
from kiosk.sync.wire import Record, push_request
from tests.conftest import give

NOW = datetime(2026, 11, 3, 10, 30, 0)


def _top(db) -> int:
    return db.scalar("SELECT MAX(seq) FROM journal WHERE terminal_id = (SELECT value FROM meta WHERE key = 'terminal_id')")


def _watch(township, answer_only_first=None):
    """Record the seqs of every push request; optionally answer only the first n records once."""
    sent, push = [], township._push

    def watching(data):
        sent.append([r["seq"] for r in data["records"]])
        response = push(data)
        if answer_only_first is not None and len(sent) == 1:
            answer = json.loads(response.content)
            answer["results"] = answer["results"][:answer_only_first]
            return type(response)(response.status_code, json=answer)
        return response

    township._push = watching
    return sent


def test_the_request_carries_each_record_as_its_json(shop):
    give(shop, "JF000001", 2)
    records = outbox.pending(shop.db, 0, 50)
    quoted = Record.make('id-"引号"', "T-1", 7, "entry", {"note": "环境\n清扫", "hundredths": 100})
    sent = json.loads(push_request([*records, quoted]))
    assert sent == {"protocol": 1, "records": [r.as_json() for r in [*records, quoted]]}


def test_a_copy_with_another_body_sends_that_body_not_the_first(shop):
    record = Record.make("id-1", "T-1", 1, "entry", {"hundredths": 100})
    copy = dataclasses.replace(record, body={"hundredths": 90_000})
    assert json.loads(push_request([copy]))["records"][0]["body"] == {"hundredths": 90_000}
    assert record.intact() and not copy.intact()


def test_batches_follow_each_other_and_every_record_goes_once(shop, township, monkeypatch):
    monkeypatch.setattr(client, "PUSH_BATCH", 4)
    give(shop, "JF000001", 6)
    sent = _watch(township)
    result = client.sync_once(shop.db, township.client(), NOW)
    top = _top(shop.db)
    assert result.ok and result.pushed == top
    assert [seq for batch in sent for seq in batch] == list(range(1, top + 1))
    assert len(sent) > 2 and state.load(shop.db).pushed_high_water == top


def test_a_half_answered_batch_resends_from_the_first_unanswered_record(shop, township, monkeypatch):
    monkeypatch.setattr(client, "PUSH_BATCH", 6)
    give(shop, "JF000001", 6)
    sent = _watch(township, answer_only_first=2)
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok, result
    assert sent[0] == [1, 2, 3, 4, 5, 6]
    assert sent[1][0] == 3                         # not the batch read ahead from 7
    assert state.load(shop.db).pushed_high_water == _top(shop.db)
    assert shop.db.scalar("SELECT COUNT(*) FROM sync_outbox") == 0


def test_books_busy_while_reading_ahead_only_delay_the_next_batch(shop, township, monkeypatch):
    monkeypatch.setattr(client, "PUSH_BATCH", 4)
    give(shop, "JF000001", 4)
    calls, read = [], outbox.for_township

    def busy_on_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:                        # the first read-ahead
            raise sqlite3.OperationalError("database is locked")
        return read(*args, **kwargs)

    monkeypatch.setattr(client.outbox, "for_township", busy_on_the_second)
    sent = _watch(township)
    result = client.sync_once(shop.db, township.client(), NOW)
    top = _top(shop.db)
    assert result.ok and result.pushed == top
    assert [seq for batch in sent for seq in batch] == list(range(1, top + 1))


def _settled_after(monkeypatch) -> list[int]:
    """How many requests were on their way when each answer was settled."""
    seen, gone, settle, send = [], [], client._settle, client._send

    def settling(*args, **kwargs):
        seen.append(len(gone))
        return settle(*args, **kwargs)

    def sending(*args, **kwargs):
        answer = send(*args, **kwargs)
        if answer is not None:
            gone.append(answer)
        return answer

    monkeypatch.setattr(client, "_settle", settling)
    monkeypatch.setattr(client, "_send", sending)
    return seen


def test_the_next_batch_goes_out_while_a_wholly_acknowledged_answer_is_settled(shop, township, monkeypatch):
    monkeypatch.setattr(client, "PUSH_BATCH", 4)
    give(shop, "JF000001", 6)
    sent = _watch(township)
    settled_after = _settled_after(monkeypatch)
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok and result.pushed == _top(shop.db)
    assert settled_after[:-1] == list(range(2, len(sent) + 1))     # batch n settled once n + 1 was sent
    assert [seq for batch in sent for seq in batch] == list(range(1, _top(shop.db) + 1))
    assert shop.db.scalar("SELECT COUNT(*) FROM sync_outbox") == 0


def test_an_answer_that_quarantines_a_record_is_settled_before_the_next_batch_goes(shop, township, monkeypatch):
    monkeypatch.setattr(client, "PUSH_BATCH", 4)
    give(shop, "JF000001", 6)
    sent, push = [], township._push

    def rejecting_the_first(data):
        sent.append([r["seq"] for r in data["records"]])
        response = push(data)
        answer = json.loads(response.content)
        if len(sent) == 1:
            answer["results"][0] |= {"status": "rejected", "detail": "test"}
        return type(response)(response.status_code, json=answer)

    township._push = rejecting_the_first
    settled_after = _settled_after(monkeypatch)
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok and result.quarantined == 1
    assert settled_after[0] == 1                   # nothing more sent before the quarantine was kept
    assert [seq for batch in sent for seq in batch] == list(range(1, _top(shop.db) + 1))


def test_a_batch_read_ahead_from_another_numbering_is_not_sent_early(shop, township, monkeypatch):
    monkeypatch.setattr(client, "PUSH_BATCH", 4)
    give(shop, "JF000001", 6)
    read_ahead = client._read_ahead

    def from_elsewhere(db, sending):
        ahead = read_ahead(db, sending)
        return None if ahead is None else ((*ahead[0][:-1], "another village"), ahead[1])

    monkeypatch.setattr(client, "_read_ahead", from_elsewhere)
    sent = _watch(township)
    settled_after = _settled_after(monkeypatch)
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok and result.pushed == _top(shop.db)
    assert settled_after == list(range(1, len(sent) + 1))      # each answer settled before the next went
    assert [seq for batch in sent for seq in batch] == list(range(1, _top(shop.db) + 1))


def test_the_last_round_sends_nothing_it_does_not_settle(shop, township, monkeypatch):
    monkeypatch.setattr(client, "PUSH_BATCH", 2)
    monkeypatch.setattr(client, "MAX_ROUNDS", 2)
    give(shop, "JF000001", 6)
    sent = _watch(township)
    result = client.sync_once(shop.db, township.client(), NOW)
    assert result.ok and len(sent) == 2
    assert state.load(shop.db).pushed_high_water == sent[-1][-1]      # every batch sent was settled here
