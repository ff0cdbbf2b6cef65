"""Is a 积分互认 answer the township's word for what it asked? (kiosk/core/township_asked.py)

An approval hands out goods, a village list is kept and a visitor shown: each is taken only
when signed by the township's key for this exact request and terminal, once this counter has
seen its township sign its answers (the key and flag its books' chain holds,
kiosk/store/township_key_chained.py trusted_answers; a new identity is judged the same way in
kiosk/sync/rollback.py). A township not yet signing its answers is taken as before, and a
counter that knows no key goes on with the terminal's secret alone, as pull pages are.
"""

from __future__ import annotations

from datetime import datetime

import httpx

from kiosk.core import township_asked, township_word
from kiosk.store import township_key_chained
from kiosk.store.db import Database
from kiosk.sync import certificates


def taken(db: Database, terminal_id: str, purpose: str, method: str, path: str, body: bytes,
          response: httpx.Response, now: datetime) -> bool:
    """False when the answer must be refused: this township signs, and this is not its signature
    over the request as sent (`method`, `path` with its query, `body`) and this answer, for this terminal."""
    trusted = township_key_chained.trusted_answers(db.conn)     # the chain's, never the table's alone
    asked = township_asked.asked(method, path, body)
    verdict = township_word.judged(trusted, purpose, terminal_id, township_asked.sha256_of(asked, response.content),
                                   response.headers.get(township_word.HEADER))
    if verdict == township_word.SIGNED and trusted is not None and not trusted[1]:   # from now on required
        certificates.township_signs_answers(db, now.strftime("%Y-%m-%d %H:%M:%S"))
    return verdict != township_word.REFUSED


def required(db: Database) -> bool:
    """Whether this counter takes its township's answers only signed (it has seen them signed): then
    any answer `taken` was the township's own word."""
    trusted = township_key_chained.trusted_answers(db.conn)
    return trusted is not None and trusted[1]
