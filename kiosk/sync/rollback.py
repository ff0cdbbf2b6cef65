"""Books that went back in time: found at the start of a sync round, healed during it.

The township's high water for this terminal (GET /v1/state) is compared with the journal.
The books went back (a power cut that lost the WAL, an old copy put back) when the township
holds a record this journal no longer has at that number, or a different one there. Then:
1. here, in one transaction, the books take a new local identity and every record the
   township may not have is journaled again under it (kiosk.store.identity.renew);
2. the township gives a new terminal id, secret and number (POST /v1/reidentify), so no
   receipt number is ever given twice;
3. the round goes on under the new identity: it pushes what was carried and pulls the
   village from the start, which brings back this PC's own records that the township holds
   under the old id (the lost sales, with their receipts), like another counter's.
A restore (kiosk.services.setup.backup) does step 1 itself and leaves steps 2 and 3 to the next
round. Until step 2 is done the flag `sync.resume_from_server` stays set, so a round cut off
half way finishes the healing the next time. A township from before /v1/reidentify (404)
leaves the old way: the new identity numbers on from the township's high water.
"""

from __future__ import annotations

from kiosk.core import township_word
from kiosk.core.ids import new_id
from kiosk.store import identity, restore_proof, township_key_chained
from kiosk.store.db import Database
from kiosk.sync import outbox, state
from kiosk.sync.calls import SyncFailed, Township
from kiosk.sync.calls import unwrap as _unwrap


def went_back(db: Database, current: state.SyncState, answer: dict, high_water: int) -> bool:
    """Does the township hold records of this identity that these books no longer have?"""
    if current.local_terminal_id != outbox.local_terminal_id(db) or state.resume_flag(db):
        return False      # a restore already renewed the identity: healed by `resume`
    if _chain_went_back(db, answer.get("anchor")):
        return True
    local_seq = high_water - current.seq_base
    if local_seq <= 0:
        return False
    row = identity.journal_row(db, current.local_terminal_id, local_seq)
    if row is None:
        return True
    spec = outbox.SPECS.get(row["record_type"])
    last_id, last_key = answer.get("last_id"), answer.get("last_key")
    if spec is None or not isinstance(last_id, str):
        return False      # a township from before last_id: only the count above tells
    if outbox.wire_id(spec, current.local_terminal_id, local_seq, row["record_id"]) != last_id:
        return True
    return spec.versioned and isinstance(last_key, str) and last_key != row["record_id"]


def _chain_went_back(db: Database, anchor) -> bool:
    """The township kept this PC's chain head at a sync; books that no longer give it went back,
    even when none of this PC's own records were lost (a copy put back after a sync that only pulled)."""
    if not isinstance(anchor, dict):
        return False
    position, link = anchor.get("position"), anchor.get("link")
    if not isinstance(position, int) or isinstance(position, bool) or position <= 0 or not isinstance(link, str):
        return False
    return identity.chain_lost(db, position, link)


def asked(db: Database) -> dict:
    """What a push bundle of books waiting for their new identity asks (`reidentify`, the reason, as
    POST /v1/reidentify; the bundle's `books` is the nonce `resume` will ask with): the township
    gives it there and keeps their chain head under it (kiosk/township/usb.py), as online."""
    if not state.resume_flag(db):
        return {}
    note = identity.read_note(db) or {}
    return {"reidentify": note.get("reason") or "restore", **_proof(db, note, "restore_proof")}


def _proof(db: Database, note: dict, key: str, held: int | None = None) -> dict:
    """The proof that these books are a copy of what the township stored, worked out now from the
    rows they hold (kiosk/store/restore_proof.py), outside any write; nothing when they cannot tell.
    `held`: the township's high water of this round (online); a stick's asking cannot know it."""
    old_terminal = note.get("old_terminal") or state.load(db).terminal_id
    shown = restore_proof.proof(db, str(old_terminal or ""), note.get("proof"), held)
    return {key: shown} if shown is not None else {}


def start_healing(db: Database, at: str) -> None:
    with db.write() as conn:
        identity.renew(conn, new_id=new_id(), at=at, reason="rollback")


def resume(db: Database, township: Township, high_water: int) -> Township | None:
    """Ask the township for the new identity; returns the Township to go on with, or None when
    this township has no /v1/reidentify (the caller numbers on from its high water)."""
    nonce = outbox.local_terminal_id(db)
    note = identity.read_note(db) or {}
    trusted = township_key_chained.trusted_answers(db.conn)    # the new identity on the township's word only
    asking = {"nonce": nonce, "reason": note.get("reason") or "restore", **_proof(db, note, "records", high_water)}
    status, data = township.json("POST", "/v1/reidentify", asking, allow=(404, 409),
                                 signed=(township_word.REIDENTIFY, trusted))
    if status == 404:
        return None
    if status == 409:
        raise _refused(db, data)
    try:
        data = _unwrap(data)
        terminal_id, secret = str(data["terminal_id"]), str(data["secret"])
        number = data["number"]
        if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 99:
            raise ValueError(number)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise SyncFailed("sync_bad_answer", "reidentify") from None
    with db.write() as conn:
        identity.set_number(conn, number)
        state.update(conn, terminal_id=terminal_id, secret=secret, local_terminal_id=nonce, seq_base=0,
                     pushed_high_water=0, pull_cursor="")
        state.clear_resume_flag(conn)
        identity.write_note(conn, {k: v for k, v in note.items() if k != "disproved"} | {"old_terminal": note.get("old_terminal") or township.terminal_id,
                                          "new_number": number, "done_at": _done_at(township),
                                          "old_high_water": high_water})
    renewed = Township(township.http, township.url, terminal_id, secret, township.now)
    renewed.clock_off_s = township.clock_off_s
    return renewed


def _refused(db: Database, data) -> SyncFailed:
    """409: the township found the records these books sent before changed since: no new identity."""
    said = _unwrap(data) if isinstance(data, dict) else {}
    if not isinstance(said, dict) or said.get("error") != "restore_disproved":
        return SyncFailed("sync_server_refused", str(said.get("message") if isinstance(said, dict) else "") or "409")
    disproved(db)
    return SyncFailed("sync_restore_disproved")


def disproved(db: Database, refused: bool = True) -> None:
    """Note the township's word (online, or on a stick's reply) for `kiosk sync status` and the 同步 screen;
    `refused` false: a later reply that refused nothing takes the note back (a clerk let the books through)."""
    note = identity.read_note(db) or {}
    if bool(note.get("disproved")) == refused:
        return
    with db.write() as conn:
        kept = {key: value for key, value in note.items() if key != "disproved"}
        identity.write_note(conn, kept | ({"disproved": True} if refused else {}))


def _done_at(township: Township) -> str:
    return township.now.strftime("%Y-%m-%d %H:%M:%S")
