"""The wire format both sides speak: canonical JSON, record hashes, signed requests.

A record is one row that syncs (an entry, a sale with its lines, a resident …) as it was
born on a terminal: its UUIDv7 `id`, the terminal's gap-free `seq`, its `type`, its `body`
(a JSON object) and `sha256`, the hash of the body's canonical JSON. The same id with
another hash is a conflict, never an update.

Every HTTP request carries `X-Kiosk-Terminal`, `X-Kiosk-Time` (unix seconds, for replay
windows only, never for ordering) and `X-Kiosk-Signature`: HMAC-SHA256, keyed by the
terminal's secret, over METHOD, PATH (with query), the time and the SHA-256 of the body.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
from dataclasses import dataclass
from json.encoder import encode_basestring as _quoted  # a JSON string, UTF-8 kept as is

from kiosk.core.canonical import body_hash, canonical  # noqa: F401  (body_hash: used through wire)

TERMINAL_HEADER, TIME_HEADER, SIGNATURE_HEADER = "X-Kiosk-Terminal", "X-Kiosk-Time", "X-Kiosk-Signature"
PROTOCOL = 1
MAX_DEPTH = 32                     # objects and arrays inside each other; records need 4
INT_LOW, INT_HIGH = -(2**63), 2**63 - 1  # SQLite's INTEGER
MAX_NAME = 200                     # characters of an id, a terminal id, a type
_SHA256 = re.compile(r"[0-9a-f]{64}")


class Malformed(ValueError):
    """JSON this program does not accept: not UTF-8, not JSON, NaN or Infinity, a whole
    number beyond 64 bits, nesting deeper than MAX_DEPTH, or half of a surrogate pair."""


def strict_loads(raw: bytes | str) -> object:
    """json.loads for input from outside: refuses what would crash or bloat later, before
    the parser can recurse (a cheap scan of the brackets bounds the depth first)."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        _check_depth(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass"))
        data = json.loads(text, parse_constant=_no_constant, parse_int=_whole, parse_float=_finite)
        if _SURROGATE_ESCAPE.search(text):   # rare: only an escaped \ud800-\udfff can make one
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        return data
    except Malformed:
        raise
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError/EncodeError, JSONDecodeError
        raise Malformed(str(exc)[:200]) from None


