"""Whether books asking for a new identity prove they are a copy of what the township stored.

A counter put back from a copy asks for a new identity (kiosk/township/reidentify.py, online,
and by stick: kiosk/township/usb.py). Someone with the database file could rewrite a record
already sent, wipe the notes of the township's heads kept after it, and claim the same: the
heads alone cannot tell him from a copy. So the claim shows the proof link over the old
terminal's records 1 … a (kiosk/core/proof_keys.py), a the last the books knew acknowledged, then
its records a+1 … k one by one, k the last of them the books hold (kiosk/store/restore_proof.py);
the township compares the link with its own, worked out from the bodies it stored
(kiosk/township/tables/restore_proof.py), and each record shown one by one that it holds under the
same id at the same number. A record made after the books went back has another id there: not the
township's, not compared. So lowering `a` (a number in a note) hides nothing. Another link, or a
record it holds that differs: no new identity, a `rejected` incident
(chain_rewritten) naming the village and the counter, once until the clerk deals with it, and
the counter is told. A clerk who checked the village may let that very proof through
(`allow`, `kiosk-township allow-copy`); the new identity's incident says who.

No proof (a counter from before this), or one the township cannot check, is given the identity, as
before, for an innocent village must still heal, and the `fork` incident tells the clerk, in words
saying why, that nothing could be checked (`unproven`): its chain of this terminal's records does not
start at the first; the proof is of more records than the township holds (the books hold records it
never got: a stick's asking cannot know how many it holds); too many records to show one by one
(more than AFTER_MAX); or the township lacks a record 1 … k of
that terminal (it refused one, and a stick's reply, or an answer lost on the way, never told the
counter): those books cannot show the link the township has, and only the township makes such a gap.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from kiosk.township.store import Store
from kiosk.township.tables import restore_proof, terminals
from kiosk.township.words import TownshipRefused, beside_village, say

PROVED, UNPROVEN, DISPROVED = "proved", "unproven", "disproved"
CODE = "restore_disproved"
NO_PROOF, BEYOND, REFUSED, TOO_MANY = "no_proof", "beyond", "refused", "too_many"   # why it could not be checked
AFTER_MAX = 20_000
_LINK = re.compile(r"^[0-9a-f]{64}$")


class Shown(NamedTuple):
    """A proof as a counter shows it (kiosk/store/restore_proof.py): the link over 1 … seq, then the
    records seq+1 … to one by one, {seq: (record id, sha256 or None)}; None: too many were shown."""
    seq: int
    link: str
    to: int
    after: dict[int, tuple[str, str | None]] | None


def shown_proof(shown) -> Shown | None:
    """A proof as a counter writes it; None for anything else."""
    if not isinstance(shown, dict):
        return None
    seq, link, to = shown.get("seq"), shown.get("link"), shown.get("to", shown.get("seq"))
    if not _count(seq) or not _count(to) or to < seq or not (isinstance(link, str) and _LINK.match(link)):
        return None
    after = _after(shown.get("after"), seq, to)
    if after is False:
        return None
    return Shown(seq, link, to, after)


def _count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2 ** 62


def _after(rows, seq: int, to: int):
    """{seq: (id, digest)} of the records shown one by one; None when not shown; False when malformed."""
    if rows is None:
        return None
    if not isinstance(rows, list) or len(rows) > AFTER_MAX:
        return False
    out = {}
    for row in rows:
        if not (isinstance(row, list) and len(row) == 3 and _count(row[0]) and seq < row[0] <= to
                and isinstance(row[1], str) and len(row[1]) <= 64
                and (row[2] is None or (isinstance(row[2], str) and _LINK.match(row[2])))):
            return False
        out[row[0]] = (row[1], row[2])
    return out


def judge(store: Store, terminal, proof: Shown | None) -> tuple[str, dict]:
    """The verdict and what the new identity's incident says of it (`unproven`: why nothing could be
    checked; a clerk's grant: who, when)."""
    high = store.terminal(terminal["id"])["high_water"]
    if proof is None:
        return (UNPROVEN, {"unproven": NO_PROOF}) if high > 0 else (PROVED, {})
    if proof.seq > high:
        return UNPROVEN, {"unproven": BEYOND}
    held = restore_proof.link(store, terminal["id"], proof.seq)
    if held is None or (proof.seq == 0 and high > 0 and not proof.after):
        return UNPROVEN, {"unproven": NO_PROOF}
    if held != proof.link:
        if restore_proof.lacks_some(store, terminal["id"], proof.seq):
            return UNPROVEN, {"unproven": REFUSED}
        return _disproved(store, terminal, proof)
    upto = min(proof.to, high)
    if upto > proof.seq and proof.after is None:
        return UNPROVEN, {"unproven": TOO_MANY}
    found = restore_proof.one_by_one(store, terminal["id"], proof.seq, upto, proof.after or {})
    if found == restore_proof.REWRITTEN:
        return _disproved(store, terminal, proof)
    if found == restore_proof.MISSING:
        return UNPROVEN, {"unproven": REFUSED}
    return PROVED, {}


def _disproved(store: Store, terminal, proof: Shown) -> tuple[str, dict]:
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
        row = terminals.open_incident(conn, incident_id)
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
