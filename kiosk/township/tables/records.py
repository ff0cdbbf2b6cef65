"""Reads of the record table beyond the Store's own (which inserts and publishes): what a push
already holds, a pull's page, and what the console, reidentify and folds read back."""

from __future__ import annotations

import json
from typing import Any

HIGH_WATER = "SELECT high_water FROM terminal WHERE id = ?"
HELD_BY_ID = "SELECT id, sha256 FROM record WHERE id IN ({marks})"
HELD_BY_SEQ = "SELECT seq, id FROM record WHERE terminal_id = ? AND seq IN ({marks})"
# PostgreSQL: one JSON array each, made an array once (a long IN list is slow to plan there, and an
# array parameter is dumped value by value in Python)
HELD_BY_ID_ARRAY = "SELECT id, sha256 FROM record WHERE id = ANY(ARRAY(SELECT json_array_elements_text(?::json)))"
HELD_BY_SEQ_ARRAY = ("SELECT seq, id FROM record WHERE terminal_id = ?"
                     " AND seq = ANY(ARRAY(SELECT json_array_elements_text(?::json)::bigint))")

# Two ranges of the record_village index (the village's own, then what is published for
# all), merged in commit order: an OR of the two would sort every later row before LIMIT.
_PULL_COLUMNS = "SELECT commit_no, id, terminal_id, seq, type, body, sha256 FROM record"
PULL_SQL = (f"{_PULL_COLUMNS} WHERE village_id = ? AND commit_no > ? AND terminal_id != ?"
            f" UNION ALL {_PULL_COLUMNS} WHERE village_id IS NULL AND commit_no > ? AND terminal_id != ?"
            " ORDER BY commit_no LIMIT ?")
# PostgreSQL: each range cut to the page on its own, so the planner walks both in commit order and
# merges them (Merge Append) instead of sorting a village's whole history first (a new PC's first
# page on 3 million records: 166 ms before, a few ms now).
PULL_SQL_PG = (f"({_PULL_COLUMNS} WHERE village_id = ? AND commit_no > ? AND terminal_id != ? ORDER BY commit_no LIMIT ?)"
               f" UNION ALL ({_PULL_COLUMNS} WHERE village_id IS NULL AND commit_no > ? AND terminal_id != ?"
               " ORDER BY commit_no LIMIT ?) ORDER BY commit_no LIMIT ?")


def held(conn: Any, tid: str, ids: list[str], seqs: list[int], *also: tuple[str, tuple]) -> tuple:
    """The terminal's high water; what the township already holds under these ids (their hashes)
    and under this terminal's seqs (their ids); then the first row (or None) of each further read
    in `also` ((sql, params) pairs). One query of each per 500 records (PostgreSQL: all in one
    round trip)."""
    hashes: dict[str, str] = {}
    by_seq: dict[int, str] = {}
    if conn.dialect == "postgresql":
        with conn.batch():
            water = conn.execute(HIGH_WATER, (tid,))
            by_id = conn.execute(HELD_BY_ID_ARRAY, (json.dumps(ids),))
            seq_rows = conn.execute(HELD_BY_SEQ_ARRAY, (tid, json.dumps(seqs)))
            more = [conn.execute(sql, params) for sql, params in also]
        hashes.update(by_id.fetchall())
        by_seq.update(seq_rows.fetchall())
        return water.fetchone()[0], hashes, by_seq, *(cursor.fetchone() for cursor in more)
    high_water = conn.execute(HIGH_WATER, (tid,)).fetchone()[0]
    for start in range(0, len(ids), 500):
        id_chunk, seq_chunk = ids[start:start + 500], seqs[start:start + 500]
        marks = ",".join("?" * len(id_chunk))
        hashes.update(conn.execute(HELD_BY_ID.format(marks=marks), id_chunk).fetchall())
        by_seq.update(conn.execute(HELD_BY_SEQ.format(marks=marks), [tid, *seq_chunk]).fetchall())
    return high_water, hashes, by_seq, *(conn.execute(sql, params).fetchone() for sql, params in also)


def top_commit(store: Any) -> int:
    return store.one("SELECT COALESCE(MAX(commit_no), 0) FROM record")[0]


def top_commit_of_village(store: Any, village_id: str) -> int:
    return store.one("SELECT COALESCE(MAX(commit_no), 0) FROM record WHERE village_id = ?", (village_id,))[0]


def pull_page(store: Any, village_id: str, since: int, terminal_id: str, limit: int) -> list:
    """Up to `limit` records after `since` for the village (its own and those published for all),
    never the terminal's own, in commit order."""
    if store.dialect == "postgresql":
        return store.all(PULL_SQL_PG, (village_id, since, terminal_id, limit, since, terminal_id, limit, limit))
    return store.all(PULL_SQL, (village_id, since, terminal_id, since, terminal_id, limit))


