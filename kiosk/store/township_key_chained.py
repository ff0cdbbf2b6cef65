"""The township's public key in the books' chain (migration 0033): chained as it is learnt or
changed, id "1", its body the key and whether this township has been seen to sign (township_signs)
(kiosk/store/chain.py bodies_of). The counter verifies the township's word with the key and flag
the chain holds (`trusted`), never with the table alone: a key or flag changed, deleted or put
back with sqlite3 changes nothing it trusts, and `kiosk check` finds the table unlike the chain."""

from __future__ import annotations

import json

from kiosk.core.canonical import canonical_text

TOWNSHIP_KEY = "township_key"


def township_key_bodies(conn, ids: list[str]) -> dict[str, str]:
    out = {key: canonical_text({"id": key, "removed": True}) for key in ids}
    signs = conn.execute("SELECT 1 FROM township_signs WHERE id = 1").fetchone() is not None
    for key, public_hex in conn.execute("SELECT CAST(id AS TEXT), public_hex FROM township_key").fetchall():
        if key in out:
            out[key] = canonical_text({"public_hex": public_hex, "signs": bool(signs)})
    return out


def trusted(conn) -> tuple[str, bool] | None:
    """(public key, signs) as the last sealed chained body says; None when the chain holds none
    (a counter enrolled before townships had keys: the terminal's secret alone, as then)."""
    row = conn.execute(f"SELECT body FROM chain WHERE record_type = '{TOWNSHIP_KEY}' AND record_type <> 'audit'"
                       " AND link_hash IS NOT NULL AND body IS NOT NULL ORDER BY position DESC LIMIT 1").fetchone()
    try:
        body = json.loads(row[0]) if row else None
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("public_hex"), str):
        return None
    return body["public_hex"], body.get("signs") is True


def unchained(conn) -> bool:
    """A key held that the chain does not hold (put in with the chain's trigger dropped)."""
    return conn.execute(f"SELECT 1 FROM township_key k WHERE NOT EXISTS (SELECT 1 FROM chain c WHERE"
                        f" c.record_type = '{TOWNSHIP_KEY}' AND c.record_type <> 'audit'"
                        " AND c.record_id = CAST(k.id AS TEXT))").fetchone() is not None
