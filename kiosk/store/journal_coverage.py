"""Records that move points or goods and are in neither this PC's journal nor what another counter
sent: written into the file around the program (or their journal row deleted since).

A row the journal does not list never goes to the township, so the books' chain alone cannot
show it to anyone outside: one forged with its chain row sealed by the chain's public rule, after
the last head the township saw, extends that head; and a rewritten record whose journal row is
deleted drops out of what a copy put back proves (kiosk/store/restore_proof.py). `kiosk check`
names them."""

from __future__ import annotations

from kiosk.store.chain_received import as_sent_sql

# (table, the parents a row of it may have come inside from another counter)
JOURNALED = (("entry", ("sale_id", "refund_id")),
             ("sale", ()),
             ("refund", ("sale_id",)),
             ("stock_move", ("sale_id", "refund_id")))


def unjournaled(conn, table: str, parents: tuple[str, ...]) -> list[str]:
    """Ids of the table's rows the journal does not list and no other counter sent as they are."""
    return [row[0] for row in conn.execute(
        f"SELECT t.id FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.record_id = t.id)"
        f" AND NOT {as_sent_sql(table, parents)} ORDER BY t.rowid").fetchall()]
