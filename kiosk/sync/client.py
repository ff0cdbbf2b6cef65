"""One sync round with the township over HTTP: state, push, pull.

`sync_once(db, http, now)` never raises into the counter: whatever goes wrong is written
to sync_state (last_error, offline_since) and returned in the result. Nothing is lost by
a failure: the pushed high water only moves on the township's acknowledgement, and a
pulled page is applied together with its cursor.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import secrets
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple
from urllib.parse import urlencode

import httpx

from kiosk.core import township_word
from kiosk.core.clock import stamp
from kiosk.core.errors import Refused
from kiosk.store import township_key_chained
from kiosk.store import identity, sync_reject, sync_state
from kiosk.store.db import Database
from kiosk.sync import anchors, apply, certificates, credits, freshness, outbox, pull_answer, rollback, state
from kiosk.sync.calls import NOT_KNOWN, SyncFailed, Township, server_time  # noqa: F401 (re-exported)
from kiosk.sync.calls import unwrap as _unwrap
from kiosk.sync.http import TIMEOUT  # noqa: F401 (re-exported)
from kiosk.sync.status import which_pc
from kiosk.sync.wire import Record, push_request

PUSH_BATCH, PUSH_BYTES, PULL_LIMIT, MAX_ROUNDS = 1000, 8 * 1024 * 1024, 500, 1000
ACKNOWLEDGED, QUARANTINED = {"stored", "duplicate"}, {"conflict", "rejected"}


@dataclass(frozen=True)
class SyncResult:
    ok: bool
    pushed: int = 0
    quarantined: int = 0
    pulled: int = 0
    applied: int = 0
    error: str | None = None
    detail: str = ""
    clock_off_s: int = 0   # how far this PC's clock is behind (+) or ahead (−) of the township's
    healed: bool = False   # this round gave the PC a new identity (its books had gone back, see rollback.py)


def sync_once(db: Database, http: httpx.Client, now: datetime) -> SyncResult:
    at = stamp(now)
    current = state.load(db)
    if not (current.enrolled and current.server_url):
        return SyncResult(False, error="sync_not_enrolled")
    township = Township(http, current.server_url, current.terminal_id, current.secret, now)
    try:
        township, said = _take_state(db, township)
        sent, pushed, quarantined = _push_all(db, township, at)
        # a round after a failed one asks again all it may have missed (its snapshots, its anchor)
        moved = sent or _pull_wanted(db, said) or current.last_error is not None
        # a round with nothing to pull still applies what the township published for today
        pulled, applied = _pull_all(db, township, at) if moved else (0, apply.apply_due(db, at))
        # with nothing moved, the state said whether the township holds this head already, and
        # the 积分证明 snapshots held are still the township's (certificates.fetch): one request
        anchors.exchange(db, township, at, None if moved else said)   # the books' chain head
        certificates.fetch(db, township, at, moved)   # the township's signed household snapshots
    except SyncFailed as failed:
        if township.clock_off_s:       # the township's time was had, this round ending as it may
            state.note_clock_off(db, township.clock_off_s)
        detail = which_pc(db) if failed.code == NOT_KNOWN else failed.detail
        state.record_error(db, failed.code + (f" ({detail})" if detail else ""), at)
        return SyncResult(False, error=failed.code, detail=detail, clock_off_s=township.clock_off_s)
    except apply.BadRecord as bad:
        state.record_error(db, "sync_bad_answer", at)
        return SyncResult(False, error="sync_bad_answer", detail=str(bad))
    except (Refused, sqlite3.Error) as exc:  # the books busy or refusing: try again next round
        detail = exc.message() if isinstance(exc, Refused) else str(exc)
        with contextlib.suppress(Refused, sqlite3.Error):
            state.record_error(db, f"sync_local_error ({detail})", at)
        return SyncResult(False, error="sync_local_error", detail=detail)
    finally:   # a signed answer seen this round counts, however the round ended (it was judged so within it)
        with contextlib.suppress(Refused, sqlite3.Error):
            _note_answers_signed(db, township, at)
    state.record_ok(db, at)
    state.note_clock_off(db, township.clock_off_s)   # 0: within the township's window
    return SyncResult(True, pushed, quarantined, pulled, applied, clock_off_s=township.clock_off_s,
                      healed=township.terminal_id != current.terminal_id)


def _pull_wanted(db: Database, said: dict | None) -> bool:
    """Whether the round must pull, having pushed nothing: not when the township's last commit
    (`cursor_hint`) is where this PC's pull cursor is already and no push of ours waits to be
    judged (`to_settle`): the pull would answer nothing. A township that does not say both
    (an older one), or after a new identity (`said` None), is always pulled from."""
    if not said or said.get("to_settle") is not False:
        return True
    hint, cursor = said.get("cursor_hint"), state.load(db).pull_cursor
    if not isinstance(hint, int) or isinstance(hint, bool) or not (cursor or "0").isdigit():
        return True
    return hint > int(cursor or "0")


def _take_state(db: Database, township: Township) -> tuple[Township, dict | None]:
    """The township's high water replaces ours: a server restored from backup heals.

    Books that went back in time (see rollback.py) take a new identity first; after a restore
    (the flag) the township gives the new identity, and the round goes on signed as it. A
    township without that leaves the old way: the new local identity's records are numbered
    on from the township's high water, the pull cursor restored with the backup kept.
    Returns the township to go on with and its state answer (None after a new identity)."""
    trusted = township_key_chained.trusted_answers(db.conn)     # the chain's, never the table's alone
    signed = (township_word.STATE, trusted) if trusted is not None else None
    due = signed is not None and _word_due(db, township, signed[1])
    data, high_water = _state(township, signed if due else None)
    went_back = rollback.went_back(db, state.load(db), data, high_water)
    if signed is not None and not due and (went_back or _state_moves(db, high_water)):
        data, high_water = _state(township, signed)
        went_back = rollback.went_back(db, state.load(db), data, high_water)
    if township.last_signed:      # the state as answered last, bound to our nonce
        _note_answers_signed(db, township, stamp(township.now))
        _note_signed_state(db, township, data)
    if went_back:
        rollback.start_healing(db, township.now.strftime("%Y-%m-%d %H:%M:%S"))
    if state.resume_flag(db):
        renewed = rollback.resume(db, township, high_water)
        if renewed is not None:
            return renewed, None
    local_id = outbox.local_terminal_id(db)
    with db.write() as conn:
        state.update(conn, pushed_high_water=high_water)
        if state.resume_flag(db) or state.load(db).local_terminal_id != local_id:
            state.update(conn, local_terminal_id=local_id, seq_base=high_water)
            state.clear_resume_flag(conn)
            identity.clear_note(conn)   # no new number from this township: nothing more to tell
        # Records the township stored while its answer was lost are acknowledged here, not by
        # a push answer: their frozen bodies would otherwise stay in sync_outbox for ever.
        _, seq_base = sync_state.local_numbering(conn)
        outbox.forget_acknowledged(conn, local_id, high_water - seq_base)
    return township, data


def _state(township: Township, signed: tuple[str, tuple[str, bool]] | None = None) -> tuple[dict, int]:
    """The state answer and its high water; `signed`: asked for signed, bound to a nonce of ours."""
    if signed is None:
        _, data = township.json("GET", "/v1/state")
    else:
        nonce = secrets.token_hex(16)
        _, data = township.json("GET", "/v1/state?" + urlencode({township_word.SIGN_STATE: nonce}),
                                signed=signed, asked=nonce.encode())
    try:
        high_water = int(data.get("high_water", 0))
    except (TypeError, ValueError):
        raise SyncFailed("sync_bad_answer", "high_water") from None
    if high_water < 0:
        raise SyncFailed("sync_bad_answer", "high_water")
    return data, high_water


def _state_moves(db: Database, high_water: int) -> bool:
    """Would the state make this PC take a step (besides going back to a new identity, which the
    caller asks first): forget sent records or move its pushed high water (the high water is not
    what it knows was delivered), or number on from it? Then it is taken only signed (asked again,
    `?sign=`): an unsigned answer may come from a server that has the terminal's secret alone. A
    round with nothing new takes none and stays one request (unsigned, or signed once an hour: _word_due)."""
    current = state.load(db)
    return (high_water != current.pushed_high_water or state.resume_flag(db)
            or current.local_terminal_id != outbox.local_terminal_id(db))


def _word_due(db: Database, township: Township, trusted: tuple[str, bool]) -> bool:
    """A township known to sign its answers is asked its state signed (instead of unsigned: still
    one request) at least once every freshness.FRESH_WORD, even when nothing is new: a server
    answering every state "nothing new" would else keep the township's holds from this counter unseen."""
    return trusted[1] and freshness.due(db, township.now)


