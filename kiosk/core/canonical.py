"""Canonical JSON: one byte string per value, the input of every record hash.

Sorted keys, no spaces, UTF-8 kept as is, no NaN. The sync wire format and the books'
chain both hash these bytes, so a record hashes the same on the counter, in the chain
and at the township.
"""

from __future__ import annotations

import hashlib
import json

_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def canonical(value: object) -> bytes:
    """One byte string per value: sorted keys, no spaces, UTF-8, integers only for points."""
    return _CANONICAL.encode(value).encode("utf-8")


def canonical_text(value: object) -> str:
    return _CANONICAL.encode(value)


def body_hash(body: dict) -> str:
    return hashlib.sha256(canonical(body)).hexdigest()
