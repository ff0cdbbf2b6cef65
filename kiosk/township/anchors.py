"""Chain anchors: the township keeps every books' chain head each counter shows it.

`POST /v1/anchor` (signed) with {"position", "link", "links": {"<position>": "<link>"}}:
the counter's head now, and its links at the positions of anchors it got from here before.
The township keeps the head when everything it is shown agrees with what it holds and
includes its latest head for this counter; when that one is missing it answers `need`
(the positions to show) and keeps nothing yet; so too, by stick, when its head ends on that one
with another link and the heads it kept from here all agree and stop before it (a copy put back,
`_never_took_last`). The answer says whether the counter's chain still extends every head seen
before (`extends`), which positions disagree (`mismatch`, also kept as a 'rejected' incident,
reason chain_rewritten), and the latest heads it holds (`anchors`), which the counter keeps
to check its books offline. With {"records": {"seq", "link"}} the counter also shows its link
for the records it sent (kiosk/township/tables/record_chain.py); the answer's `records` says
whether the township's own chain of them agrees.
"""

from __future__ import annotations

import re

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kiosk.core import township_word
from kiosk.township import auth, parsing, word
from kiosk.township.store import Store
from kiosk.township.tables import anchors as kept
from kiosk.township.tables import record_chain
from kiosk.township.words import TownshipRefused

ANSWERED = 20      # the latest heads sent back
_LINK = re.compile(r"^[0-9a-f]{64}$")


def register(app: FastAPI, store: Store) -> None:
    @app.post("/v1/anchor", responses=parsing.ERRORS)
    async def anchor(request: Request) -> JSONResponse:
        """Keep a counter's books' chain head; say whether its chain still extends the ones seen before.
        The answer carries the township's signature bound to the request (kiosk/township/word.py): the
        counter keeps the heads it names as seen by the township.
        (Its table, anchors.sql / anchors_pg.sql, is made with the store's other schema files.)"""
        raw = await parsing.read_body(request)

        def seen() -> tuple:
            terminal = auth.authenticate(store, request, raw)
            data = parsing.json_object(raw)
            answer = seen_before(store, terminal["id"], data)
            return terminal, data, None if answer is None else _signed(store, terminal["id"], raw, answer)

        def received(terminal, data) -> JSONResponse:
            answer = receive(store, terminal["id"], terminal["village_id"], data)
            return _signed(store, terminal["id"], raw, answer)
        terminal, data, answer = await parsing.off_loop(seen)
        if answer is not None:           # the head kept last time, shown again: read only, no writer's turn
            return answer
        return await parsing.off_loop(received, terminal, data, writing=True)


def _signed(store: Store, terminal_id: str, raw: bytes, answer: dict) -> JSONResponse:
    return word.signed_answer(store, township_word.ANCHOR, terminal_id, raw, JSONResponse(answer))


def _shown(data: dict) -> tuple[int, str, dict[int, str]]:
    position, link, links = data.get("position"), data.get("link"), data.get("links", {})
    if not isinstance(position, int) or isinstance(position, bool) or position < 1:
        raise TownshipRefused("body_bad_shape", 400, detail="'position' must be a whole number from 1")
    if not isinstance(link, str) or not _LINK.match(link) or not isinstance(links, dict):
        raise TownshipRefused("body_bad_shape", 400, detail="need a 'link' (64 hex digits) and 'links'")
    if len(links) > 100:
        raise TownshipRefused("body_bad_shape", 400, detail="at most 100 'links'")
    try:
        shown = {int(key): str(value) for key, value in links.items()}
    except (TypeError, ValueError):
        raise TownshipRefused("body_bad_shape", 400, detail="'links' keys must be positions") from None
    return position, link, shown | {position: link}


