"""The township's public key in the books' chain (migration 0033): chained as it is learnt or
changed, id "1", its body the key, whether this township has been seen to sign its pages
(township_signs) and, once seen, its answers (`answers`: township_signs_answers, migration 0034)
(kiosk/store/chain.py bodies_of). The counter verifies the township's word with the key and flags
the chain holds (`trusted`), never with the table alone: a key or flag changed, deleted or put
back with sqlite3 changes nothing it trusts, and `kiosk check` finds the table unlike the chain.
Nor does the program's next write, which seals such a change into the chain (kiosk/store/chain_outside.py):
the bodies chained outside the program are left out, and once seen, a flag stays for that key."""

from __future__ import annotations

import json

from kiosk.core.canonical import canonical_text
from kiosk.store.outside_spans import found

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


def _chained_bodies(conn) -> list[dict]:
    """The sealed bodies of the key the program chained itself, oldest first: rows written outside
    the program, which its next write sealed with its own (kiosk/store/chain_outside.py), left out."""
    outside = [(first, last) for _, first, last in found(conn)]
    rows = conn.execute(f"SELECT position, body FROM chain WHERE record_type = '{TOWNSHIP_KEY}' AND record_type <> 'audit'"
                        " AND link_hash IS NOT NULL AND body IS NOT NULL ORDER BY position").fetchall()
    bodies = []
    for position, text in rows:
        if any(first <= position <= last for first, last in outside):
            continue
        try:
            body = json.loads(text)
        except ValueError:
            continue
        if isinstance(body, dict) and isinstance(body.get("public_hex"), str):
            bodies.append(body)
    return bodies


def _key_and_flags(conn) -> tuple[str, bool, bool] | None:
    """(key, signs, answers): the last key chained, and whether a body since it was chained said so.
    A flag once seen stays for that key (only another key starts them anew, as the program does);
    a township seen to sign its answers signs its pages too."""
    bodies = _chained_bodies(conn)
    if not bodies:
        return None
    key, signs, answers = bodies[-1]["public_hex"], False, False
    for body in reversed(bodies):
        if body["public_hex"] != key:
            break
        answers = answers or body.get("answers") is True
        signs = signs or body.get("signs") is True
    return key, signs or answers, answers


def trusted(conn) -> tuple[str, bool] | None:
    """(public key, signs) as the program chained them; None when the chain holds none
    (a counter enrolled before townships had keys: the terminal's secret alone, as then)."""
    found = _key_and_flags(conn)
    return None if found is None else (found[0], found[1])


def trusted_answers(conn) -> tuple[str, bool] | None:
    """(public key, whether this township has been seen to sign its answers: push, state, anchor),
    from the chain as `trusted`: what a counter judges those answers by (kiosk/core/township_word.py)."""
    found = _key_and_flags(conn)
    return None if found is None else (found[0], found[2])


def unchained(conn) -> bool:
    """A key held that the chain does not hold (put in with the chain's trigger dropped)."""
    return conn.execute(f"SELECT 1 FROM township_key k WHERE NOT EXISTS (SELECT 1 FROM chain c WHERE"
                        f" c.record_type = '{TOWNSHIP_KEY}' AND c.record_type <> 'audit'"
                        " AND c.record_id = CAST(k.id AS TEXT))").fetchone() is not None
