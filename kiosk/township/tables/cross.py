"""cross_redeem and cross_refused, and the reads of a home village's records a cross-village look-up needs
(kiosk/township/cross.py): its residents and accounts by their latest version, the rates, the
merged balance, and the savepoint a refused look-up is rolled back to."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

_LATEST = " ORDER BY commit_no DESC LIMIT 1"


def _latest(conn: sqlite3.Connection, sql: str, params: tuple) -> dict | None:
    row = conn.execute(sql + _LATEST, params).fetchone()
    return None if row is None else {**json.loads(row["body"]), "_village": row["village_id"]}


def resident_ids_with_card(conn: sqlite3.Connection, village_id: str, card: str) -> list[str]:
    """Every resident of the village any version of whom carried this card."""
    return [row["rid"] for row in conn.execute(
        "SELECT DISTINCT json_extract(body, '$.id') AS rid FROM record WHERE type = 'resident'"
        " AND village_id = ? AND json_extract(body, '$.card_code') = ?", (village_id, card))]


def latest_resident(conn: sqlite3.Connection, village_id: str, resident_id: str) -> dict | None:
    return _latest(conn, "SELECT body, village_id FROM record WHERE type = 'resident'"
                         " AND json_extract(body, '$.id') = ? AND village_id = ?", (resident_id, village_id))


def latest_account_of_resident(conn: sqlite3.Connection, village_id: str, resident_id: str) -> dict | None:
    return _latest(conn, "SELECT body, village_id FROM record WHERE type = 'account'"
                         " AND json_extract(body, '$.resident_id') = ? AND village_id = ?", (resident_id, village_id))


def latest_account_of_household(conn: sqlite3.Connection, village_id: str, household_id: object) -> dict | None:
    return _latest(conn, "SELECT body, village_id FROM record WHERE type = 'account'"
                         " AND json_extract(body, '$.household_id') = ? AND village_id = ?", (household_id, village_id))


def rates_newest_first(conn: sqlite3.Connection) -> Iterator[dict]:
    """The bodies of every published rate, the latest first."""
    for row in conn.execute("SELECT body FROM record WHERE type = 'rate' ORDER BY commit_no DESC"):
        yield json.loads(row["body"])


def village_by_id(conn: sqlite3.Connection, village_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM village WHERE id = ?", (village_id,)).fetchone()


def merged_balance(conn: sqlite3.Connection, village_id: str, account_id: str) -> int:
    row = conn.execute("SELECT hundredths FROM account_balance WHERE village_id = ? AND account_id = ?",
                       (village_id, account_id)).fetchone()
    return row[0] if row else 0


def begin_look(conn: sqlite3.Connection) -> None:
    conn.execute("SAVEPOINT look")


def undo_look(conn: sqlite3.Connection) -> None:
    conn.execute("ROLLBACK TO look")


def end_look(conn: sqlite3.Connection) -> None:
    conn.execute("RELEASE look")


def stored_redemption(conn: sqlite3.Connection, redemption_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM cross_redeem WHERE id = ?", (redemption_id,)).fetchone()


def stored_refusal(conn: sqlite3.Connection, redemption_id: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM cross_refused WHERE id = ?", (redemption_id,)).fetchone()


def keep_refusal(conn: sqlite3.Connection, *, redemption_id: str, terminal: sqlite3.Row, home_village_id: object,
                 card: str, amount: int, status: int, code: str, params: dict, at: str) -> None:
    home = home_village_id if isinstance(home_village_id, str) else None
    conn.execute("INSERT INTO cross_refused (id, terminal_id, village_id, home_village_id, card, amount, status,"
                 " code, params, at) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO NOTHING",   # the same id, asked twice at once
                 (redemption_id, terminal["id"], terminal["village_id"], home, card, amount, status, code,
                  json.dumps(params, ensure_ascii=False), at))


def keep_redemption(conn: sqlite3.Connection, *, redemption_id: str, terminal: sqlite3.Row, visitor: dict, card: str,
                    amount: int, home_amount: int, summary: object, answer: dict, at: str) -> None:
    conn.execute("INSERT INTO cross_redeem (id, terminal_id, village_id, home_village_id, card, account_id,"
                 " amount, home_amount, rate, summary, answer, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                 (redemption_id, terminal["id"], terminal["village_id"], visitor["home_village_id"], card,
                  visitor["account_id"], amount, home_amount, visitor["rate"],
                  json.dumps(summary, ensure_ascii=False), json.dumps(answer, ensure_ascii=False), at))
