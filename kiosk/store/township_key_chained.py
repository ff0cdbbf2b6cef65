"""The township's public key in the books' chain (migration 0033): chained as it is learnt or
changed, id "1", its body the key alone (kiosk/store/chain.py bodies_of). With it the counter
tells the township's signed word from a reply written with the terminal's secret alone."""

from __future__ import annotations

from kiosk.core.canonical import canonical_text

TOWNSHIP_KEY = "township_key"


def township_key_bodies(conn, ids: list[str]) -> dict[str, str]:
    out = {key: canonical_text({"id": key, "removed": True}) for key in ids}
    for key, public_hex in conn.execute("SELECT CAST(id AS TEXT), public_hex FROM township_key").fetchall():
        if key in out:
            out[key] = canonical_text({"public_hex": public_hex})
    return out


def unchained(conn) -> bool:
    """A key held that the chain does not hold (put in with the chain's trigger dropped)."""
    return conn.execute(f"SELECT 1 FROM township_key k WHERE NOT EXISTS (SELECT 1 FROM chain c WHERE"
                        f" c.record_type = '{TOWNSHIP_KEY}' AND c.record_type <> 'audit'"
                        " AND c.record_id = CAST(k.id AS TEXT))").fetchone() is not None