def receive(store: Store, terminal_id: str, village_id: str, data: dict, from_bundle: bool = False,
            books_of: str | None = None) -> dict:
    """The answer to a head shown. A USB bundle may be older than one imported before it (the
    stick carried several, or the same one twice): its head, before the last one kept, is
    answered without being taken for books cut short, and not kept. `books_of`: the terminal
    whose heads the books' chain is judged and kept under, when not the sender's own (a put-back
    copy's new identity, kiosk/township/usb.py); the records shown are the sender's all the same."""
    position, link, shown = _shown(data)
    sender, terminal_id = terminal_id, books_of or terminal_id
    with store.write() as conn:
        held = kept.links_at(conn, terminal_id, list(shown))
        last = kept.last_position(conn, terminal_id)
        mismatch = sorted(p for p, value in shown.items() if p in held and held[p] != value)
        stale = from_bundle and last is not None and last > position
        if last is not None and last > position and not stale:
            mismatch.append(last)            # the books are shorter than a head seen before
        need = [last] if last is not None and last not in shown and not mismatch and not stale else []
        if from_bundle and _never_took_last(data, held, last, mismatch):
            mismatch, need = [], [last]      # asked, as for a head ending elsewhere: the reply tells them
        if mismatch:
            store.incident(conn, "rejected", {"reason": "chain_rewritten", "positions": mismatch[:10]},
                           terminal_id=terminal_id, village_id=village_id)
        elif not need and not stale:
            kept.keep(conn, terminal_id, position, link, store.now_text())
        latest = kept.latest(conn, terminal_id, ANSWERED)
        records = record_chain.compare(store, conn, sender, village_id, data.get("records"))
    judged = bool(mismatch) or not (need or stale)
    return {"extends": not mismatch if judged else None, "mismatch": mismatch, "need": need,
            "anchors": [{"position": row[0], "link": row[1]} for row in latest], "records": records}


def _never_took_last(data: dict, held: dict[int, str], last: int | None, mismatch: list[int]) -> bool:
    """A stick's books whose head ends on the last head kept here with another link, and whose notes
    (the heads they kept from here, `links`) all agree and stop before it: books put back from a copy
    that never took that head, as GET /v1/state finds online before any head is shown
    (kiosk.store.identity.chain_lost). Their own sales can end there by chance; a stick has no
    earlier round to tell them, so they are asked, and the reply's heads tell them they went back.
    Books with no note at all although heads were kept here (the notes wiped), or a note that
    disagrees, are judged rewritten at once, as before."""
    notes = {int(key) for key in data.get("links", {})}
    # mismatch == [last] with every note before it: `last` is in shown as the head itself
    return mismatch == [last] and any(p in held for p in notes) and all(p < last for p in notes)


def gives_known_heads(store: Store, terminal_id: str, data: dict) -> bool:
    """Whether the books give every head they show a link for, below their own head, as the
    township holds it for this terminal: a copy put back gives the heads it kept from before
    (its chain beyond them is its own); books rewritten behind the program no longer do. Reads only."""
    position, _, shown = _shown(data)
    known = [p for p in shown if p != position]
    with store.reading() as conn:
        held = kept.links_at(conn, terminal_id, known) if known else {}
    return all(shown[p] == link for p, link in held.items())


def seen_before(store: Store, terminal_id: str, data: dict) -> dict | None:
    """The answer to the head kept last time shown again (a round with nothing new), found by
    reads alone: every position shown agrees with what is held and the records' link with the
    township's. None when anything differs or is new: `receive` answers it, as the one writer."""
    position, link, shown = _shown(data)
    with store.reading() as conn:
        held = kept.links_at(conn, terminal_id, list(shown))
        if kept.last_position(conn, terminal_id) != position or any(held.get(p) != v for p, v in shown.items()):
            return None
        records = record_chain.agrees(conn, terminal_id, data.get("records"))
        if records is False:
            return None                      # receive writes the incident
        latest = kept.latest(conn, terminal_id, ANSWERED)
    return {"extends": True, "mismatch": [], "need": [],
            "anchors": [{"position": row[0], "link": row[1]} for row in latest], "records": records}


def anchor_of(terminal) -> dict:
    """The last books' head kept for the terminal, and the head of the chain of its records kept
    here, from a terminal row read with tables.terminals.ROUND_COLUMNS (no second query): a
    counter whose heads are both these, with nothing new, need not show them again
    (kiosk/sync/anchors.py)."""
    if terminal["anchor_position"] is None:
        return {}
    records = {} if terminal["records_seq"] is None else \
        {"records": {"seq": terminal["records_seq"], "link": terminal["records_link"]}}
    return {"anchor": {"position": terminal["anchor_position"], "link": terminal["anchor_link"], **records}}


def last_anchor(store: Store, terminal_id: str) -> dict:
    """The last chain head kept for this terminal, for GET /v1/state: books that no longer give it went back."""
    row = kept.last_kept(store, terminal_id)
    return {} if row is None else {"anchor": {"position": row[0], "link": row[1]}}