def _note_signed_state(db: Database, township: Township, data: dict) -> None:
    """A state that came signed, bound to our nonce: the township's fresh word, and the head
    (`cursor_hint`) this round's pull must reach (_pull_all)."""
    if not township.last_signed:
        return
    freshness.note(db, township.now)
    hint = data.get("cursor_hint")
    if isinstance(hint, int) and not isinstance(hint, bool):
        township.signed_head = hint


def _note_answers_signed(db: Database, township: Township, at: str) -> None:
    """The township signed an answer this round: its answers are required signed from now on."""
    if township.answers_signed:
        trusted = township_key_chained.trusted_answers(db.conn)
        if trusted is not None and not trusted[1]:
            certificates.township_signs_answers(db, at)


class Batch(NamedTuple):
    records: list[Record]
    request: bytes          # the push request's body, encoded once


def _push_all(db: Database, township: Township, at: str) -> tuple[bool, int, int]:
    """Batches in seq order, one request at a time. While the township stores a batch, the
    next one is read (and frozen) here. An answer that acknowledged every record of its batch
    sends that next one at once, and is settled here while the township stores it; any other
    answer is settled first, and the next batch read again unless the answer moved the high
    water exactly to its start. (A settlement that fails ends the round as before: the batch
    already sent is then one whose answer was lost, acknowledged by the next round's state.)
    Returns whether any batch was sent, and the records acknowledged and quarantined."""
    pushed = quarantined = 0
    last_gap = None
    trusted = township_key_chained.trusted_answers(db.conn)    # read here: the sender thread has no connection
    with ThreadPoolExecutor(1, thread_name_prefix="kiosk-push") as sender:
        send = functools.partial(_send, sender, township, trusted)
        batch = _next_batch(db, state.load(db))
        answer = send(batch)
        sent = answer is not None
        for left in reversed(range(MAX_ROUNDS)):             # rounds left after this one: none, nothing more sent
            if answer is None:
                break
            ahead = _read_ahead(db, batch.records)
            status, data = answer.result()
            data = _unwrap(data)
            early = left and _goes_on_from(db, ahead, batch) and _all_acknowledged(status, data, batch.records)
            following = ahead[1] if early else None
            answer = send(following)      # stored there while this answer is settled here
            if status == 409 and "results" not in data:
                last_gap = _resume_from_expected(db, data, last_gap)
            else:
                done, held = _settle(db, batch.records, data, at)
                pushed, quarantined = pushed + done, quarantined + held
            if following is None:
                current = state.load(db)
                following = ahead[1] if ahead and _position(current) == ahead[0] else _next_batch(db, current)
                answer = send(following) if left else None
            batch = following
    return sent, pushed, quarantined


