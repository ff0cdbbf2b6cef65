"""A new terminal identity for books that went back in time, and the note of what happened.

When this PC's database goes back in time (a lost WAL after a power cut, a restored backup, an
old copy put back), the journal of its identity no longer matches what the township holds under
it: the next records would reuse sequence numbers (and receipt numbers) the township already
has. So the books go on under a new local identity (`take_new_identity`), and every record of
the old identity the township may not hold yet (after `safe_after`, the last seq these books
know the township acknowledged) is journaled again under the new one, to be pushed with it. A
record the township already had comes back as a duplicate (same id) or as one more version of a
resident or product, which last-writer-wins settles.

The note (`meta` key `sync.heal`, JSON) says what happened, for `kiosk sync status` and the
同步 screen: why, when, the old terminal number and, once the township has given the new
identity, the new number and the township's old terminal id (whose records come back by pull);
and what the proof that these books are a copy covers (`proof`: the old identity and a, the last of
its records known acknowledged, where the link stops; kiosk/store/restore_proof.py), the proof itself worked out again at each asking.
"""

from __future__ import annotations

import json
import sqlite3

from kiosk.store import journal, restore_proof, sync_state
from kiosk.store.db import Database
from kiosk.store.village import take_new_identity

NOTE_KEY = "sync.heal"
REASONS = ("rollback", "restore")


def renew(conn: sqlite3.Connection, *, new_id: str, at: str, reason: str) -> str:
    """Take a new local identity and carry over what may be unsent; returns the old local id.

    Call it before anything writes the township's high water into sync_state: what these
    books themselves say was acknowledged is what is known to be at the township."""
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {REASONS}, not {reason!r}")
    number = conn.execute("SELECT t.number FROM terminal t JOIN meta m ON m.key = 'terminal_id'"
                          " AND m.value = t.id").fetchone()
    township_terminal = conn.execute("SELECT terminal_id FROM sync_state WHERE id = 1").fetchone()[0]
    safe_after = _acknowledged(conn)
    local = conn.execute("SELECT value FROM meta WHERE key = 'terminal_id'").fetchone()[0]
    covered = restore_proof.bounds(conn, local, safe_after)
    old = take_new_identity(conn, new_id=new_id, at=at)
    carried = conn.execute("SELECT record_type, record_id FROM journal WHERE terminal_id = ? AND seq > ?"
                           " ORDER BY seq", (old, safe_after)).fetchall()
    journal.record_many(conn, new_id, [(row[0], row[1]) for row in carried])
    write_note(conn, {"reason": reason, "at": at, "old_number": number[0] if number else None,
                      "old_terminal": township_terminal, "carried": len(carried), "done_at": None,
                      "new_number": None, **({"proof": covered} if covered is not None else {})})
    return old


def _acknowledged(conn: sqlite3.Connection) -> int:
    """The last seq of the current identity these books know the township holds.

    This identity never synced yet (a restore not yet followed by a sync): nothing, so every
    record is carried and none is left behind. Not enrolled: all of it (nothing is carried;
    enrolment pushes only the identity of that day, as for any PC)."""
    local = conn.execute("SELECT value FROM meta WHERE key = 'terminal_id'").fetchone()[0]
    row = conn.execute("SELECT local_terminal_id, secret, pushed_high_water - seq_base FROM sync_state"
                       " WHERE id = 1").fetchone()
    if not row[1]:
        return conn.execute("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal_id = ?", (local,)).fetchone()[0]
    return max(0, row[2]) if row[0] == local else 0


def write_note(conn: sqlite3.Connection, note: dict) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                 (NOTE_KEY, json.dumps(note, ensure_ascii=False, sort_keys=True)))


def clear_note(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", (NOTE_KEY,))


def read_note(db_or_conn) -> dict | None:
    row = db_or_conn.execute("SELECT value FROM meta WHERE key = ?", (NOTE_KEY,)).fetchone()
    if row is None:
        return None
    try:
        note = json.loads(row[0])
    except ValueError:
        return None
    return note if isinstance(note, dict) else None


def set_number(conn: sqlite3.Connection, number: int) -> None:
    """The terminal number the township gave this PC's current identity (receipts, deliveries)."""
    conn.execute("UPDATE terminal SET number = ? WHERE id = (SELECT value FROM meta WHERE key = 'terminal_id')",
                 (number,))


def journal_row(db: Database, terminal_id: str, seq: int) -> sqlite3.Row | None:
    return db.one("SELECT record_type, record_id FROM journal WHERE terminal_id = ? AND seq = ?",
                  (terminal_id, seq))


def pulled_back(db: Database, township_terminal: str) -> int:
    """How many records of the old identity came back from the township."""
    return db.scalar("SELECT COUNT(*) FROM sync_remote WHERE terminal_id = ?", (township_terminal,))


def receipts_marked(db: Database, mark: str) -> list[str]:
    """Receipt numbers of sales that came back under a number this PC had given again."""
    rows = db.all("SELECT receipt FROM sale WHERE receipt LIKE ? ORDER BY receipt", ("%" + mark,))
    return [row[0][: -len(mark)] for row in rows]


def chain_lost(db: Database, position: int, link: str) -> bool:
    """The books are older than a chain head the township kept: they remember township heads, all
    before it, and no longer give it (shorter, or another link there). Books that remember that
    head, or none although they synced (online, or a reply by stick), and differ there were
    rewritten: the anchor exchange finds and reports that, never healed away. An unsealed row
    cannot tell, and is not taken for a loss."""
    kept = db.scalar("SELECT MAX(position) FROM chain_anchor WHERE source = 'township'")
    if kept is None and _synced(db):
        return False
    if kept is not None and kept >= position:
        return False
    row = db.one("SELECT link_hash FROM chain WHERE position = ?", (position,))
    if row is None:
        return True
    return row[0] is not None and row[0] != link


def _synced(db: Database) -> bool:
    return (db.scalar("SELECT last_ok_at FROM sync_state WHERE id = 1") is not None
            or sync_state.last_reply_at(db) is not None)


def this_terminal(db: Database) -> sqlite3.Row:
    """This PC's terminal row (id, village_id, name, number) and its village's name."""
    return db.one("SELECT t.id, t.village_id, t.name, t.number, v.name AS village FROM terminal t"
                  " JOIN meta m ON m.key = 'terminal_id' AND m.value = t.id JOIN village v ON v.id = t.village_id")
