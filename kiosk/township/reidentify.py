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

The books prove, at each asking, that they are a copy of what the township stored (`records`:
kiosk/township/restore_judge.py); books whose records sent before differ now get no new
identity (409 restore_disproved, signed).
"""

from __future__ import annotations

import sqlite3
import uuid

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kiosk.core import township_word
from kiosk.township import auth, parsing, restore_judge, word
from kiosk.township.store import Store
from kiosk.township.tables import numbers, records, terminals
from kiosk.township.words import TownshipRefused, beside_village, say

_NAMESPACE = uuid.UUID("0d7a3a52-5b8e-4f5e-9a57-3f1c2e6b8d41")
REASONS = ("rollback", "restore")
_DOC = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["nonce"],
    "properties": {"nonce": {"type": "string", "minLength": 1, "maxLength": 64,
                             "description": "the counter's new local identity; the same nonce gives the same answer"},
                   "reason": {"type": "string", "enum": list(REASONS)},
                   "records": {"type": "object", "required": ["seq", "link"],
                               "description": "the proof link over the old terminal's records 1 … seq as the books hold them",
                               "properties": {"seq": {"type": "integer", "minimum": 0},
                                              "link": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                                              "to": {"type": "integer", "minimum": 0,
                                                     "description": "the last of the records shown"},
                                              "after": {"type": "array", "description":
                                                        "records seq+1 … to one by one: [seq, id, sha256 or null]"}}}}}}}}}


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
    proof = restore_judge.shown_proof(data.get("records"))
    if proof is None and "records" in data:
        raise TownshipRefused("body_bad_shape", 400, detail="'records' must be {seq, link: 64 hex, to, after: [[seq, id, sha256 or null], …]}")
    verdict, said = restore_judge.judge(store, terminal, proof)
    if verdict == restore_judge.DISPROVED:      # signed too: the counter takes this word on the township's alone
        answer = JSONResponse(restore_judge.refusal().answer(), status_code=409)
    else:
        answer = JSONResponse(renew(store, terminal, nonce, reason, verdict, said))
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


def renew(store: Store, terminal: sqlite3.Row, nonce: str, reason: str, verdict: str = restore_judge.PROVED,
          said: dict | None = None) -> dict:
    """The new terminal for these books, given once per nonce, after restore_judge.judge: its incident
    says when nothing could be checked, or which clerk let it through."""
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
                                          **({"proof": verdict} if verdict != restore_judge.PROVED else {}),
                                          **(said or {}), **_words(conn, terminal, number, verdict, said)},
                           terminal_id=terminal["id"], village_id=terminal["village_id"])
            row = terminals.terminal_in(conn, new_id)
    return {"terminal_id": row["id"], "secret": row["secret"], "village_id": row["village_id"],
            "number": row["number"], "replaces": terminal["id"], "old_high_water": terminal["high_water"]}


def _words(conn, terminal: sqlite3.Row, new: int, verdict: str, said: dict | None) -> dict:
    """What the console's 事件 page says of a new identity given on no proof (and why), or by a clerk's grant."""
    names = terminals.counter_and_village_names(conn, terminal["id"])
    village, counter = (names[1], names[0]) if names else ("", "")
    named = {"village": village, "counter": beside_village(village, counter), "new": new, "old": terminal["number"]}
    if said and said.get("granted_by"):
        return {"words": say("renewed_granted_here", "zh", by=said["granted_by"], **named)}
    if verdict == restore_judge.UNPROVEN:
        why = (said or {}).get("unproven", restore_judge.NO_PROOF)
        return {"words": say(f"renewed_{why}_here", "zh", **named)}
    return {}


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