def _send(sender: ThreadPoolExecutor, township: Township, trusted: tuple[str, bool] | None, batch: Batch | None):
    """The batch's request on its way (its answer to come), or None when there is nothing to send.
    The answer is judged by the township's signature bound to the request (kiosk/core/township_word.py):
    one refused ends the round with nothing settled, the records kept to be sent again."""
    if batch is None or not batch.records:
        return None
    return sender.submit(township.json, "POST", "/v1/push", batch.request, allow=(409,),
                         signed=(township_word.PUSH, trusted))


def _goes_on_from(db: Database, ahead: tuple[tuple, Batch] | None, batch: Batch) -> bool:
    """Was the batch read ahead read from what settling `batch` whole will leave (nothing else
    changed the numbering meanwhile)?"""
    if ahead is None:
        return False
    settled = dataclasses.replace(state.load(db), pushed_high_water=batch.records[-1].seq)
    return _position(settled) == ahead[0]


def _all_acknowledged(status: int, data: dict, records: list[Record]) -> bool:
    """Did the township store (or already hold) every record of the batch? Then settling its
    answer moves the high water exactly to the batch's last record and changes nothing else."""
    if status != 200 or not isinstance(data.get("results"), list):
        return False
    answered = {a.get("id"): a.get("status") for a in data["results"] if isinstance(a, dict)}
    return all(answered.get(record.id) in ACKNOWLEDGED for record in records)


