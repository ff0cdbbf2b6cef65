"""Terminal numbers: each counter of a village gets its own small number (1, 2, 3 …) at enrolment.

The number goes into the counter's receipt numbers (261103-02-0007), delivery numbers
(RK261103-02-001) and card-code range, so two counters of one village never hand out the same
one. The township is the only place that sees every counter of a village, so it hands them out.

A counter asks for the number it already has: it keeps it when no other counter of the village
holds it (a first PC stays 1), otherwise it gets the smallest free one (a PC set up from another
one's backup asked for that one's number, and gets a new one).

Township databases from before numbers: the column is added on open and every terminal's
number is read back from the receipts and delivery notes it already pushed. A terminal that
pushed neither keeps NULL and is taken to hold 1, the number every counter had before.
Those counters themselves are not renumbered: they keep the number they have.
"""

from __future__ import annotations

import re
import sqlite3

from kiosk.township.words import TownshipRefused

LOWEST, HIGHEST = 1, 99                  # the terminal's own table allows 1..99
ASSUMED = 1                              # what a counter from before numbers has
_RECEIPT = re.compile(r"\d{6}-(\d{2})-\d{4}$")
_DELIVERY = re.compile(r"^RK\d{6}-(\d{2})-\d+$")


def upgrade(conn: sqlite3.Connection) -> None:
    """Add terminal.number to a township database made before it; idempotent."""
    columns = {row[1] for row in conn.execute("PRAGMA table_info(terminal)")}
    if "number" in columns:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"ALTER TABLE terminal ADD COLUMN number INTEGER CHECK (number BETWEEN {LOWEST} AND {HIGHEST})")
        for (terminal_id,) in conn.execute("SELECT id FROM terminal").fetchall():
            conn.execute("UPDATE terminal SET number = ? WHERE id = ?", (number_in_use(conn, terminal_id), terminal_id))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def number_in_use(conn: sqlite3.Connection, terminal_id: str) -> int | None:
    """The number a terminal wrote into its last pushed receipt or delivery note, if any."""
    for record_type, field, pattern in (("sale", "$.receipt", _RECEIPT), ("delivery", "$.number", _DELIVERY)):
        row = conn.execute("SELECT json_extract(body, ?) FROM record WHERE terminal_id = ? AND type = ?"
                           " ORDER BY seq DESC LIMIT 1", (field, terminal_id, record_type)).fetchone()
        match = pattern.search(row[0]) if row and isinstance(row[0], str) else None
        if match and LOWEST <= int(match.group(1)) <= HIGHEST:
            return int(match.group(1))
    return None


def hand_out(conn: sqlite3.Connection, village_id: str, wanted: int | None) -> int:
    """The number for a new terminal of the village: `wanted` if free, else the smallest free."""
    taken = {row[0] if row[0] is not None else ASSUMED
             for row in conn.execute("SELECT number FROM terminal WHERE village_id = ?", (village_id,))}
    if wanted is not None and LOWEST <= wanted <= HIGHEST and wanted not in taken:
        return wanted
    free = next((n for n in range(LOWEST, HIGHEST + 1) if n not in taken), None)
    if free is None:
        raise TownshipRefused("numbers_full", 409, highest=HIGHEST)
    return free
