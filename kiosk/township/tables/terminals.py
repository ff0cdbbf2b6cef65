"""Villages, terminals and incidents: the reads and writes beyond the Store's own calls (the
admin CLI, the console, reidentify, a push's high water and a clerk's resolution)."""

from __future__ import annotations

import secrets
import sqlite3
from typing import Any

from kiosk.township.words import TownshipRefused

_WITH_NAMES = ("SELECT i.*, (SELECT name FROM village v WHERE v.id = i.village_id) AS village_name,"
               " (SELECT name FROM terminal t WHERE t.id = i.terminal_id) AS terminal_name FROM incident i")

_AT_HIGH_WATER = "FROM record r WHERE r.terminal_id = terminal.id AND r.seq = terminal.high_water"
_LAST_ANCHOR = "FROM chain_anchor a WHERE a.terminal_id = terminal.id ORDER BY a.position DESC LIMIT 1"
_RECORDS_HEAD = "FROM record_chain c WHERE c.terminal_id = terminal.id ORDER BY c.seq DESC LIMIT 1"
# The last commit the terminal's village would pull (its own records and those for every village,
# the pull's two ranges): another village's commit moves it not, so a counter there pulls nothing.
# (a range of one village, ordered as the index record_village is: for `village_id = …` PostgreSQL
# would walk the whole commit order backwards looking for a village that has no record yet)
_VILLAGE_TOP = ("(SELECT COALESCE(MAX(top), 0) FROM (SELECT (SELECT commit_no FROM record"
                " WHERE village_id BETWEEN terminal.village_id AND terminal.village_id"
                " ORDER BY village_id DESC, commit_no DESC LIMIT 1) AS top"
                " UNION ALL SELECT (SELECT commit_no FROM record WHERE village_id IS NULL"
                " ORDER BY village_id DESC, commit_no DESC LIMIT 1)) AS tops)")
ROUND_COLUMNS = (
    f", {_VILLAGE_TOP} AS top"                                            # the cursor hint; a pull's top
    ", EXISTS (SELECT 1 FROM hold_check h WHERE h.pusher = terminal.id) AS to_settle"   # holds.settle_pushed
    f", (SELECT r.id {_AT_HIGH_WATER}) AS last_id"                       # reidentify.last_record
    ", (SELECT COALESCE(json_extract(r.body, '$.id'), json_extract(r.body, '$.product_id'))"
    f" {_AT_HIGH_WATER}) AS last_key"
    f", (SELECT a.position {_LAST_ANCHOR}) AS anchor_position"            # anchors.last_anchor
    f", (SELECT a.link {_LAST_ANCHOR}) AS anchor_link"
    f", (SELECT c.seq {_RECORDS_HEAD}) AS records_seq"                   # anchors.anchor_of: the records'
    f", (SELECT c.link {_RECORDS_HEAD}) AS records_link")                # chain head kept here

# a terminal's row and what a sync round asks next, in one query (Store.terminal(for_round=True))
FOR_ROUND = f"SELECT *{ROUND_COLUMNS} FROM terminal WHERE id = ?"
# the same for several terminals at once, their ids one array (PostgreSQL: kiosk.township.loop_reads)
FOR_ROUNDS = f"SELECT *{ROUND_COLUMNS} FROM terminal WHERE id = ANY(?)"
# a round's last contact noted from the event loop (PostgreSQL: kiosk.township.loop_reads), for one
# terminal or several: a row another transaction holds is passed over, not waited for (its push
# notes the contact as it stores; two rounds of one terminal at once: the other notes it); a note
# never takes a later one back (not waited for, it may land after the terminal's next push). The
# parameters: the stamp twice, then the key(s).
_NOTE = "UPDATE terminal SET last_contact = ? WHERE (last_contact IS NULL OR last_contact < ?) AND id IN"
NOTE_CONTACT = f"{_NOTE} (SELECT id FROM terminal WHERE id = ? FOR UPDATE SKIP LOCKED) RETURNING id"
NOTE_CONTACTS = f"{_NOTE} (SELECT id FROM terminal WHERE id = ANY(?) FOR UPDATE SKIP LOCKED) RETURNING id"


