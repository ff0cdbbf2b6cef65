"""A counter whose books went back in time asks for a new identity: POST /v1/reidentify.

A counter that lost the last minutes of its database (a power cut that took its WAL), or had
an older copy put back (a restore), finds at its next sync that the township holds more of its
records than it does (see kiosk.sync.rollback). It cannot write on under its terminal id: its
next records would reuse the township's sequence numbers, and its receipts the numbers of sales
the township already has. So it asks, signed with its present secret, for a new terminal of the
same village: a new id, a new secret and a new terminal number (the smallest free one), so the
receipts it prints from now on never repeat one it printed before. Its old records stay at the
township under the old id, and the new id pulls them back like another counter's.

The request names a `nonce` (the counter's new local identity): asked again with the same
nonce, after an answer lost on the way, the township gives back the same new terminal, so a
retry never uses up a second number. The old terminal stays valid: another copy of the same
books can heal itself in turn. Each new identity is written as a `fork` incident the clerks see.

A claim of books gone back proves itself (`judge`): the counter shows `records`, its proof link
(kiosk/core/record_link.py proof_link) over the old terminal's records 1 … k as it holds them now,
k the last these books know the township acknowledged (kiosk/store/restore_proof.py). A copy holds
them as the township stored them: the same link, and the new identity is given. Another link: the
books were changed after the township stored them (someone with the database file rewrote a sale
or an award and claims a restore): no new identity, a `rejected` incident (chain_rewritten) naming
the village and the counter, once until the clerk deals with it, and the answer says so (409
restore_disproved, signed). No proof (a counter from before, one that cannot tell, or a proof of
nothing while the township holds records): never taken for one. The identity is given, as before,
for an innocent village must still heal, but the `fork` incident tells the clerk nothing could be
checked, so the clerk asks the village.
"""

from __future__ import annotations

import re
import sqlite3
import uuid

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kiosk.core import township_word
from kiosk.township import auth, parsing, word
from kiosk.township.store import Store
from kiosk.township.tables import numbers, record_chain, records, terminals
from kiosk.township.words import TownshipRefused, say

_NAMESPACE = uuid.UUID("0d7a3a52-5b8e-4f5e-9a57-3f1c2e6b8d41")
REASONS = ("rollback", "restore")
_LINK = re.compile(r"^[0-9a-f]{64}$")
_PROOF = {"type": "object", "required": ["seq", "link"],
          "description": "the proof link over the old terminal's records 1 … seq these books hold",
          "properties": {"seq": {"type": "integer", "minimum": 0}, "link": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}}
_DOC = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["nonce"],
    "properties": {"nonce": {"type": "string", "minLength": 1, "maxLength": 64,
                             "description": "the counter's new local identity; the same nonce gives the same answer"},
                   "reason": {"type": "string", "enum": list(REASONS)}, "records": _PROOF}}}}}}


def register(app: FastAPI, store: Store) -> None:
    @app.post("/v1/reidentify", openapi_extra=_DOC, responses=parsing.ERRORS)
    async def reidentify(request: Request) -> JSONResponse:
        """A new terminal of the signer's village: {terminal_id, secret, village_id, number, replaces, old_high_water}.
        Signed by the township, bound to the request (kiosk/township/word.py): the counter takes the new
        identity on the township's word only."""
        raw = await parsing.read_body(request)
        return await parsing.off_loop(_renew_asked, store, request, raw, writing=True)


def _renew_asked(store: Store, request: Request, raw: bytes) -> JSONResponse:
    terminal = auth.authenticate(store, request, raw)
    data = parsing.json_object(raw)
    nonce, reason = data.get("nonce"), data.get("reason", "rollback")
    if not plain_nonce(nonce):
        raise TownshipRefused("body_bad_shape", 400, detail="'nonce' must be 1 to 64 plain characters")
    if reason not in REASONS:
        raise TownshipRefused("body_bad_shape", 400, detail="'reason' must be rollback or restore")
    proof = shown_proof(data.get("records"))
    if proof is None and "records" in data:
        raise TownshipRefused("body_bad_shape", 400, detail="'records' must be {seq: a whole number from 0, link: 64 hex}")
    verdict = judge(store, terminal, proof)
    if verdict == DISPROVED:      # signed too: the counter takes this word on the township's alone
        answer = JSONResponse(TownshipRefused("restore_disproved", 409).answer(), status_code=409)
    else:
        answer = JSONResponse(renew(store, terminal, nonce, reason, proved=verdict == PROVED))
    return word.signed_answer(store, township_word.REIDENTIFY, terminal["id"], raw, answer)