def _next_batch(db: Database, current: state.SyncState) -> Batch:
    records = _fits(outbox.for_township(db, current, PUSH_BATCH))
    return Batch(records, push_request(records, credits.known(db, records)) if records else b"")


def _position(current: state.SyncState) -> tuple:
    """What the next batch depends on."""
    return (current.pushed_high_water, current.seq_base, current.local_terminal_id, current.terminal_id,
            current.village_id)


def _read_ahead(db: Database, sending: list[Record]) -> tuple[tuple, Batch] | None:
    """The batch after `sending`, as if the township acknowledged all of it; None if it cannot
    be read now (books busy …): it is then read after the answer is settled, and a failure
    there ends the round as it always did, with the current batch's answer kept."""
    try:
        after = dataclasses.replace(state.load(db), pushed_high_water=sending[-1].seq)
        return _position(after), _next_batch(db, after)
    except Exception:  # noqa: BLE001 (only a head start: the same read is tried again in order)
        return None


def _fits(records: list[Record]) -> list[Record]:
    """As many records as fit in one request (pictures are big); always at least one."""
    size, kept = 0, []
    for record in records:
        size += len(record.wire_body()) + 200  # the body and its envelope
        if kept and size > PUSH_BYTES:
            break
        kept.append(record)
    return kept


def _said(data: dict, otherwise: str) -> str:
    """The township's words in a refusal, else a code word for it (kiosk/messages/values.py)."""
    said = data.get("message")
    return said.strip()[:300] if isinstance(said, str) and said.strip() else otherwise


def _resume_from_expected(db: Database, data: dict, last_gap: int | None) -> int:
    """A gap: the township expects seq `expected`; resend from there (it is the truth).
    A fork, or a gap that cannot be filled from this PC's records, stops the round."""
    try:
        expected = int(data["expected"])
    except (KeyError, TypeError, ValueError):
        raise SyncFailed("sync_server_refused", _said(data, "not_understood")) from None
    if expected == last_gap or expected - 1 < state.load(db).seq_base:
        raise SyncFailed("sync_server_refused", _said(data, "gap"))
    with db.write() as conn:
        state.update(conn, pushed_high_water=max(0, expected - 1))
    return expected


def _settle(db: Database, records: list[Record], data: dict, at: str) -> tuple[int, int]:
    """Per-record answers: acknowledged records and quarantined ones both move the high water,
    in seq order, up to the first record the township did not answer."""
    answers = {str(a.get("id")): a for a in data.get("results") or [] if isinstance(a, dict)}
    high_water, done, held = None, 0, 0
    with db.write() as conn:
        for record in records:
            answer = answers.get(record.id)
            status = answer.get("status") if answer else None
            if status in QUARANTINED:
                sync_reject.keep(conn, record.id, record.terminal_id, record.seq, record.type, status,
                                 str(answer.get("reason") or answer.get("detail") or ""), at)
                held += 1
            elif status in ACKNOWLEDGED:
                done += 1
            else:
                break
            high_water = record.seq
        if high_water is None:
            raise SyncFailed("sync_bad_answer", "no record acknowledged")
        apply.acknowledge(conn, high_water)
    return done, held


def _pull_all(db: Database, township: Township, at: str) -> tuple[int, int]:
    pulled = applied = 0
    for _ in range(MAX_ROUNDS):
        since = state.load(db).pull_cursor
        trusted = township_key_chained.trusted(db.conn)     # the chain's, never the table's alone
        _, data = township.json("GET", "/v1/pull?" + urlencode({"since": since or "0", "limit": PULL_LIMIT}),
                                signed=(township_word.PULL, trusted))
        try:
            records = [Record.from_json(r) for r in data.get("records") or []]
        except ValueError as exc:
            raise SyncFailed("sync_bad_answer", str(exc)) from None
        if township.last_signed:
            pull_answer.answers_the_pull(data, since, township.signed_head)
        cursor = data.get("cursor")
        result = apply.apply_page(db, records, None if cursor is None else str(cursor), at)
        if township.last_signed and not trusted[1]:
            certificates.township_signs(db, at)
        pulled, applied = pulled + result.received, applied + result.applied
        if not records or not data.get("more") or result.cursor == since:
            break
    return pulled, applied
