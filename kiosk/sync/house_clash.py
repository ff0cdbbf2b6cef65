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

from kiosk.store import audit, house_clashes

CLASH_ACTION, CLASH_TARGET = "household.house_no_clash", "house_clash"
OPEN_CLASHES_SQL = house_clashes.open_clashes_sql(CLASH_TARGET)
SYNC_OPERATOR = "同步"
_SUFFIX = re.compile(r"（重复\d+）$")


def base_number(house_no: str) -> str:
    """The number as the counter wrote it, without a clash suffix."""
    return _SUFFIX.sub("", house_no)


def place(conn: sqlite3.Connection, household_id: str, wanted: str, at: str) -> str:
    """Give the (already inserted) household the number it wants, or settle the clash; its number."""
    holder = house_clashes.holder(conn, wanted, household_id)
    if holder is None:
        _rename(conn, household_id, wanted)
        return wanted
    older, younger = sorted((household_id, holder))
    current = _number_of(conn, household_id)
    if older == household_id:       # the older one arrived after the younger took the number
        _rename(conn, holder, _free_name(conn, wanted, holder))
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
    while house_clashes.holder(conn, f"{base}（重复{n}）", household_id) is not None:
        n += 1
    return f"{base}（重复{n}）"


def _rename(conn: sqlite3.Connection, household_id: str, house_no: str) -> None:
    house_clashes.rename(conn, household_id, house_no)


def _number_of(conn: sqlite3.Connection, household_id: str) -> str:
    return house_clashes.number_of(conn, household_id)


def _note(conn: sqlite3.Connection, older: str, younger: str, wanted: str, at: str) -> None:
    after = {"house_no": base_number(wanted), "kept_by": older, "renamed_to": _number_of(conn, younger)}
    audit.append(conn, at=at, operator_id=None, operator_name=SYNC_OPERATOR, action=CLASH_ACTION,
                 target_type=CLASH_TARGET, target_id=younger, after=after)


def open_clashes(db) -> list[dict]:
    """Clashes whose two households are both still in use: a manager should merge them (合户)."""
    found = []
    for younger, older, at in house_clashes.notes(db, CLASH_TARGET, CLASH_ACTION):
        pair = house_clashes.pair(db, younger, older)
        if len(pair) == 2 and pair[younger][2] and pair[older][2]:
            found.append({"house_no": pair[older][1], "duplicate": pair[younger][1], "at": at})
    return found
