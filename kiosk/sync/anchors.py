"""After each sync, the books' chain head goes to the township (kiosk/township/anchors.py).

The counter sends its head and its links at the heads the township sent back before;
the township keeps the head and answers with the latest heads it holds, which are kept
here (chain_anchor, source 'township') so that `kiosk check` compares the books with
them even offline. A rewrite of the books since a sync no longer gives those links.
An older township without the endpoint, or a failed call, changes nothing: the books are
then anchored at the next sync.

By USB stick the same question travels in the push bundle's signed manifest (`shown`) and
its answer in the reply's (`keep_answer`): there is no second round for `need`, but the
heads the answer names are kept, so the next bundle shows the links at them.
"""

from __future__ import annotations

import re

from kiosk.core import township_word
from kiosk.store import chain, record_chain, township_key_chained
from kiosk.store.db import Database
from kiosk.sync import state
from kiosk.sync.calls import SyncFailed, Township

SENT_BACK = 20
_LINK = re.compile(r"^[0-9a-f]{64}$")


def exchange(db: Database, township: Township, at: str, said: dict | None = None) -> bool | None:
    """Whether the township says the chain still extends every head it saw; None if not asked:
    no head yet, or the round's state (`said`, in a round where nothing moved) names this very
    head as the last one the township kept for this counter."""
    head = chain.head(db.conn)
    if head is None or _kept_there(said, head, _records_head(db)):
        return None
    known = _known(db)
    data = _send(db, township, head, _links(db, known, head[0]))
    if data is not None and data.get("need"):   # the heads kept here were lost: show the township's
        wanted = [p for p in data["need"] if isinstance(p, int)]
        data = _send(db, township, head, _links(db, known + wanted, head[0]))
    if data is None:
        return None
    return keep_answer(db, data, at)


def _kept_there(said: dict | None, head: tuple[int, str], records: tuple[int, str] | None) -> bool:
    """The state names this books' head as the last the township kept, and the chain of the
    records it holds from this counter ends where this counter's does: a township whose
    records were changed since shows another link, and is shown this one (it flags the change)."""
    anchor = (said or {}).get("anchor")
    if not isinstance(anchor, dict) or anchor.get("position") != head[0] or anchor.get("link") != head[1]:
        return False
    kept = anchor.get("records")
    shown = None if not isinstance(kept, dict) else (kept.get("seq"), kept.get("link"))
    return shown == (None if records is None else tuple(records))


def _records_head(db: Database) -> tuple[int, str] | None:
    return record_chain.head(db.conn, state.load(db).terminal_id)


def shown(db: Database) -> dict | None:
    """What a push bundle shows the township: the head and the links at the heads kept here."""
    head = chain.head(db.conn)
    if head is None:
        return None
    return _payload(db, head, _links(db, _known(db), head[0]))


def keep_answer(db: Database, data: dict, at: str) -> bool | None:
    """Keep the heads the township's answer names; whether it says the chain extends them."""
    if not isinstance(data, dict):
        return None
    heads = [(item["position"], item["link"]) for item in data.get("anchors") or []
             if isinstance(item, dict) and isinstance(item.get("position"), int)
             and isinstance(item.get("link"), str) and _LINK.match(item["link"])]
    with db.write() as conn:
        chain.keep_anchors(conn, heads, "township", at)
    extends = data.get("extends")
    return extends if isinstance(extends, bool) else None


def _known(db: Database) -> list[int]:
    return [row[0] for row in chain.anchors(db.conn, "township")][-SENT_BACK:]


def _links(db: Database, positions: list[int], head: int) -> dict[str, str]:
    found = {str(p): chain.link_at(db.conn, p) for p in positions if 0 < p <= head}
    return {key: link for key, link in found.items() if link}


def _payload(db: Database, head: tuple[int, str], links: dict[str, str]) -> dict:
    payload = {"position": head[0], "link": head[1], "links": links}
    sent = _records_head(db)
    if sent is not None:   # the link of the records sent: the township keeps an equal chain
        payload["records"] = {"seq": sent[0], "link": sent[1]}
    return payload


def _send(db: Database, township: Township, head: tuple[int, str], links: dict[str, str]) -> dict | None:
    """The township's answer; None when it has none (an older township, a failed call). An answer
    without the township's signature, once it has been seen to sign its answers, ends the round
    with nothing kept (kiosk/core/township_word.py): its heads would be taken as seen by the township."""
    trusted = township_key_chained.trusted_answers(db.conn)     # the chain's, never the table's alone
    try:
        status, data = township.json("POST", "/v1/anchor", _payload(db, head, links), allow=(404, 405),
                                     signed=(township_word.ANCHOR, trusted))
    except SyncFailed as failed:
        if failed.code == "sync_anchor_not_township":
            raise
        return None
    return None if status >= 400 else data
