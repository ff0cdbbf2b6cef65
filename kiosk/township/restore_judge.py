"""Whether books asking for a new identity prove they are a copy of what the township stored.

A counter put back from a copy asks for a new identity (kiosk/township/reidentify.py, online,
and by stick: kiosk/township/usb.py). Someone with the database file could rewrite a record
already sent, wipe the notes of the township's heads kept after it, and claim the same: the
heads alone cannot tell him from a copy. So the claim shows the proof link over the old
terminal's records 1 … k as the books hold them at this asking (kiosk/core/proof_keys.py), and
the township compares it with its own, worked out from the bodies it stored
(kiosk/township/tables/restore_proof.py). Another link: no new identity, a `rejected` incident
(chain_rewritten) naming the village and the counter, once until the clerk deals with it, and
the counter is told. A clerk who checked the village may let that very proof through
(`allow`, `kiosk-township allow-copy`); the new identity's incident says who.

No proof (a counter from before this), or one the township cannot check (its chain of this
terminal's records does not start at the first): the identity is given, as before, for an innocent
village must still heal, and the `fork` incident tells the clerk nothing could be checked. A proof
of more records than the township holds is never a copy's: refused.
"""

from __future__ import annotations

import json
import re

from kiosk.township.store import Store
from kiosk.township.tables import restore_proof, terminals
from kiosk.township.words import TownshipRefused, beside_village, say

PROVED, UNPROVEN, DISPROVED = "proved", "unproven", "disproved"
CODE = "restore_disproved"
_LINK = re.compile(r"^[0-9a-f]{64}$")


def shown_proof(shown) -> tuple[int, str] | None:
    """(k, link) of a proof as a counter writes it; None for anything else."""
    if not isinstance(shown, dict):
        return None
    seq, link = shown.get("seq"), shown.get("link")
    if not isinstance(seq, int) or isinstance(seq, bool) or not 0 <= seq < 2 ** 62:
        return None
    return (seq, link) if isinstance(link, str) and _LINK.match(link) else None


def judge(store: Store, terminal, proof: tuple[int, str] | None) -> tuple[str, dict]:
    """The verdict and what the new identity's incident says of it (a clerk's grant: who, when)."""
    high = store.terminal(terminal["id"])["high_water"]
    if proof is None:
        return (UNPROVEN if high > 0 else PROVED), {}
    seq, shown = proof
    if seq > high:
        return _disproved(store, terminal, proof)
    held = restore_proof.link(store, terminal["id"], seq)
    if held is None or (seq == 0 and high > 0):
        return UNPROVEN, {}
    if held == shown:
        return PROVED, {}
    return _disproved(store, terminal, proof)


def _disproved(store: Store, terminal, proof: tuple[int, str]) -> tuple[str, dict]:
    grant = restore_proof.granted(store, terminal["id"], proof[0], proof[1])
    if grant is not None:
        return PROVED, {"granted_by": grant[0], "granted_at": grant[1]}
    with store.write() as conn:
        if not terminals.open_incident_coded(conn, terminal["id"], "rejected", CODE):     # said once
            names = terminals.counter_and_village_names(conn, terminal["id"])
            village, counter = (names[1], names[0]) if names else ("", "")
            words = say("restore_disproved_here", "zh", village=village,
                        counter=beside_village(village, counter), seq=proof[0])
            store.incident(conn, "rejected", {"reason": "chain_rewritten", "code": CODE, "seq": proof[0],
                                              "link": proof[1], "words": words},
                           terminal_id=terminal["id"], village_id=terminal["village_id"])
    return DISPROVED, {}


def refusal() -> TownshipRefused:
    return TownshipRefused(CODE, 409)


def allow(store: Store, incident_id: str, by: str, note: str) -> dict:
    """The clerk lets the proof a refused counter showed get its new identity: the grant (who, when,
    why) and the incident resolved. The counter gets it at its next asking with that same proof."""
    with store.write() as conn:
        row = terminals.incident_by_id(conn, incident_id)
        if row is None:
            raise TownshipRefused("incident_unknown", id=incident_id)
        if row["resolved_at"] is not None:
            raise TownshipRefused("incident_resolved", id=incident_id)
        detail = _detail(row["detail"])
        if detail.get("code") != CODE or not isinstance(detail.get("link"), str):
            raise TownshipRefused("restore_not_disproved", id=incident_id)
        at = store.now_text()
        restore_proof.grant(conn, row["terminal_id"], int(detail["seq"]), detail["link"], by, at, note)
        terminals.resolve_incident(conn, incident_id, at, f"{by}: {note}")
        names = terminals.counter_and_village_names(conn, row["terminal_id"])
    village, counter = (names[1], names[0]) if names else ("", "")
    return {"incident": incident_id, "allowed": True, "village": village,
            "counter": beside_village(village, counter), "by": by, "at": at}


def _detail(raw) -> dict:
    try:
        found = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
