"""Enrolment: trade the township's one-time code for this PC's id, village id, secret and number.

The terminal number (receipts 261103-02-0007, deliveries RK261103-02-001, card range) is handed
out by the township, which knows every counter of the village: the PC asks to keep the one it
has and takes the one in the answer. A PC never enrolled keeps 1; a township from before numbers
answers without one and the PC keeps its own. A PC enrolled before numbers keeps its number too.
"""

from __future__ import annotations

from datetime import datetime

import httpx

from kiosk.core.clock import stamp
from kiosk.store import identity
from kiosk.store.db import Database
from kiosk.sync import certificates, state
from kiosk.sync.calls import SyncFailed, refusal_words


def enrol(db: Database, http: httpx.Client, url: str, code: str, now: datetime) -> str:
    """Trade an enrolment code for this terminal's secret; returns the terminal id."""
    terminal = identity.this_terminal(db)
    payload = {"code": code, "name": f"{terminal['village']} {terminal['name']}",
               "terminal_id": terminal["id"], "number": terminal["number"]}
    try:
        response = http.post(url.rstrip("/") + "/v1/enrol", json=payload)
    except httpx.HTTPError as exc:
        raise SyncFailed("sync_offline", type(exc).__name__) from None
    if response.status_code >= 400:
        raise SyncFailed("sync_enrol_refused", refusal_words(response))
    try:
        data = response.json()
        secret, terminal_id = str(data["secret"]), str(data["terminal_id"])
        village_id = data.get("village_id")
        number = _number(data.get("number"), terminal["number"])
    except (ValueError, KeyError, TypeError):
        raise SyncFailed("sync_bad_answer", "enrol") from None
    with db.write() as conn:
        identity.set_number(conn, number)
        state.update(conn, terminal_id=terminal_id, village_id=None if village_id is None else str(village_id),
                     secret=secret, server_url=url.rstrip("/"), local_terminal_id=terminal["id"], seq_base=0,
                     pushed_high_water=0, pull_cursor="",
                     last_error=None, last_error_at=None, offline_since=None)   # said of the identity it had
        state.clear_resume_flag(conn)   # a new enrolment is a new identity at the township already
    certificates.learn_key(db, data.get("township_key"), stamp(now), data.get("signs"), data.get("signs_answers"))
    return terminal_id


def _number(given: object, current: int) -> int:
    """The township's terminal number for this PC; its own when the township gives none."""
    if given is None:
        return current
    if not isinstance(given, int) or isinstance(given, bool) or not 1 <= given <= 99:
        raise ValueError(f"terminal number {given!r}")
    return given
