"""The township's answer to one request, signed for that request alone (kiosk/core/township_word.py).

A cross-village approval (积分互认) or a new identity is worth something only as the answer
to what this counter asked: the township signs the sha256 of the request it received (its
method, its path with the query, its body) and of the answer body it sends, with the terminal
that asked and a purpose of its own. An approval for another card, amount or sale (the
request changed on the way by someone who holds the terminal's secret), for another terminal,
or an answer changed by one byte, is then not the township's word for this request.
"""

from __future__ import annotations

import hashlib


def asked(method: str, path: str, body: bytes) -> bytes:
    """The request as both sides know it: `path` with its query, as the terminal signed it."""
    return f"{method.upper()} {path}\n".encode() + body


def sha256_of(asked: bytes, answered: bytes) -> str:
    """What the township signs for one exchange: the request (`asked`) and the answer's body."""
    lines = f"asked {hashlib.sha256(asked).hexdigest()}\nanswered {hashlib.sha256(answered).hexdigest()}\n"
    return hashlib.sha256(lines.encode()).hexdigest()
