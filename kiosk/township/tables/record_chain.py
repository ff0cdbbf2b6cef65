"""The township keeps each terminal's chain over the records it stored (kiosk/core/record_link.py).

`extend` gives every record of a push the township took its link, in the pushing transaction:
the records it stored and those it already held (a counter that took a new identity sends
its own records again; they are kept once, under the old one). `compare`
takes the link a counter shows for its records up to a seq at each sync (online and by USB
stick) and, when the township's differs, records an incident saying so in plain words.
`verify` works every chain out again from the stored records, and their bodies, and names
the first record that no longer gives the link kept or the one a counter showed.
"""

from __future__ import annotations

import hashlib

from kiosk.core.record_link import GENESIS, next_link
from kiosk.township.store import Store
from kiosk.township.words import say


HEAD = "SELECT seq, link FROM record_chain WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1"
_UNREAD = object()


def extend(conn, terminal_id: str, taken: list, fresh_terminal: bool, head=_UNREAD) -> None:
    """Link the records of a push the township took (stored, or a duplicate of one it holds),
    in seq order, after the terminal's last linked one (`head`: its (seq, link) row, None when
    there is none, read here when not given). A terminal that pushed before this chain existed
    (`fresh_terminal` false and nothing linked) gets none: its counter has none either.
    The links are worked out in one pass and written with one statement (PostgreSQL: one COPY)."""
    if head is _UNREAD:
        head = conn.execute(HEAD, (terminal_id,)).fetchone()
    if head is None and not fresh_terminal:
        return
    after, before = (head[0], head[1]) if head else (0, GENESIS)
    rows, last = [], after
    for record in sorted(taken, key=lambda r: r.seq):
        if record.seq > last:              # once per seq: a batch may carry a record twice
            before = next_link(before, record.seq, record.type, record.id, record.sha256)
            rows.append((terminal_id, record.seq, record.id, before))
            last = record.seq
    if rows:
        conn.insert_rows("record_chain", ("terminal_id", "seq", "record_id", "link"), rows)


def link_at(conn, terminal_id: str, seq: int) -> str | None:
    """The township's link at the terminal's last stored record at or before `seq`."""
    row = conn.execute("SELECT link FROM record_chain WHERE terminal_id = ? AND seq <= ?"
                       " ORDER BY seq DESC LIMIT 1", (terminal_id, seq)).fetchone()
    return GENESIS if row is None else row[0]


def compare(store: Store, conn, terminal_id: str, village_id: str, shown) -> bool | None:
    """`agrees`, and an incident when the links differ."""
    found = agrees(conn, terminal_id, shown)
    if found is False:
        seq = shown["seq"]
        store.incident(conn, "rejected", {"reason": "records_chain_differs", "seq": seq,
                                          "words": _words(conn, terminal_id, seq)},
                       terminal_id=terminal_id, village_id=village_id)
    return found


def agrees(conn, terminal_id: str, shown) -> bool | None:
    """Whether the counter's link for its records up to a seq is the township's; None when
    the counter showed none, or records the township does not hold yet. Reads only."""
    if not isinstance(shown, dict):
        return None
    seq, link = shown.get("seq"), shown.get("link")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0 or not isinstance(link, str):
        return None
    high = conn.execute("SELECT high_water FROM terminal WHERE id = ?", (terminal_id,)).fetchone()
    if high is None or seq > high[0]:
        return None
    return link_at(conn, terminal_id, seq) == link


def _words(conn, terminal_id: str, seq: int) -> str:
    row = conn.execute("SELECT t.name, v.name FROM terminal t JOIN village v ON v.id = t.village_id"
                       " WHERE t.id = ?", (terminal_id,)).fetchone()
    counter, village = (row[0], row[1]) if row else (terminal_id, "")
    return say("records_chain_differs", "zh", village=village, counter=counter, seq=seq)


def verify(store: Store) -> list[str]:
    """Every terminal's chain worked out again from its stored records: the first record of
    each that no longer gives the link kept (or whose body is not its sha256), in plain words."""
    problems = []
    for terminal_id, in store.all("SELECT DISTINCT terminal_id FROM record_chain ORDER BY terminal_id"):
        seq = _first_changed(store, terminal_id)
        if seq is not None:
            problems.append(_changed_words(store, terminal_id, seq))
    return problems


def _first_changed(store: Store, terminal_id: str) -> int | None:
    before = GENESIS
    for seq, record_id, link, kind, sha256, body in store.all(
            "SELECT c.seq, c.record_id, c.link, r.type, r.sha256, r.body FROM record_chain c"
            " LEFT JOIN record r ON r.id = c.record_id WHERE c.terminal_id = ? ORDER BY c.seq", (terminal_id,)):
        if body is None:
            return seq                       # the record is gone
        before = next_link(before, seq, kind, record_id, sha256)
        if link != before or hashlib.sha256(body.encode("utf-8")).hexdigest() != sha256:
            return seq
    return None


def _changed_words(store: Store, terminal_id: str, seq: int) -> str:
    row = store.one("SELECT t.name, v.name FROM terminal t JOIN village v ON v.id = t.village_id WHERE t.id = ?",
                    (terminal_id,))
    counter, village = (row[0], row[1]) if row else (terminal_id, "")
    return say("records_changed_here", "zh", village=village, counter=counter, seq=seq)

