"""One new house number made on two counters while offline: both households are kept.

Every counter decides the same way, from the rows alone: the household with the smaller
id (UUIDv7, so the one made first) keeps the number, the other is shown as
"8组1号（重复2）". The counter that made the later one renames its own row when the
older one arrives. The rename is never journaled and never stamped as a change of the
household (no audit row on target "household"), so later last-writer-wins edits of that
household from either side still compare only real changes; a body pushed after the
rename carries the suffixed number, which every counter already holds.

A note for the manager (audit action "household.house_no_clash", target "house_clash")
says which two households to merge with 合户.
"""

from __future__ import annotations

import re
import sqlite3

from kiosk.store import audit

CLASH_ACTION, CLASH_TARGET = "household.house_no_clash", "house_clash"
# written into the SQL, not bound, so the partial index audit_house_clash (migration 0013) serves it
OPEN_CLASHES_SQL = ("SELECT a.target_id, json_extract(a.after, '$.kept_by'), MAX(a.at) FROM audit a"
                    f" WHERE a.target_type = '{CLASH_TARGET}' AND a.action = ? GROUP BY a.target_id"
                    " ORDER BY MAX(a.at)")
SYNC_OPERATOR = "同步"
_SUFFIX = re.compile(r"（重复\d+）$")


def base_number(house_no: str) -> str:
    """The number as the counter wrote it, without a clash suffix."""
    return _SUFFIX.sub("", house_no)


def place(conn: sqlite3.Connection, household_id: str, wanted: str, at: str) -> str:
    """Give the (already inserted) household the number it wants, or settle the clash; its number."""
    holder = conn.execute("SELECT id FROM household WHERE house_no = ? AND id != ?",
                          (wanted, household_id)).fetchone()
    if holder is None:
        _rename(conn, household_id, wanted)
        return wanted
    older, younger = sorted((household_id, holder[0]))
    current = _number_of(conn, household_id)
    if older == household_id:       # the older one arrived after the younger took the number
        _rename(conn, holder[0], _free_name(conn, wanted, holder[0]))
        _rename(conn, household_id, wanted)
    elif _SUFFIX.search(current) and base_number(current) == base_number(wanted):
        return current              # settled before: applying again changes nothing
    else:
        _rename(conn, household_id, _free_name(conn, wanted, household_id))
    _note(conn, older, younger, wanted, at)
    return _number_of(conn, household_id)


def parking_name(household_id: str) -> str:
    """A number no household wants, to insert a row before its real number is settled."""
    return f"（同步中）{household_id}"


def _free_name(conn: sqlite3.Connection, wanted: str, household_id: str) -> str:
    base, n = base_number(wanted), 2
    while conn.execute("SELECT 1 FROM household WHERE house_no = ? AND id != ?",
                       (f"{base}（重复{n}）", household_id)).fetchone():
        n += 1
    return f"{base}（重复{n}）"


def _rename(conn: sqlite3.Connection, household_id: str, house_no: str) -> None:
    conn.execute("UPDATE household SET house_no = ? WHERE id = ? AND house_no != ?",
                 (house_no, household_id, house_no))


def _number_of(conn: sqlite3.Connection, household_id: str) -> str:
    return conn.execute("SELECT house_no FROM household WHERE id = ?", (household_id,)).fetchone()[0]


def _note(conn: sqlite3.Connection, older: str, younger: str, wanted: str, at: str) -> None:
    after = {"house_no": base_number(wanted), "kept_by": older, "renamed_to": _number_of(conn, younger)}
    audit.append(conn, at=at, operator_id=None, operator_name=SYNC_OPERATOR, action=CLASH_ACTION,
                 target_type=CLASH_TARGET, target_id=younger, after=after)


def open_clashes(db) -> list[dict]:
    """Clashes whose two households are both still in use: a manager should merge them (合户)."""
    rows = db.execute(OPEN_CLASHES_SQL, (CLASH_ACTION,)).fetchall()
    found = []
    for younger, older, at in rows:
        pair = {r[0]: r for r in db.execute("SELECT id, house_no, active FROM household WHERE id IN (?, ?)",
                                            (younger, older)).fetchall()}
        if len(pair) == 2 and pair[younger][2] and pair[older][2]:
            found.append({"house_no": pair[older][1], "duplicate": pair[younger][1], "at": at})
    return found
