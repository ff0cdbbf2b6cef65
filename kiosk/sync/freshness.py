"""How fresh the township's own signed word is at this counter.

A round with nothing new is one unsigned `GET /v1/state`: cheap, but anyone holding the shop's
database file (so the terminal's secret) can answer it, on the township's address or in the
middle, and keep answering "nothing new" while the township issues a hold on their own household.
So a counter that knows its township signs its answers asks the state signed, bound to a fresh
nonce (kiosk/core/township_word.py STATE), at least once every FRESH_WORD, and notes when it last
had the township's genuine signed word (a village that syncs by USB stick has it from the signed
reply). The status says so in plain words once that is more than STALE_AFTER ago.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from kiosk.core.clock import parsed_stamp, stamp, township_local
from kiosk.store import certificates as certificates_store
from kiosk.store import sync_state, township_key_chained
from kiosk.store.db import Database

FRESH_WORD = timedelta(hours=1)     # a signed state asked at least this often, even with nothing new
STALE_AFTER = timedelta(days=1)     # the status warns when the last signed word is older than this
STALE_BY_STICK_DAYS = 14           # … and when the last exchange was by USB stick, after this many days


def signs_answers(db: Database) -> bool:
    """Whether this counter knows its township signs its answers (the chain's word, never the table's)."""
    trusted = township_key_chained.trusted_answers(db.conn)
    return trusted is not None and trusted[1]


def due(db: Database, now: datetime) -> bool:
    """A signed state is to be asked this round: none had for FRESH_WORD (or the time noted is
    unreadable or ahead of this PC's clock, as a changed file may leave it)."""
    last = parsed_stamp(sync_state.signed_word_at(db))
    return last is None or last > now or now - last >= FRESH_WORD


def note(db: Database, now: datetime) -> None:
    """The township's genuine signed state, bound to our nonce, came in now."""
    with db.write() as conn:
        sync_state.note_signed_word(conn, stamp(now))


def note_reply(db: Database, made: object, now: datetime) -> None:
    """A reply signed by the township came in on a USB stick: its word as of when it was made
    (an old reply brought again is no fresher than it was), never later than now."""
    at = township_local(made)
    if at is None:
        return
    at = min(at, now)
    last = parsed_stamp(sync_state.signed_word_at(db))
    if last is None or last > now or at > last:
        with db.write() as conn:
            sync_state.note_signed_word(conn, stamp(at), by="stick")


def days_without(db: Database, now: datetime) -> int | None:
    """Whole days since the township's signed word was last had, when that is more than STALE_AFTER
    ago at a counter that knows its township signs its answers; else None. Before any signed word,
    counted from when the counter learnt that it signs."""
    if not signs_answers(db):
        return None
    last = parsed_stamp(sync_state.signed_word_at(db)) or parsed_stamp(certificates_store.signing_answers_since(db))
    if last is None or now - last <= STALE_AFTER:
        return None
    return (now - last).days


def by_stick(db: Database) -> bool:
    """The township's last signed word came in a USB reply: a village that syncs by stick (its
    counter may well be enrolled online too, and its rounds there fail every time)."""
    return sync_state.signed_word_by(db) == "stick"
