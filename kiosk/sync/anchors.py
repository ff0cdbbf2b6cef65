"""After each sync, the books' chain head goes to the township (kiosk/township/anchors.py).

The counter sends its head and its links at the heads the township sent back before;
the township keeps the head and answers with the latest heads it holds, which are kept
here (chain_anchor, source 'township') so that `kiosk check` compares the books with
them even offline. A rewrite of the books since a sync no longer gives those links.
An older township without the endpoint, or a failed call, changes nothing: the books are
then anchored at the next sync.
"""

from __future__ import annotations

import re

from kiosk.store import chain
from kiosk.store.db import Database
from kiosk.sync.calls import SyncFailed, Township

SENT_BACK = 20
_LINK = re.compile(r"^[0-9a-f]{64}$")


def exchange(db: Database, township: Township, at: str) -> bool | None:
    """Whether the township says the chain still extends every head it saw; None if not asked."""
    head = chain.head(db.conn)
    if head is None:
        return None
    known = [row[0] for row in chain.anchors(db.conn, "township")][-SENT_BACK:]
    data = _send(township, head, _links(db, known, head[0]))
    if data is not None and data.get("need"):   # the heads kept here were lost: show the township's
        wanted = [p for p in data["need"] if isinstance(p, int)]
        data = _send(township, head, _links(db, known + wanted, head[0]))
    if data is None:
        return None
    heads = [(item["position"], item["link"]) for item in data.get("anchors") or []
             if isinstance(item, dict) and isinstance(item.get("position"), int)
             and isinstance(item.get("link"), str) and _LINK.match(item["link"])]
    with db.write() as conn:
        chain.keep_anchors(conn, heads, "township", at)
    return data.get("extends")


def _links(db: Database, positions: list[int], head: int) -> dict[str, str]:
    found = {str(p): chain.link_at(db.conn, p) for p in positions if 0 < p <= head}
    return {key: link for key, link in found.items() if link}


def _send(township: Township, head: tuple[int, str], links: dict[str, str]) -> dict | None:
    payload = {"position": head[0], "link": head[1], "links": links}
    try:
        status, data = township.json("POST", "/v1/anchor", payload, allow=(404, 405))
    except SyncFailed:
        return None
    return None if status >= 400 else data