def id_and_key_at(store: Any, terminal_id: str, seq: int) -> Any:
    """(record id, the row id inside its body) of a terminal's record at a seq, or None."""
    return store.one("SELECT id, COALESCE(json_extract(body, '$.id'), json_extract(body, '$.product_id'))"
                     " FROM record WHERE terminal_id = ? AND seq = ?", (terminal_id, seq))


# what the console reads back (kiosk/township/console)

def published_by(store: Any, terminal_id: str, record_type: str) -> list:
    """(body, received_at) of one terminal's records of a type, oldest first (the township's own:
    its rules, goods, prices)."""
    return store.all("SELECT body, received_at FROM record WHERE type = ? AND terminal_id = ?"
                     " ORDER BY commit_no", (record_type, terminal_id))


def published_by_newest_first(store: Any, terminal_id: str, record_type: str) -> list:
    """(body, village_id, received_at) of one terminal's records of a type, the latest first."""
    return store.all("SELECT body, village_id, received_at FROM record WHERE type = ? AND terminal_id = ?"
                     " ORDER BY commit_no DESC", (record_type, terminal_id))


def of_village_not_by(store: Any, village_id: str, record_type: str, terminal_id: str) -> list:
    """(body, received_at) of a village's records of a type not written by this terminal, oldest first."""
    return store.all("SELECT body, received_at FROM record WHERE village_id = ? AND type = ?"
                     " AND terminal_id != ? ORDER BY commit_no", (village_id, record_type, terminal_id))


def of_village(store: Any, village_id: str, record_type: str) -> list:
    """(body) of a village's records of a type, oldest first."""
    return store.all("SELECT body FROM record WHERE village_id = ? AND type = ? ORDER BY commit_no",
                     (village_id, record_type))


def of_village_with_counter(store: Any, village_id: str, record_type: str) -> list:
    """(body, counter) of a village's records of a type, oldest first; counter: the sending terminal's name."""
    return store.all("SELECT r.body, COALESCE(t.name, '') AS counter FROM record r"
                     " LEFT JOIN terminal t ON t.id = r.terminal_id WHERE r.village_id = ? AND r.type = ?"
                     " ORDER BY r.commit_no", (village_id, record_type))


def of_village_newest_first(store: Any, village_id: str, record_type: str) -> list:
    """(body, received_at) of a village's records of a type, the latest first."""
    return store.all("SELECT body, received_at FROM record WHERE village_id = ? AND type = ?"
                     " ORDER BY commit_no DESC", (village_id, record_type))


def of_village_after(store: Any, village_id: str, record_type: str, after: int) -> list:
    """(commit_no, body) of a village's records of a type committed after `after`, in commit order."""
    return store.all("SELECT commit_no, body FROM record WHERE village_id = ? AND type = ? AND commit_no > ?"
                     " ORDER BY commit_no", (village_id, record_type, after))


def for_everyone(store: Any, record_type: str) -> list:
    """(body) of the records of a type published for every village."""
    return store.all("SELECT body FROM record WHERE village_id IS NULL AND type = ?", (record_type,))


def of_village_and_everyone(store: Any, village_id: str, record_type: str) -> list:
    """(body) of a type's records of the village and those published for all, oldest first."""
    return store.all("SELECT body FROM record WHERE type = ? AND (village_id = ? OR village_id IS NULL)"
                     " ORDER BY commit_no", (record_type, village_id))


def of_any_village_newest_first(store: Any, record_type: str) -> list:
    """(body, received_at) of every record of a type, the latest first."""
    return store.all("SELECT body, received_at FROM record WHERE type = ? ORDER BY commit_no DESC", (record_type,))


def entries_received_since(store: Any, village_id: str, since: str) -> list:
    """(id, body, received_at) of a village's entries received since `since`, the latest first."""
    return store.all("SELECT id, body, received_at FROM record WHERE type = 'entry' AND received_at >= ?"
                     " AND village_id = ? ORDER BY commit_no DESC", (since, village_id))


def entry_body(store: Any, village_id: str, record_id: str) -> Any:
    return store.one("SELECT body FROM record WHERE id = ? AND village_id = ? AND type = 'entry'",
                     (record_id, village_id))


def first_entry_commit_since(store: Any, since: str) -> int | None:
    return store.one("SELECT MIN(commit_no) FROM record WHERE type = 'entry' AND received_at >= ?", (since,))[0]


def entries_after(store: Any, after: int) -> list:
    """(commit_no, village_id, body) of every entry committed after `after`, in commit order."""
    return store.all("SELECT commit_no, village_id, body FROM record WHERE type = 'entry' AND commit_no > ?"
                     " ORDER BY commit_no", (after,))
