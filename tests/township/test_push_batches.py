"""Big push batches (the counter sends 1,000 records a request): what the township already
holds is looked up for the whole batch at once, and every answer stays what it was."""

from __future__ import annotations

import dataclasses

from kiosk.sync.wire import Record
from tests.township.conftest import records_fingerprint


def _statuses(answer) -> list[str]:
    return [r["status"] for r in answer.json()["results"]]


def test_a_resent_batch_mixed_with_new_records_across_lookup_chunks(enrol, admin):
    till = enrol()
    first = till.entries(700)
    assert till.push(first).status_code == 200
    more = till.entries(600)
    answer = till.push(first[100:] + more)            # 600 held + 600 new: more than one chunk of 500
    assert answer.status_code == 200, answer.text
    assert _statuses(answer) == ["duplicate"] * 600 + ["stored"] * 600
    assert answer.json()["high_water"] == 1300
    assert admin.one("SELECT COUNT(*) FROM record WHERE terminal_id = ?", (till.id,))[0] == 1300
    assert admin.one("SELECT hundredths FROM account_balance WHERE account_id = 'acct-1'")[0] == 1300 * 100


def test_a_changed_body_under_a_held_id_deep_in_a_batch_is_a_conflict(enrol, admin):
    till = enrol()
    held = till.entries(800)
    till.push(held)
    changed = Record.make(held[650].id, till.id, held[650].seq, "entry", {"account_id": "acct-1", "hundredths": 1})
    answer = till.push(held[:650] + [changed] + held[651:])
    assert answer.status_code == 409 and answer.json()["error"] == "conflict"
    assert _statuses(answer) == ["duplicate"] * 650 + ["conflict"] + ["duplicate"] * 149
    assert admin.one("SELECT COUNT(*) FROM incident WHERE kind = 'conflict'")[0] == 1


def test_a_held_seq_under_another_id_in_the_second_chunk_is_a_fork(enrol, admin):
    till = enrol()
    till.push(till.entries(600))
    till.seq = 0
    again = till.entries(600)                          # new ids over seqs 1…600: a restored twin PC
    before = records_fingerprint(admin)
    answer = till.push(again[550:])
    assert answer.status_code == 409 and answer.json()["error"] == "fork"
    assert answer.json()["seq"] == 551
    assert records_fingerprint(admin) == before


def test_a_tampered_copy_is_rejected_even_when_its_twin_was_checked(enrol, admin):
    till = enrol()
    good = till.entry("acct-1", 100)
    assert good.intact()                               # checked once: the copy below must be checked anew
    bad = dataclasses.replace(good, body={**good.body, "hundredths": 90_000})
    answer = till.push([bad])
    assert _statuses(answer) == ["rejected"]
    assert admin.one("SELECT COUNT(*) FROM record WHERE terminal_id = ?", (till.id,))[0] == 0
    assert till.push([good]).json()["results"][0]["status"] == "stored"
