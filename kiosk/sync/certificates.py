"""积分证明 snapshots from the township: fetched at each online sync, read from a USB reply.

The township signs one statement per household of the village (kiosk.township.console.snapshots)
with its Ed25519 key. The counter learns the public key when it enrols (a counter enrolled
before certificates learns it at its first sync that brings one) and from then on keeps only
statements that check against that key: another key, one changed byte, a statement for
another household or not a snapshot is dropped, never stored. The request carries the
village's grade table, so the township states the grade the village itself uses, and the
version of the snapshots held, so a sync where nothing changed carries no statements.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from kiosk.core.grades import DEFAULT_SCALE, table_hash
from kiosk.core.statements import PUBLIC_HEX, check
from kiosk.store import certificates as store
from kiosk.store import village as village_store
from kiosk.store.db import Database
from kiosk.sync.calls import SyncFailed, Township

PATH = "/v1/certificates"
REFRESH_S = 24 * 3600       # snapshots are signed afresh at least daily, and whenever the village changed


@dataclass(frozen=True)
class Taken:
    kept: int = 0          # statements newer than what the counter had
    dropped: int = 0       # statements that did not check (another key, altered, not ours)
    other_key: bool = False


def wanted(db: Database, now: datetime) -> dict:
    """What the counter asks with: its grade table (highest first), and the version of the snapshots
    it holds while they are under a day old (the township then sends none unless something changed)."""
    row = village_store.the_village(db)
    scale = (village_store.grade_scale(row) if row is not None else None) or DEFAULT_SCALE
    asked: dict = {"grades": scale.as_rows()}
    version, newest = store.snapshots_version(db)
    day_ago = (now.astimezone(UTC) - timedelta(seconds=REFRESH_S)).strftime("%Y-%m-%dT%H:%M:%SZ")
    if version and newest and newest > day_ago:
        asked["have"] = version
    return asked


def still_current(asked: dict, now: datetime) -> bool:
    """Whether the township would answer `unchanged`, known without asking: the snapshots held
    are under a day old (`have` is asked with), and their version, which the township writes
    '{the village's newest commit}.{grade table hash}.{year}' (kiosk/township/console/snapshots.py),
    has this grade table and this year. The village's newest commit moves only with a record
    the counter would have pulled (a round that pulls asks again)."""
    parts = str(asked.get("have") or "").rsplit(".", 2)
    return len(parts) == 3 and parts[1] == table_hash(asked["grades"]) and parts[2] == str(now.year)


def learn_key(db: Database, public_hex: object, at: str, signs: object = False, answers: object = False) -> None:
    """At enrolment: the township's key, when its answer gives one, and whether it signs its word
    and its answers (a township that says so is held to it from the start: kiosk/core/township_word.py)."""
    if isinstance(public_hex, str) and PUBLIC_HEX.match(public_hex):
        with db.write() as conn:
            store.set_township_key(conn, public_hex, "enrolment", at)
            if signs is True:
                store.note_signing(conn, at)
            if answers is True:
                store.note_signing_answers(conn, at)


def township_signs(db: Database, at: str) -> None:
    """The township was seen to sign its word: required from now on (kiosk/core/township_word.py)."""
    with db.write() as conn:
        store.note_signing(conn, at)


def township_signs_answers(db: Database, at: str) -> None:
    """The township was seen to sign its answers (push, state, anchor): required from now on."""
    with db.write() as conn:
        store.note_signing_answers(conn, at)


def fetch(db: Database, township: Township, at: str, moved: bool = True) -> Taken:
    """One request per sync, unless nothing `moved` in the round (nothing pushed, nothing to
    pull) and the snapshots held are the township's current ones (`still_current`); a
    township from before certificates (404) gives nothing."""
    asked = wanted(db, township.now)
    if not moved and still_current(asked, township.now):
        return Taken()
    status, data = township.json("POST", PATH, asked, allow=(404,))
    if status == 404:
        return Taken()
    return take(db, data, at)


def parsed(raw: bytes | None) -> dict | None:
    """A USB reply's certificates member, read and checked for shape before anything is written."""
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise SyncFailed("sync_bad_answer", "certificates") from None
    _shape(data)
    return data


def _shape(data: object) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("key"), str) or not PUBLIC_HEX.match(data["key"]) \
            or not isinstance(data.get("statements"), list):
        raise SyncFailed("sync_bad_answer", "certificates")


def take(db: Database, data: dict, at: str) -> Taken:
    _shape(data)
    key, given = data["key"], data["statements"]
    known = store.township_key(db)
    if known is not None and key != known:
        return Taken(dropped=len(given), other_key=True)
    if known is not None and data.get("unchanged"):
        return Taken()                      # nothing changed since the snapshots kept: nothing to write
    rows = [row for row in (_checked(item, key) for item in given) if row is not None]
    with db.write() as conn:
        if known is None:
            store.set_township_key(conn, key, "sync", at)
        kept = store.keep_snapshots(conn, rows, at)
        if not data.get("unchanged"):     # all of a version kept: ask with it until a day has passed
            whole = len(rows) == len(given) and isinstance(data.get("version"), str)
            store.set_snapshots_version(conn, data["version"] if whole else None)
    return Taken(kept, len(given) - len(rows))


def _checked(item: object, key: str) -> tuple[str, str, str] | None:
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return None
    read = check(item["text"], key)
    statement = read.statement or {}
    if not read.genuine or statement.get("kind") != "snapshot" or statement.get("household") != item.get("household"):
        return None
    return str(item["household"]), read.text, str(statement.get("issued", ""))
