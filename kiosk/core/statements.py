"""积分证明's signed text, shared by the township (signs) and the counter (checks what it keeps).

The text is `JFZM1.<statement>.<signature>` (base64url, no padding): the statement is canonical
JSON (sorted keys, no spaces), so one changed byte anywhere breaks the Ed25519 signature. A
statement names the key it was signed with (`key`: the first 16 hex digits of the public key)
and when it stops being valid (`valid_until`, UTC `YYYY-MM-DDTHH:MM:SSZ`).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

PREFIX = "JFZM1"
FOUND = re.compile(PREFIX + r"\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
PUBLIC_HEX = re.compile(r"^[0-9a-f]{64}$")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_id(public_hex: str) -> str:
    return public_hex[:16]


def public_hex(private: Ed25519PrivateKey) -> str:
    return private.public_key().public_bytes_raw().hex()


def sign(private: Ed25519PrivateKey, statement: dict) -> str:
    body = json.dumps(statement, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return f"{PREFIX}.{_b64(body)}.{_b64(private.sign(body))}"


@dataclass(frozen=True)
class Read:
    """What `check` found: code is genuine, forged, other_key or unreadable."""
    code: str
    statement: dict | None = None
    text: str = ""              # the bare signed text found in the input

    @property
    def genuine(self) -> bool:
        return self.code == "genuine"


def check(text: str, public: str) -> Read:
    """The statement in `text` (bare, in a link, or in a page) checked against the public key (hex)."""
    found = FOUND.search(text or "")
    if not found:
        return Read("unreadable")
    _, body_text, signature_text = found.group(0).split(".")
    try:
        body, signature = _unb64(body_text), _unb64(signature_text)
        statement = json.loads(body.decode("utf-8"))
    except (binascii.Error, ValueError):
        return Read("forged", text=found.group(0))
    if not isinstance(statement, dict):
        return Read("forged", text=found.group(0))
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public)).verify(signature, body)
    except (InvalidSignature, ValueError):
        other = statement.get("key") != key_id(public)
        return Read("other_key" if other else "forged", statement, found.group(0))
    return Read("genuine", statement, found.group(0))


def expired(statement: dict, now_text: str) -> bool:
    """Past its `valid_until` (both UTC texts of one shape compare as text)."""
    return str(statement.get("valid_until", "")) < now_text
