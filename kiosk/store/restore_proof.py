"""The proof that books gone back are a copy of what the township stored (kiosk/core/record_link.py).

Books that went back ask the township for a new identity (kiosk.sync.rollback). They show, worked
out from the records they hold now, their proof link over the old terminal's records 1 … k, k the
last record these books know the township acknowledged: the same bound that decides which records
are carried to the new identity and sent again (kiosk.store.identity.renew). So a record changed
behind the program is either inside the proof (another link: refused) or sent again under the new
identity (the township holds its id with another body: a conflict), never neither. The link kept
in the chain of the records sent (kiosk/store/record_chain.py) is not what is shown: it was worked
out when the records were sent, and says nothing of what the books hold today. A record that never
changes is rendered again from its rows, as the outbox renders it (the village named as the
township names it); records the township refused (sync_reject) are left out on both sides.
"""

from __future__ import annotations

import hashlib

from kiosk.core.canonical import canonical
from kiosk.core.record_link import VERSIONED, proof_link
from kiosk.store.bodies import plain_bodies


def proof(conn) -> dict | None:
    """{"seq": k, "link"} for the identity the books number under now, before it is replaced; None
    when they cannot tell: not enrolled, or the terminal's first records numbered under an earlier
    identity (a township without POST /v1/reidentify numbered them on)."""
    row = conn.execute("SELECT terminal_id, village_id, local_terminal_id, seq_base, pushed_high_water"
                       " FROM sync_state WHERE id = 1").fetchone()
    if row is None or not row[0] or not row[2]:
        return None
    township_id, village_id, local_id, base, k = row
    if k <= 0:
        return {"seq": 0, "link": proof_link(())}
    if base != 0:
        return None
    return {"seq": k, "link": proof_link(_rows(conn, township_id, village_id, local_id, k))}


def _rows(conn, township_id: str, village_id: str | None, local_id: str, k: int) -> list[tuple]:
    journal = conn.execute("SELECT seq, record_type, record_id FROM journal WHERE terminal_id = ? AND seq <= ?"
                           " AND seq NOT IN (SELECT seq FROM sync_reject WHERE terminal_id = ?) ORDER BY seq",
                           (local_id, k, township_id)).fetchall()
    fixed: dict[str, list[str]] = {}
    for _, record_type, record_id in journal:
        if record_type not in VERSIONED:
            fixed.setdefault(record_type, []).append(record_id)
    hashes = {(kind, key): _sha256(body, village_id)
              for kind, ids in fixed.items() for key, body in plain_bodies(conn, kind, ids).items()}
    return [(seq, kind, key, hashes.get((kind, key), "")) for seq, kind, key in journal]


def _sha256(body: dict, village_id: str | None) -> str:
    if village_id and "village_id" in body:
        body["village_id"] = village_id
    return hashlib.sha256(canonical(body)).hexdigest()
