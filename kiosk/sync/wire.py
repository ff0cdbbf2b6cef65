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
from dataclasses import dataclass
from json.encoder import encode_basestring as _quoted  # a JSON string, UTF-8 kept as is

from kiosk.core.canonical import body_hash, canonical  # noqa: F401  (body_hash: used through wire)

TERMINAL_HEADER, TIME_HEADER, SIGNATURE_HEADER = "X-Kiosk-Terminal", "X-Kiosk-Time", "X-Kiosk-Signature"
PROTOCOL = 1


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
    def from_json(cls, data: dict) -> Record:
        """A record from the wire; raises ValueError when a field is missing or mistyped."""
        try:
            record = cls(str(data["id"]), str(data["terminal_id"]), int(data["seq"]), str(data["type"]),
                         dict(data["body"]), str(data["sha256"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"bad record: {exc}") from None
        if record.seq < 1:
            raise ValueError("bad record: seq must be positive")
        return record

    def intact(self) -> bool:
        """The body still hashes to what the terminal said (not tampered with on the way).
        An intact record keeps the bytes it was checked against, to store them as they are."""
        encoded = self.wire_body()
        ok = hmac.compare_digest(hashlib.sha256(encoded).hexdigest(), self.sha256)
        if ok:
            object.__setattr__(self, "_encoded", encoded)
        return ok


def push_request(records: list[Record]) -> bytes:
    """The JSON of {"protocol": PROTOCOL, "records": [r.as_json() ...]}, each body encoded once."""
    return b'{"protocol":%d,"records":[' % PROTOCOL + b",".join(r.wire_json() for r in records) + b"]}"


def signature(secret: str, method: str, path: str, timestamp: str, body: bytes) -> str:
    message = "\n".join((method.upper(), path, timestamp, hashlib.sha256(body).hexdigest()))
    return hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def signed_headers(terminal_id: str, secret: str, method: str, path: str, body: bytes,
                   now: float) -> dict[str, str]:
    timestamp = str(int(now))
    return {TERMINAL_HEADER: terminal_id, TIME_HEADER: timestamp,
            SIGNATURE_HEADER: signature(secret, method, path, timestamp, body)}


def signature_ok(secret: str, method: str, path: str, timestamp: str, body: bytes, given: str) -> bool:
    return hmac.compare_digest(signature(secret, method, path, timestamp, body), given or "")
