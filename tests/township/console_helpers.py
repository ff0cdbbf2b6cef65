"""Helpers of the console tests: a village's people pushed by a counter, a signed-in browser."""

from __future__ import annotations

import re

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from kiosk.township.console import accounts

NEW_PASSWORD = "a-long-new-password"


def push_household(till, house_no: str, head: str, members: tuple[str, ...] = ()) -> str:
    """The records a counter pushes for a household: household, head (and members), its account. Returns the account."""
    household, resident, account = new_id(), new_id(), new_id()
    bodies = [("household", {"id": household, "house_no": house_no, "head_id": resident, "active": 1}),
              ("resident", {"id": resident, "household_id": household, "name": head, "status": "active"})]
    bodies += [("resident", {"id": new_id(), "household_id": household, "name": m, "status": "active"})
               for m in members]
    bodies.append(("account", {"id": account, "household_id": household, "resident_id": None}))
    records = []
    for kind, body in bodies:
        till.seq += 1
        records.append(Record.make(new_id(), till.id, till.seq, kind, body))
    assert till.push(records).status_code == 200
    return account


def csrf_in(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def sign_in(client, store, name: str = "李会计", role: str = "clerk", village: str | None = None) -> str:
    """A new user signed in with its one-time password changed; returns the session's CSRF token."""
    first = accounts.add_user(store, name, role, village)
    client.cookies.clear()
    page = client.get("/login")
    answer = client.post("/login", data={"csrf": csrf_in(page.text), "name": name, "password": first},
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/password", answer.text
    token = csrf_in(client.get("/password").text)
    changed = client.post("/password", data={"csrf": token, "old": first, "new": NEW_PASSWORD,
                                             "repeat": NEW_PASSWORD}, follow_redirects=False)
    assert changed.status_code == 303, changed.text
    return token