_ESCAPE = re.compile(rb"\\.", re.DOTALL)
_NOT_STRUCTURE = bytes(set(range(256)) - set(b'[]{}"'))
_CURLY_AS_SQUARE = bytes.maketrans(b"{}", b"[]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_depth(raw: bytes) -> None:
    """Brackets outside strings, innermost pairs taken away once per level: anything left
    after MAX_DEPTH rounds nests too deep (or does not match, which is no JSON either)."""
    if raw.count(b"[") + raw.count(b"{") <= MAX_DEPTH:
        return
    if b"\\" in raw:
        raw = _ESCAPE.sub(b"", raw)
    outside_strings = b"".join(raw.translate(None, _NOT_STRUCTURE).split(b'"')[::2])
    brackets = outside_strings.translate(_CURLY_AS_SQUARE)
    if b"[" * (MAX_DEPTH + 1) in brackets:
        brackets = b"["                    # a run of openers deeper than allowed: no need to count
    for _ in range(MAX_DEPTH):
        brackets = brackets.replace(b"[]", b"")
        if not brackets:
            return
    raise Malformed(f"brackets nested deeper than {MAX_DEPTH}, or not matched")


def _no_constant(name: str) -> object:
    raise Malformed(f"{name} is not a number this program accepts")


def _whole(text: str) -> int:
    value = int(text) if len(text) <= 20 else INT_HIGH + 1
    if not INT_LOW <= value <= INT_HIGH:
        raise Malformed("a whole number beyond 64 bits")
    return value


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise Malformed(f"{text[:20]} is too large a number")
    return value


@dataclass(frozen=True)
class Record:
    """A body is never changed in place: a record made by `make` keeps the body's canonical
    bytes (its hash's input) to send them as they are, without encoding them again."""

    id: str
    terminal_id: str
    seq: int
    type: str
    body: dict
    sha256: str

    @classmethod
    def make(cls, id: str, terminal_id: str, seq: int, type: str, body: dict) -> Record:
        encoded = canonical(body)
        record = cls(id, terminal_id, seq, type, body, hashlib.sha256(encoded).hexdigest())
        object.__setattr__(record, "_encoded", encoded)  # not a field: replace() and == ignore it
        return record

    def renumbered(self, terminal_id: str, seq: int) -> Record:
        """The same record under the township's numbering, keeping its encoded body."""
        record = Record(self.id, terminal_id, seq, self.type, self.body, self.sha256)
        if "_encoded" in self.__dict__:
            object.__setattr__(record, "_encoded", self.__dict__["_encoded"])
        return record

    def wire_body(self) -> bytes:
        """The body's canonical JSON: kept from `make`, else encoded now."""
        return self.__dict__.get("_encoded") or canonical(self.body)

    def wire_json(self) -> bytes:
        """`as_json()` encoded, around the body's bytes (a push request holds many)."""
        head = (f'{{"id":{_quoted(self.id)},"terminal_id":{_quoted(self.terminal_id)},"seq":{int(self.seq)},'
                f'"type":{_quoted(self.type)},"sha256":{_quoted(self.sha256)},"body":')
        return head.encode("utf-8") + self.wire_body() + b"}"

    def as_json(self) -> dict:
        return {"id": self.id, "terminal_id": self.terminal_id, "seq": self.seq, "type": self.type,
                "body": self.body, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: object) -> Record:
        """A record from the wire; raises ValueError when a field is missing, mistyped or out
        of range (the body must encode: it keeps its canonical bytes for the hash check)."""
        if not isinstance(data, dict):
            raise ValueError("bad record: not an object")  # noqa: TRY004 (callers catch ValueError)
        try:
            record = cls(_name(data, "id"), _name(data, "terminal_id"), data["seq"], _name(data, "type"),
                         data["body"], data["sha256"])
        except KeyError as exc:
            raise ValueError(f"bad record: no {exc}") from None
        if not isinstance(record.seq, int) or isinstance(record.seq, bool) or not 1 <= record.seq <= INT_HIGH:
            raise ValueError("bad record: seq must be a whole number from 1")
        if not isinstance(record.sha256, str) or not _SHA256.fullmatch(record.sha256):
            raise ValueError("bad record: sha256 must be 64 hex digits")
        if not isinstance(record.body, dict):
            raise ValueError("bad record: body must be an object")  # noqa: TRY004
        try:
            object.__setattr__(record, "_encoded", canonical(record.body))
        except (ValueError, TypeError, RecursionError) as exc:
            raise ValueError(f"bad record: body does not encode ({str(exc)[:100]})") from None
        return record

    def intact(self) -> bool:
        """The body still hashes to what the terminal said (not tampered with on the way).
        An intact record keeps the bytes it was checked against, to store them as they are."""
        encoded = self.wire_body()
        ok = hmac.compare_digest(hashlib.sha256(encoded).hexdigest(), self.sha256)
        if ok:
            object.__setattr__(self, "_encoded", encoded)
        return ok


def _name(data: dict, key: str) -> str:
    value = data[key]
    if not isinstance(value, str) or not 0 < len(value) <= MAX_NAME or not value.isprintable():
        raise ValueError(f"bad record: {key} must be a short printable string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"bad record: {key} is not UTF-8") from None
    return value


def push_request(records: list[Record], credits: dict[str, int] | None = None) -> bytes:
    """The JSON of {"protocol": PROTOCOL, "records": [r.as_json() ...], "credits": {...}}, each body encoded
    once; `credits` (kiosk/sync/credits.py) left out when there are none."""
    said = b',"credits":' + canonical(credits) if credits else b""
    return b'{"protocol":%d,"records":[' % PROTOCOL + b",".join(r.wire_json() for r in records) + b"]" + said + b"}"


def signature(secret: str, method: str, path: str, timestamp: str, body: bytes) -> str:
    message = "\n".join((method.upper(), path, timestamp, hashlib.sha256(body).hexdigest()))
    return hmac.digest(secret.encode("utf-8"), message.encode("utf-8"), "sha256").hex()


def signed_headers(terminal_id: str, secret: str, method: str, path: str, body: bytes,
                   now: float) -> dict[str, str]:
    timestamp = str(int(now))
    return {TERMINAL_HEADER: terminal_id, TIME_HEADER: timestamp,
            SIGNATURE_HEADER: signature(secret, method, path, timestamp, body)}


def signature_ok(secret: str, method: str, path: str, timestamp: str, body: bytes, given: str) -> bool:
    return hmac.compare_digest(signature(secret, method, path, timestamp, body), given or "")
