"""Sync on a USB stick: export the outbox as a bundle, import the township's reply.

Export writes every record after the pushed high water (nothing is marked sent: only
the township's reply acknowledges). Import checks the reply whole before touching the
database — kind, terminal, signature, count — then applies its records like a pull page
and takes its high water, all in one transaction. The same reply twice, or an older one
after a newer one, changes nothing. A reply whose high water is beyond this PC's journal, or
whose newest chain head kept for these books they no longer give (a sync that only pulled,
lost), shows its books went back in time (kiosk.sync.rollback): they take a new local identity at
once, and the new terminal number and the lost records wait for the next online sync; their
next bundles ask the township for that new identity (kiosk.sync.rollback.asked), which judges
and keeps their chain head under it, as online, never as books rewritten.
The books' chain head travels in the bundle's manifest and the township's answer in the
reply's, both signed (kiosk.sync.anchors).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.core.clock import stamp
from kiosk.core.errors import Refused
from kiosk.store import township_key_chained
from kiosk.store.db import Database
from kiosk.sync import anchors, apply, certificates, credits, freshness, outbox, rollback, state
from kiosk.sync.bundle import (
    BundleError,
    read_reply,
    read_certificates,
    read_manifest,
    write_bundle,
)
from kiosk.sync.calls import SyncFailed

BATCH = 1000


@dataclass(frozen=True)
class Exported:
    path: Path
    count: int
    first_seq: int | None
    last_seq: int | None


@dataclass(frozen=True)
class Imported:
    path: Path
    received: int
    applied: int
    already: int
    high_water: int
    went_back: bool = False     # the reply showed this PC's books had gone back in time (rollback.py)
    books_extend: bool | None = None   # the township's word on the books' chain (kiosk/sync/anchors.py)
    disproved: bool = False     # books asking for a new identity were refused it: records sent before differ now


def _enrolled(db: Database) -> state.SyncState:
    current = state.load(db)
    if not current.enrolled:
        raise Refused("sync_not_enrolled")
    return current


def export_bundle(db: Database, path: str | Path, now: datetime) -> Exported:
    current = _enrolled(db)
    path = Path(path)
    if current.local_terminal_id != outbox.local_terminal_id(db):
        with db.write() as conn:  # restored since: number on from what we last knew the township had
            state.update(conn, local_terminal_id=outbox.local_terminal_id(db), seq_base=current.pushed_high_water)
        current = state.load(db)
    records = []
    while True:
        batch = outbox.for_township(db, dataclasses.replace(current, pushed_high_water=current.pushed_high_water
                                                            + len(records)), BATCH)
        if not batch:
            break
        records.extend(batch)
    village_id = current.village_id
    first, last = (records[0].seq, records[-1].seq) if records else (None, None)
    manifest = {"kind": "push", "terminal_id": current.terminal_id, "village_id": village_id,
                "books": current.local_terminal_id,     # numbered from these books (holds: spenders)
                "first_seq": first, "last_seq": last, "created": stamp(now), "cursor": current.pull_cursor,
                "certificates": certificates.wanted(db, now),   # the reply brings 积分证明 snapshots
                "credits": credits.known(db, records),   # what these books know of the credits spent (holds)
                **rollback.asked(db)}     # books put back from a copy: their new identity, as online
    shown = anchors.shown(db)   # the books' chain head, anchored at the township as online
    if shown is not None:
        manifest["anchor"] = shown
    try:
        write_bundle(path, manifest, records, current.secret)
    except (OSError, BundleError) as exc:
        raise Refused("sync_export_failed", path=str(path), detail=str(exc)) from None
    return Exported(path, len(records), first, last)


def import_reply(db: Database, path: str | Path, now: datetime) -> Imported:
    current = _enrolled(db)
    path = Path(path)
    if not path.is_file():
        raise Refused("sync_bundle_missing", path=str(path))
    trusted = township_key_chained.trusted(db.conn)      # the chain's, never the table's alone
    manifest, records, signed = _read_reply(path, current, trusted)
    try:       # read whole before anything is written
        bundled = certificates.parsed(_bundled_certificates(path, manifest))
    except SyncFailed as failed:
        raise Refused("sync_bundle_unreadable", path=str(path), detail=failed.detail) from None
    try:
        high_water = int(manifest.get("high_water") or 0)
        cursor = manifest.get("cursor")
        last = {key: manifest.get(key) for key in ("last_id", "last_key")}   # what the township holds there
        last["anchor"] = _newest_head(manifest.get("anchor"))   # and the books' head it kept last, as online
        went_back = rollback.went_back(db, current, last, high_water)
        if went_back:   # healed here as far as a stick can: the new identity and number need the township online
            rollback.start_healing(db, now.strftime("%Y-%m-%d %H:%M:%S"))
        result = apply.apply_page(db, records, None if cursor is None else str(cursor), stamp(now),
                                  high_water=high_water)
        if signed and not trusted[1]:
            certificates.township_signs(db, stamp(now))
        if signed:      # the township's word by stick, as fresh as the reply was made
            freshness.note_reply(db, manifest.get("created"), now)
        if bundled is not None:
            certificates.take(db, bundled, stamp(now))
    except (TypeError, ValueError) as exc:  # a bad high water, or a record that fails its hash
        raise Refused("sync_bundle_unreadable", path=str(path), detail=str(exc)) from None
    # the heads of books that went back (healing until the next online sync) are those of the books lost
    answer = manifest.get("anchor")
    disproved = signed and manifest.get("restore") == "disproved" and state.resume_flag(db)
    if signed and state.resume_flag(db) and isinstance(manifest.get("anchor"), dict) or disproved:
        rollback.disproved(db, bool(disproved))     # no new identity: records these books sent before differ now
    healing = went_back or state.resume_flag(db) or current.local_terminal_id != outbox.local_terminal_id(db)
    extends = None if healing or not isinstance(answer, dict) else anchors.keep_answer(db, answer, stamp(now))
    state.record_reply(db, stamp(now), str(manifest.get("created") or ""))
    return Imported(path, result.received, result.applied, result.already, state.load(db).pushed_high_water,
                    went_back, extends, bool(disproved))


def _newest_head(answer) -> dict | None:
    """The newest books' head the township's answer names (its `anchors` come newest first): what
    GET /v1/state names online. Books that no longer give it went back, even when none of this PC's
    own records were lost (a copy put back after a sync that only pulled): kept as a township head,
    it would have `kiosk check` call them rewritten for ever."""
    heads = answer.get("anchors") if isinstance(answer, dict) else None
    return heads[0] if isinstance(heads, list) and heads else None


def _bundled_certificates(path: Path, manifest: dict) -> bytes | None:
    try:
        return read_certificates(path, manifest)
    except BundleError as exc:
        if exc.reason == "bad_signature":
            raise Refused("sync_bundle_tampered", path=str(path)) from None
        raise Refused("sync_bundle_unreadable", path=str(path), detail=str(exc)) from None


def _read_reply(path: Path, current: state.SyncState, trusted: tuple[str, bool] | None) -> tuple[dict, list, bool]:
    try:
        manifest = read_manifest(path)
        if manifest.get("kind") != "reply":
            raise Refused("sync_bundle_not_reply", path=str(path), kind=str(manifest.get("kind")))
        if manifest["terminal_id"] != current.terminal_id:
            raise Refused("sync_bundle_other_terminal", path=str(path))
        return read_reply(path, current.secret, current.terminal_id, trusted)
    except BundleError as exc:
        if exc.reason == "bad_signature":
            raise Refused("sync_bundle_tampered", path=str(path)) from None
        if exc.reason == "not_township":
            raise Refused("sync_bundle_not_township", path=str(path)) from None
        if exc.reason in ("too_big", "bad_layout"):
            code = "sync_bundle_too_big" if exc.reason == "too_big" else "sync_bundle_strange"
            raise Refused(code, path=str(path), detail=exc.detail) from None
        raise Refused("sync_bundle_unreadable", path=str(path), detail=str(exc)) from None
