"""The chain of the records this counter sent, as the township stored them (kiosk/core/record_link.py).

When the township acknowledges records, their links are worked out from the bodies frozen
in sync_outbox (the bytes that were sent), just before those are forgotten: quarantined
records (sync_reject) are left out, as the township stores none of them. The link after
the last one, per township identity, is shown at each sync (kiosk/sync/anchors.py); the
township keeps an equal chain and says when its own differs. A record acknowledged but no
longer frozen here (a copy put back from a backup) ends the chain where it is: the link
kept still names the records up to there.
"""

from __future__ import annotations

from kiosk.core.record_link import GENESIS, next_link


def head(conn, township_id: str | None) -> tuple[int, str] | None:
    if not township_id:
        return None
    row = conn.execute("SELECT seq, link FROM record_chain WHERE terminal_id = ?", (township_id,)).fetchone()
    return None if row is None else (row[0], row[1])


def extend(conn, local_id: str, acknowledged: int) -> None:
    """Link the frozen records up to local seq `acknowledged` that follow the last linked one."""
    state = conn.execute("SELECT terminal_id, seq_base FROM sync_state WHERE id = 1").fetchone()
    if state is None or not state[0]:
        return
    township_id, base = state[0], state[1]
    after, link = head(conn, township_id) or (0, GENESIS)
    rows = conn.execute(
        "SELECT o.seq + ?, o.type, o.id, o.sha256, EXISTS (SELECT 1 FROM sync_reject r"
        " WHERE r.terminal_id = ? AND r.seq = o.seq + ?) FROM sync_outbox o"
        " WHERE o.terminal_id = ? AND o.seq > ? AND o.seq <= ? ORDER BY o.seq",
        (base, township_id, base, local_id, after - base, acknowledged)).fetchall()
    last = after
    for seq, kind, record_id, sha256, quarantined in rows:
        if seq != last + 1:
            break                          # not frozen here: the chain ends at the last one linked
        if not quarantined:
            link = next_link(link, seq, kind, record_id, sha256)
        last = seq
    if last > after:
        conn.execute("INSERT INTO record_chain (terminal_id, seq, link) VALUES (?, ?, ?)"
                     " ON CONFLICT (terminal_id) DO UPDATE SET seq = excluded.seq, link = excluded.link",
                     (township_id, last, link))
