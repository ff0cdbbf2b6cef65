"""The township signs what its counters apply: pull pages, USB replies, and the answers a counter
acts on, each for what it asked: push, a state asked for signed, anchors and new identities
(kiosk/core/township_word.py answer_digest), 积分互认 answers (kiosk/core/township_asked.py)."""

from __future__ import annotations

import hashlib
import weakref

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import Request
from fastapi.responses import JSONResponse

from kiosk.core import township_asked, township_word
from kiosk.township.auth import signed_path
from kiosk.township.store import Store

# The key as read from the database, once per store: the same in every process (it is the
# database's), so keeping it here shares nothing a process alone would know.
_keys: weakref.WeakKeyDictionary[Store, Ed25519PrivateKey] = weakref.WeakKeyDictionary()


def _key(store: Store) -> Ed25519PrivateKey:
    found = _keys.get(store)
    if found is None:
        from kiosk.township.console.certificate import signing_key
        found = _keys[store] = signing_key(store)
    return found


def signed_for_request(store: Store, purpose: str, terminal_id: str, request: Request, raw: bytes,
                       content: dict, status: int = 200) -> JSONResponse:
    """`content` as JSON, signed for this request (method, path and query, raw body) of `terminal_id`
    (kiosk/core/township_asked.py): 积分互认 answers."""
    answer = JSONResponse(content, status_code=status)
    asked = township_asked.asked(request.method, signed_path(request), raw)
    answer.headers[township_word.HEADER] = township_word.sign(
        _key(store), purpose, terminal_id, township_asked.sha256_of(asked, answer.body))
    return answer


def pull_signature(store: Store, terminal_id: str, body: bytes) -> str:
    """The signature header's value for a pull answer with this exact body."""
    return township_word.sign(_key(store), township_word.PULL, terminal_id, hashlib.sha256(body).hexdigest())


def reply_signature(store: Store, terminal_id: str, sha256_hex: str) -> str:
    """The signature of a USB reply whose manifest, newline and records hash to `sha256_hex`."""
    return township_word.sign(_key(store), township_word.REPLY, terminal_id, sha256_hex)


def answer_signature(store: Store, purpose: str, terminal_id: str, asked: bytes, answer: bytes) -> str:
    """The signature of an answer (PUSH, STATE, ANCHOR) to what the counter `asked`."""
    return township_word.sign(_key(store), purpose, terminal_id, township_word.answer_digest(asked, answer))


def signed_answer(store: Store, purpose: str, terminal_id: str, asked: bytes, answer: JSONResponse) -> JSONResponse:
    """`answer`, carrying the township's signature (kiosk/core/township_word.py)."""
    answer.headers[township_word.HEADER] = answer_signature(store, purpose, terminal_id, asked, answer.body)
    return answer