# villages

def villages_by_name(store: Any) -> list:
    """(id, name, currency) of every village, by name."""
    return store.all("SELECT id, name, currency FROM village ORDER BY name")


def village_named_row(store: Any, village_id: str) -> list:
    """(id, name, currency) of one village, as a list of none or one row."""
    return store.all("SELECT id, name, currency FROM village WHERE id = ?", (village_id,))


def village_id_and_name(store: Any, village_id: str) -> Any:
    return store.one("SELECT id, name FROM village WHERE id = ?", (village_id,))


# terminals

def terminals_with_villages(store: Any) -> list:
    return store.all("SELECT t.id, t.name, v.name AS village, t.enrolled_at, t.last_contact, t.high_water"
                     " FROM terminal t JOIN village v ON v.id = t.village_id ORDER BY v.name, t.name")


def counter_and_village_names(store_or_conn: Any, terminal_id: str) -> Any:
    """(name, village) of one terminal, or None."""
    sql = "SELECT t.name, v.name AS village FROM terminal t JOIN village v ON v.id = t.village_id WHERE t.id = ?"
    if hasattr(store_or_conn, "one"):
        return store_or_conn.one(sql, (terminal_id,))
    return store_or_conn.execute(sql, (terminal_id,)).fetchone()


def retirement(store: Any, terminal_id: str) -> Any:
    """When, by whom and why the terminal was retired, with its and its village's names; None if it was not."""
    return store.one("SELECT r.retired_at, r.reason, t.name, v.name AS village FROM terminal_retired r"
                     " JOIN terminal t ON t.id = r.terminal_id JOIN village v ON v.id = t.village_id"
                     " WHERE r.terminal_id = ?", (terminal_id,))


def counters_of(store: Any, village_id: str | None) -> list:
    """Every terminal (of one village) with its village, its waiting hold checks and its retirement."""
    where, params = ("WHERE t.village_id = ?", (village_id,)) if village_id else ("", ())
    return store.all("SELECT t.id, t.name, t.number, v.name AS village, t.village_id, t.last_contact, t.high_water,"
                     " (SELECT COUNT(*) FROM hold_check h WHERE h.pusher = t.id) AS pending,"
                     " r.retired_at, r.reason AS retired_reason FROM terminal t JOIN village v ON v.id = t.village_id"
                     f" LEFT JOIN terminal_retired r ON r.terminal_id = t.id {where} ORDER BY v.name, t.number",
                     params)


