"""The township's public key in the books' chain (migration 0033): chained as it is learnt or
changed, id "1", its body the key, whether this township has been seen to sign its pages
(township_signs) and, once seen, its answers (`answers`: township_signs_answers, migration 0034)
(kiosk/store/chain.py bodies_of). The counter verifies the township's word with the key and flags
the chain holds (`trusted`), never with the table alone: a key or flag changed, deleted or put
back with sqlite3 changes nothing it trusts, and `kiosk check` finds the table unlike the chain."""

from __future__ import annotations

import json

from kiosk.core.canonical import canonical_text

TOWNSHIP_KEY = "township_key"


def township_key_bodies(conn, ids: list[str]) -> dict[str, str]:
    out = {key: canonical_text({"id": key, "removed": True}) for key in ids}
    signs = conn.execute("SELECT 1 FROM township_signs WHERE id = 1").fetchone() is not None
    answers = conn.execute("SELECT 1 FROM township_signs_answers WHERE id = 1").fetchone() is not None
    for key, public_hex in conn.execute("SELECT CAST(id AS TEXT), public_hex FROM township_key").fetchall():
        if key in out:   # `answers` only once seen: the bodies chained before 0034 stay as they were
            out[key] = canonical_text({"public_hex": public_hex, "signs": bool(signs)}
                                      | ({"answers": True} if answers else {}))
    return out


def _chained_body(conn) -> dict | None:
    row = conn.execute(f"SELECT body FROM chain WHERE record_type = '{TOWNSHIP_KEY}' AND record_type <> 'audit'"
                       " AND link_hash IS NOT NULL AND body IS NOT NULL ORDER BY position DESC LIMIT 1").fetchone()
    try:
        body = json.loads(row[0]) if row else None
    except ValueError:
        return None
    if not isinstance(body, dict) or not isinstance(body.get("public_hex"), str):
        return None
    return body


def trusted(conn) -> tuple[str, bool] | None:
    """(public key, signs) as the last sealed chained body says; None when the chain holds none
    (a counter enrolled before townships had keys: the terminal's secret alone, as then)."""
    body = _chained_body(conn)
    return None if body is None else (body["public_hex"], body.get("signs") is True)


def trusted_answers(conn) -> tuple[str, bool] | None:
    """(public key, whether this township has been seen to sign its answers: push, state, anchor),
    from the chain as `trusted`: what a counter judges those answers by (kiosk/core/township_word.py)."""
    body = _chained_body(conn)
    return None if body is None else (body["public_hex"], body.get("answers") is True)


def unchained(conn) -> bool:
    """A key held that the chain does not hold (put in with the chain's trigger dropped)."""
    return conn.execute(f"SELECT 1 FROM township_key k WHERE NOT EXISTS (SELECT 1 FROM chain c WHERE"
                        f" c.record_type = '{TOWNSHIP_KEY}' AND c.record_type <> 'audit'"
                        " AND c.record_id = CAST(k.id AS TEXT))").fetchone() is not None
