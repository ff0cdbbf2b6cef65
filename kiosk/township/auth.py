"""Who is asking: the signature check, and strangers counted in memory, never on disk.

A request that fails the check (no signature, a malformed header, an unknown terminal, a
wrong signature, a time outside the replay window) writes nothing: it is counted in
memory, and one log line per terminal (or per "unknown"/"unsigned" bucket, so a stranger
cannot make the keys grow) per minute says how many there were. Any number of bad
requests thus costs the township neither disk nor database rows.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import weakref
from collections import Counter
from dataclasses import dataclass, field

from fastapi import Request

from kiosk.sync.wire import SIGNATURE_HEADER, TERMINAL_HEADER, TIME_HEADER, signature_ok
from kiosk.township.store import Store
from kiosk.township.words import TownshipRefused

REPLAY_WINDOW_S, LOG_EVERY_S = 600, 60
log = logging.getLogger("kiosk.township.auth")

_TERMINAL = re.compile(r"[0-9A-Za-z._:-]{1,64}")
_TIME = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"[0-9a-f]{64}")


@dataclass
class _Tally:
    since: float
    reasons: Counter = field(default_factory=Counter)


class Strangers:
    """Refused requests by terminal, counted; a log line at most once per LOG_EVERY_S each."""

    def __init__(self, clock) -> None:
        self.clock, self.lock = clock, threading.Lock()
        self.tallies: dict[str, _Tally] = {}
        self.total = 0

    def refused(self, key: str, reason: str) -> None:
        now = self.clock()
        with self.lock:
            self.total += 1
            tally = self.tallies.get(key)
            if tally is not None and now - tally.since < LOG_EVERY_S:
                tally.reasons[reason] += 1
                return
            reasons = (tally.reasons if tally else Counter()) + Counter({reason: 1})
            self.tallies[key] = _Tally(now)
        log.warning("refused %d request(s) from terminal %s since the last report: %s",
                    sum(reasons.values()), key, dict(reasons))


_strangers: weakref.WeakKeyDictionary[Store, Strangers] = weakref.WeakKeyDictionary()


def strangers(store: Store) -> Strangers:
    """The store's tally (one per server process: counting writes nothing, so several
    processes may each keep their own)."""
    found = _strangers.get(store)
    if found is None:
        found = _strangers[store] = Strangers(store.clock)
    return found


def authenticate(store: Store, request: Request, raw: bytes) -> sqlite3.Row:
    """The signing terminal's row (with the ROUND_COLUMNS of kiosk.township.tables.terminals), or
    TownshipRefused(401) after counting the refusal."""
    signed = _signed_headers(store, request)
    return _signed_by(store, request, raw, store.terminal(signed[0], for_round=True), signed)


async def authenticate_on_loop(store: Store, request: Request, raw: bytes) -> sqlite3.Row:
    """authenticate, the terminal's row read on the event loop (store.reads_on_loop() must be true)."""
    signed = _signed_headers(store, request)
    return _signed_by(store, request, raw, await store.terminal_on_loop(signed[0]), signed)


def _signed_headers(store: Store, request: Request) -> tuple[str, str, str]:
    """The terminal id, time and signature the request is signed with, each well formed."""
    tid = request.headers.get(TERMINAL_HEADER)
    stamp, given = request.headers.get(TIME_HEADER), request.headers.get(SIGNATURE_HEADER)
    if not (tid and stamp and given):
        strangers(store).refused("unsigned", "missing")
        raise TownshipRefused("auth_missing", 401)
    if not (_TERMINAL.fullmatch(tid) and _TIME.fullmatch(stamp) and _SIGNATURE.fullmatch(given)):
        strangers(store).refused("unknown", "malformed header")
        raise TownshipRefused("auth_bad", 401)
    return tid, stamp, given


def signed_path(request: Request) -> str:
    """The path as the terminal signed it: with its query, if any. Read from the request's scope
    (building Starlette's request.url cost a third of a state's own CPU), as request.url gives it
    for what a counter sends (tests/township/test_signed_path.py), but whole: a '#' in the query
    (which h11 leaves there and the query's parameters are read from) and a control character in
    the path (which request.url drops) are signed too, so nothing the app reads is left unsigned."""
    scope = request.scope
    path = scope["path"].replace("?", "%3F").replace("#", "%23").replace("\\", "%5C")
    query = scope.get("query_string", b"").decode()
    return f"{path}?{query}" if query else path


def _signed_by(store: Store, request: Request, raw: bytes, terminal, signed: tuple[str, str, str]) -> sqlite3.Row:
    """The terminal's row, once its secret has checked the signature and the time is inside the window."""
    tid, stamp, given = signed
    if terminal is None:
        strangers(store).refused("unknown", "unknown terminal")
        raise TownshipRefused("auth_unknown", 401, terminal=tid)
    if not signature_ok(terminal["secret"], request.method, signed_path(request), stamp, raw, given):
        strangers(store).refused(tid, "bad signature")
        raise TownshipRefused("auth_bad", 401)
    skew = abs(store.clock() - int(stamp))
    if skew > REPLAY_WINDOW_S:
        strangers(store).refused(tid, "time outside the window")
        raise TownshipRefused("auth_time", 401, minutes=int(skew // 60))
    return terminal
