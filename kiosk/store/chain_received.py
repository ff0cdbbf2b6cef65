"""Rows of the books that came from another counter or the township, in `kiosk check`.

This counter does not chain another counter's sales and entries as its own: their own
counter did. What it chains is the record as it came (sync_remote, type 'received' in the
books' chain, migration 0030), so a forged or edited received record breaks the chain or is
not in it. A row of the books that is there only because another counter sent it must then
be what that counter sent: the same account, points and kind (a stock move: product and
quantity), in a received record of its own or in the body of the received sale or refund
it belongs to. Otherwise one forged sync_remote row, and the balance cache fixed by hand,
would pass off a forged award as another counter's.
"""

from __future__ import annotations

from kiosk.core.entry_record import COLUMNS as ENTRY_COLUMNS
from kiosk.store.chain import BY_TYPE
from kiosk.store import chain_milestone

RECEIVED = "received"
APPLIED = "received_applied"
# An entry's references to records this counter may not hold: applied as NULL then
# (kiosk/sync/apply_rows.py insert_entry), so NULL or what was sent; its note, '' for none.
NULL_WHEN_UNKNOWN = ("resident_id", "rule_id", "claim_id", "reverses_id")
# Of those, the ones whose record is chained here under its own id, whoever made it: NULL only
# when that record was not held when the received record was applied (the chain's order says
# so). An entry reversed may be one a received sale carried, chained under the sale's id: NULL
# or what was sent, as before.
HELD_WHEN_APPLIED = {"resident_id": "resident", "rule_id": "rule", "claim_id": "claim"}
# What a received row must still say as it was sent. An entry: every column, since its dates,
# rule and resident decide expiry (oldest first), a year's grade, a rule's cap and a repeated
# deduction's doubling as much as its points do.
SAME = {"entry": tuple(column for column in ENTRY_COLUMNS if column != "id"),
        "stock_move": ("product_id", "qty", "kind"),
        "sale": ("account_id", "total"),
        "refund": ("sale_id", "total")}
# Where a received sale's or refund's body carries its rows (kiosk/store/bodies.py).
CARRIED = {"entry": ("entry", False), "stock_move": ("stock_moves", True)}


def unchained(conn, kind: str = RECEIVED) -> list[str]:
    """Ids of received records (with `kind` APPLIED: of those marked applied) the chain does not
    hold. As many distinct ids chained as there are rows means none: the links prove each
    chained one is there as it came (and, applied, still says so)."""
    applied = " AND r.applied = 1" if kind == APPLIED else ""
    rows = conn.execute(f"SELECT COUNT(*) FROM sync_remote r WHERE 1{applied}").fetchone()[0]
    chained = conn.execute(f"SELECT COUNT(DISTINCT record_id) FROM chain WHERE record_type = ? AND {BY_TYPE}",
                           (kind,)).fetchone()[0]
    if rows == chained:
        return []
    return [row[0] for row in conn.execute(
        "SELECT id FROM sync_remote r WHERE NOT EXISTS (SELECT 1 FROM chain c WHERE c.record_type = ?"
        f" AND c.{BY_TYPE} AND c.record_id = r.id){applied} ORDER BY rowid", (kind,)).fetchall()]


def as_sent_sql(table: str, parents: tuple[str, ...]) -> str:
    """SQL: row t of `table` came from another counter as it is now, by a record of its own
    or in the body of the received record it names in one of `parents` (sale_id, refund_id)."""
    same = _same(table, "r.body", "$")
    known = [f"EXISTS (SELECT 1 FROM sync_remote r WHERE r.id = t.id AND r.type = '{table}'"
             f" AND r.applied = 1 AND {same})",
             f"EXISTS (SELECT 1 FROM sync_remote r WHERE r.type = '{table}' AND r.applied = 1"
             f" AND json_extract(r.body, '$.id') = t.id AND {same})"]
    if table in CARRIED:
        known += [_carried_sql(table, column) for column in parents if column in ("sale_id", "refund_id")]
    return "(" + " OR ".join(known) + ")"


def _carried_sql(table: str, column: str) -> str:
    parent = column.removesuffix("_id")
    part, many = CARRIED[table]
    if many:
        return (f"EXISTS (SELECT 1 FROM sync_remote r, json_each(r.body, '$.{part}') m WHERE r.id = t.{column}"
                f" AND r.type = '{parent}' AND r.applied = 1 AND json_extract(m.value, '$.id') = t.id"
                f" AND {_same(table, 'm.value', '$')})")
    return (f"EXISTS (SELECT 1 FROM sync_remote r WHERE r.id = t.{column} AND r.type = '{parent}'"
            f" AND r.applied = 1 AND json_extract(r.body, '$.{part}.id') = t.id AND {_same(table, 'r.body', f'$.{part}')})")


def _same(table: str, body: str, path: str) -> str:
    return " AND ".join(_same_column(table, column, f"json_extract({body}, '{path}.{column}')")
                        for column in SAME[table])


def _same_column(table: str, column: str, sent: str) -> str:
    if table == "entry" and column in HELD_WHEN_APPLIED:
        return f"(t.{column} IS {sent} OR (t.{column} IS NULL AND NOT {_held_when_applied(column, sent)}))"
    if table == "entry" and column in NULL_WHEN_UNKNOWN:
        return f"(t.{column} IS NULL OR t.{column} IS {sent})"
    if table == "entry" and column == "note":
        return f"t.note IS COALESCE({sent}, '')"
    return f"{sent} IS t.{column}"


def _held_when_applied(column: str, sent: str) -> str:
    """SQL: the record `sent` names is held here, and was before received record r was applied
    (its chain row comes before r's last 'received' or 'received_applied' row, itself after the
    chain's milestone: 0030 chained the records received before it in one batch, after every
    rule they name): applying r then filled the reference in (kiosk/sync/apply_rows.py)."""
    kind = HELD_WHEN_APPLIED[column]
    applied_at = (f"(SELECT MAX(a.position) FROM chain a WHERE a.record_type IN ('{RECEIVED}', '{APPLIED}')"
                  f" AND a.{BY_TYPE} AND a.record_id = r.id)")
    return (f"(EXISTS (SELECT 1 FROM {kind} h WHERE h.id = {sent})"
            f" AND {applied_at} > {chain_milestone.POSITION_SQL}"
            f" AND EXISTS (SELECT 1 FROM chain k WHERE k.record_type = '{kind}' AND k.{BY_TYPE}"
            f" AND k.record_id = {sent} AND k.position < {applied_at}))")


def entries_gone(conn) -> list[tuple[str, str]]:
    """(id, body as sent) of entries a received record brought in (applied) that the books no
    longer have: another counter's redeem deleted here puts its points back on the account."""
    return [(row[0], row[1]) for row in conn.execute(
        "SELECT e_id, e_body FROM (SELECT rowid AS n, json_extract(body, '$.id') AS e_id, body AS e_body"
        "  FROM sync_remote WHERE type = 'entry' AND applied = 1"
        " UNION ALL SELECT rowid, json_extract(body, '$.entry.id'), json_extract(body, '$.entry') FROM sync_remote"
        "  WHERE type IN ('sale', 'refund') AND applied = 1)"
        " WHERE e_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entry WHERE id = e_id) ORDER BY n").fetchall()]


def received_body(conn, record_id: str) -> tuple[str, str, str] | None:
    """(type, body, sending terminal) of a received record."""
    row = conn.execute("SELECT type, body, terminal_id FROM sync_remote WHERE id = ?", (record_id,)).fetchone()
    return None if row is None else (row[0], row[1], row[2])