def terminal_in(conn: sqlite3.Connection, terminal_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM terminal WHERE id = ?", (terminal_id,)).fetchone()


def add_terminal(conn: sqlite3.Connection, *, terminal_id: str, village_id: str, name: str, number: int,
                 enrolled_at: str) -> None:
    """A new terminal of a village, with a new secret nobody else knows."""
    conn.execute("INSERT INTO terminal (id, village_id, name, secret, enrolled_at, number)"
                 " VALUES (?, ?, ?, ?, ?, ?)",
                 (terminal_id, village_id, name, secrets.token_hex(32), enrolled_at, number))


def high_water(conn: sqlite3.Connection, terminal_id: str) -> int:
    return conn.execute("SELECT high_water FROM terminal WHERE id = ?", (terminal_id,)).fetchone()[0]


def high_water_or_none(conn: sqlite3.Connection, terminal_id: str) -> int | None:
    row = conn.execute("SELECT high_water FROM terminal WHERE id = ?", (terminal_id,)).fetchone()
    return None if row is None else row[0]


def pushed(conn: sqlite3.Connection, terminal_id: str, high_water: int, at: str) -> None:
    conn.execute("UPDATE terminal SET high_water = ?, last_contact = ? WHERE id = ?", (high_water, at, terminal_id))


def note_contacts(conn: sqlite3.Connection, stamps: dict[str, str]) -> None:
    """Last contacts, {terminal id: stamp}, in the caller's transaction (SQLite: kiosk.township.contact_notes)."""
    conn.executemany("UPDATE terminal SET last_contact = ? WHERE id = ? AND (last_contact IS NULL OR last_contact < ?)",
                     [(at, key, at) for key, at in stamps.items()])   # a note never takes a later one back


def retire(conn: sqlite3.Connection, terminal_id: str, at: str, by: str, reason: str) -> None:
    """A lost or stolen counter: its secret becomes one nobody knows, so all it signs is refused."""
    conn.execute("UPDATE terminal SET secret = ? WHERE id = ?", (secrets.token_hex(32), terminal_id))
    conn.execute("INSERT INTO terminal_retired (terminal_id, retired_at, retired_by, reason) VALUES (?, ?, ?, ?)",
                 (terminal_id, at, by, reason))


# incidents

def incidents_with_names(store: Any) -> list:
    """Every incident, oldest first, with its village's and terminal's names."""
    return store.all(f"{_WITH_NAMES} ORDER BY created_at, id")


def open_incidents_with_names(store: Any, village_id: str | None) -> list:
    where, params = (" AND village_id = ?", (village_id,)) if village_id else ("", ())
    return store.all(f"{_WITH_NAMES} WHERE resolved_at IS NULL{where} ORDER BY created_at, id", params)


def open_incidents_per_village(store: Any) -> dict:
    return {r["village_id"]: r["n"] for r in store.all(
        "SELECT village_id, COUNT(*) AS n FROM incident WHERE resolved_at IS NULL GROUP BY village_id")}


def incident_by_id(store_or_conn: Any, incident_id: str) -> Any:
    sql = "SELECT * FROM incident WHERE id = ?"
    if hasattr(store_or_conn, "one"):
        return store_or_conn.one(sql, (incident_id,))
    return store_or_conn.execute(sql, (incident_id,)).fetchone()


def open_incident(conn, incident_id: str) -> Any:
    """The incident a clerk acts on; refused when there is none by that id or it is resolved already."""
    row = incident_by_id(conn, incident_id)
    if row is None:
        raise TownshipRefused("incident_unknown", id=incident_id)
    if row["resolved_at"] is not None:
        raise TownshipRefused("incident_resolved", id=incident_id)
    return row


def open_incident_coded(conn, terminal_id: str, kind: str, code: str) -> bool:
    """Whether this terminal has an open incident of this kind whose detail names `code`."""
    return conn.execute("SELECT 1 FROM incident WHERE terminal_id = ? AND kind = ? AND resolved_at IS NULL"
                        " AND detail LIKE ? LIMIT 1", (terminal_id, kind, f'%"{code}"%')).fetchone() is not None


def resolve_incident(conn: sqlite3.Connection, incident_id: str, at: str, note: str) -> None:
    conn.execute("UPDATE incident SET resolved_at = ?, note = ? WHERE id = ?", (at, note, incident_id))


def open_overdrafts(store: Any, village_id: str) -> list:
    """(account_id, detail, created_at) of the village's open overdraft incidents, oldest first."""
    return store.all("SELECT account_id, detail, created_at FROM incident WHERE kind = 'overdraft'"
                     " AND village_id = ? AND resolved_at IS NULL ORDER BY created_at", (village_id,))


# balances

def balances(store: Any, village_id: str, order: str = "") -> list:
    """(account_id, hundredths, earned) of every account of the village; `order` one of '', 'account',
    'earned' (the ranking)."""
    by = {"": "", "account": " ORDER BY account_id", "earned": " ORDER BY earned DESC, account_id"}[order]
    return store.all(f"SELECT account_id, hundredths, earned FROM account_balance WHERE village_id = ?{by}",
                     (village_id,))