def plain_nonce(nonce) -> bool:
    return isinstance(nonce, str) and 0 < len(nonce) <= 64 and nonce.isascii() and nonce.isprintable()


def _new_id(terminal_id: str, nonce: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{terminal_id}:{nonce}"))


def given(store: Store, terminal_id: str, nonce: str) -> str | None:
    """The new terminal this terminal's books `nonce` were given, if they were (a counter asks with
    its new local identity: the books a USB bundle names as `books`)."""
    row = store.terminal(_new_id(terminal_id, nonce))
    return None if row is None else row["id"]


PROVED, UNPROVEN, DISPROVED = "proved", "unproven", "disproved"


def shown_proof(shown) -> tuple[int, str] | None:
    """(k, link) of a proof as a counter writes it; None for anything else."""
    if not isinstance(shown, dict):
        return None
    seq, link = shown.get("seq"), shown.get("link")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2 ** 62:
        return None
    return (seq, link) if isinstance(link, str) and _LINK.match(link) else None


def judge(store: Store, terminal: sqlite3.Row, proof: tuple[int, str] | None) -> str:
    """Whether books claiming to have gone back prove they are a copy of what the township stored:
    PROVED (or nothing stored to prove), DISPROVED (their records differ; the incident is written
    here, once per proof shown), UNPROVEN (no proof, or one the township cannot check)."""
    with store.reading() as conn:
        high = terminals.high_water(conn, terminal["id"])
        if proof is None or proof[0] > high:
            return UNPROVEN if high > 0 else PROVED
        held = record_chain.proof_at(conn, terminal["id"], proof[0])
    if held is None or (proof[0] == 0 and high > 0):
        return UNPROVEN
    if held == proof[1]:
        return PROVED
    _disproved(store, terminal, proof[0])
    return DISPROVED


def _disproved(store: Store, terminal: sqlite3.Row, seq: int) -> None:
    with store.write() as conn:
        if terminals.open_incident_coded(conn, terminal["id"], "rejected", "restore_disproved"):
            return                                # said once until the clerk has dealt with it
        names = terminals.counter_and_village_names(conn, terminal["id"])
        words = say("restore_disproved_here", "zh", village=names[1] if names else "",
                    counter=names[0] if names else "", seq=seq)
        store.incident(conn, "rejected", {"reason": "chain_rewritten", "code": "restore_disproved", "seq": seq,
                                          "words": words},
                       terminal_id=terminal["id"], village_id=terminal["village_id"])


def renew(store: Store, terminal: sqlite3.Row, nonce: str, reason: str, proved: bool) -> dict:
    """The new terminal for these books (given once per nonce), after `judge`: one given on no
    proof says so in its incident."""
    new_id = _new_id(terminal["id"], nonce)
    with store.write() as conn:
        row = terminals.terminal_in(conn, new_id)
        if row is None:
            number = numbers.hand_out(conn, terminal["village_id"], None)
            terminals.add_terminal(conn, terminal_id=new_id, village_id=terminal["village_id"], name=terminal["name"],
                                   number=number, enrolled_at=store.now_text())
            store.incident(conn, "fork", {"code": "reidentified", "reason": reason, "replaces": terminal["id"],
                                          "new_terminal": new_id, "high_water": terminal["high_water"],
                                          "old_number": terminal["number"], "new_number": number,
                                          **({} if proved else {"proof": UNPROVEN})},
                           terminal_id=terminal["id"], village_id=terminal["village_id"])
            row = terminals.terminal_in(conn, new_id)
    return {"terminal_id": row["id"], "secret": row["secret"], "village_id": row["village_id"],
            "number": row["number"], "replaces": terminal["id"], "old_high_water": terminal["high_water"]}


def last_record(store: Store, terminal: sqlite3.Row) -> dict:
    """What the township holds at this terminal's high water: the counter compares it with its journal.

    `last_key` is the row id inside the body: a resident's or product's versions travel under
    ids made from (terminal, seq), which two diverged copies of one book share."""
    if "last_id" in terminal.keys():  # noqa: SIM118 (a row: `in` would look at its values)
        row = (terminal["last_id"], terminal["last_key"]) if terminal["last_id"] is not None else None
    else:
        row = records.id_and_key_at(store, terminal["id"], terminal["high_water"])
    if row is None:
        return {}
    return {"last_id": row[0], "last_key": row[1] if isinstance(row[1], str) else None}
