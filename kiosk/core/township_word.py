"""The township's word, signed with its own key: what a counter applies as sent by the township.

A counter's requests and a USB bundle are signed with the terminal's secret (HMAC,
kiosk.sync.wire), and the database file holds that secret: with it alone anyone who has the
file could write a "reply from the township" carrying an award "from another counter". So
what the township sends for a counter to apply, a pull page and a USB reply, also carries an
Ed25519 signature by the township's key (the one that signs 积分证明), whose private half
never leaves the township; the counter holds only the public half, learnt at enrolment and
kept in its books' chain.

Signed: "kiosk-township-word-v1", what it is (PULL or REPLY), the terminal it is for and the
sha256 of the exact bytes sent (a pull answer's body; a reply's manifest, a newline and its
records), a line each. One changed byte, another terminal's page or a pull page passed off
as a reply breaks it.

The township's answers a counter acts on are signed the same way, each with a purpose of its
own (PUSH: a push answer's statuses and high water; STATE: a state asked for signed, `?sign=`;
ANCHOR: the heads a counter keeps as seen by the township; REIDENTIFY: a new identity): the sha256 signed is then
`answer_digest`, which binds the answer to what the counter asked (the push or anchor request's
body, the state's nonce), so an answer is good for that one question only, not replayed to
another. Whether a township signs its answers is learnt apart from its pages (`answers` in the
chained body): a township that signs pages but not yet answers is still synced with.

A township not yet upgraded signs nothing: a counter takes its unsigned word until it has once
seen this township sign (the flag chained with the key), and requires the signature from then
on; a signature that is there must always be genuine.
"""

from __future__ import annotations

import hashlib
import re

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

HEADER = "X-Kiosk-Township-Signature"
PULL, REPLY = "pull", "reply"
PUSH, STATE, ANCHOR = "push", "state", "anchor"       # answers, bound to the question (answer_digest)
REIDENTIFY = "reidentify"       # a new identity for books that went back
ANSWERS = (PUSH, STATE, ANCHOR, REIDENTIFY)
SIGN_STATE = "sign"             # GET /v1/state?sign=<nonce>: the state answer signed, bound to the nonce
# Answers signed for the request they answer (kiosk/core/township_asked.py): 积分互认 (REIDENTIFY, above, is bound by answer_digest).
CROSS_REDEEM, CROSS_RESIDENT, CROSS_VILLAGES = "cross-redeem", "cross-resident", "cross-villages"
_SIGNATURE = re.compile(r"^[0-9a-f]{128}$")


def message(purpose: str, terminal_id: str, sha256_hex: str) -> bytes:
    return f"kiosk-township-word-v1\n{purpose}\n{terminal_id}\n{sha256_hex}\n".encode()


def answer_digest(asked: bytes, answer: bytes) -> str:
    """What an answer's signature covers: the sha256 of what was asked, a newline and the answer's bytes."""
    return hashlib.sha256(hashlib.sha256(asked).hexdigest().encode() + b"\n" + answer).hexdigest()


def sign(key: Ed25519PrivateKey, purpose: str, terminal_id: str, sha256_hex: str) -> str:
    return key.sign(message(purpose, terminal_id, sha256_hex)).hex()


def genuine(public_hex: str, purpose: str, terminal_id: str, sha256_hex: str, signature: str | None) -> bool:
    """Whether `signature` (hex) is the township's, for this terminal and these bytes."""
    if not isinstance(signature, str) or not _SIGNATURE.match(signature):
        return False
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(
            bytes.fromhex(signature), message(purpose, terminal_id, sha256_hex))
    except (InvalidSignature, ValueError):
        return False
    return True


SIGNED, UNSIGNED, REFUSED = "signed", "unsigned", "refused"


def judged(trusted: tuple[str, bool] | None, purpose: str, terminal_id: str, sha256_hex: str,
           signature: str | None) -> str:
    """SIGNED, UNSIGNED (taken: no key, or a township not yet seen to sign) or REFUSED, given the
    key and flag the counter trusts (kiosk/store/township_key_chained.py)."""
    if trusted is None:
        return UNSIGNED
    public_hex, signs = trusted
    if signature is None:
        return REFUSED if signs else UNSIGNED
    return SIGNED if genuine(public_hex, purpose, terminal_id, sha256_hex, signature) else REFUSED
