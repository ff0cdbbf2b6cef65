"""Enrolment: trade the township's one-time code for this PC's id, village id and secret."""

from __future__ import annotations

from datetime import datetime

import httpx

from kiosk.store.db import Database
from kiosk.sync import state
from kiosk.sync.client import SyncFailed, answer_detail


def enrol(db: Database, http: httpx.Client, url: str, code: str, now: datetime) -> str:
    """Trade an enrolment code for this terminal's secret; returns the terminal id."""
    terminal = db.one("SELECT t.id, t.village_id, t.name, t.number, v.name AS village FROM terminal t"
                      " JOIN meta m ON m.key = 'terminal_id' AND m.value = t.id JOIN village v ON v.id = t.village_id")
    payload = {"code": code, "name": f"{terminal['village']} {terminal['name']}",
               "terminal_id": terminal["id"], "number": terminal["number"]}
    try:
        response = http.post(url.rstrip("/") + "/v1/enrol", json=payload)
    except httpx.HTTPError as exc:
        raise SyncFailed("sync_offline", type(exc).__name__) from None
    if response.status_code >= 400:
        raise SyncFailed("sync_enrol_refused", answer_detail(response))
    try:
        data = response.json()
        secret, terminal_id = str(data["secret"]), str(data["terminal_id"])
        village_id = data.get("village_id")
    except (ValueError, KeyError, TypeError):
        raise SyncFailed("sync_bad_answer", "enrol") from None
    with db.write() as conn:
        state.update(conn, terminal_id=terminal_id, village_id=None if village_id is None else str(village_id),
                     secret=secret, server_url=url.rstrip("/"), local_terminal_id=terminal["id"], seq_base=0,
                     pushed_high_water=0, pull_cursor="")
    return terminal_id
