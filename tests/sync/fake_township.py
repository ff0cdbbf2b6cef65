"""A small in-memory township speaking the sync protocol, for the terminal's tests.

It checks signatures, stores pushed records by id (same id, other hash → conflict),
answers a gap with 409 and the expected seq, and serves pages of what it was given to
send (`publish`). `reply_bundle` writes a USB reply as the township would.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import httpx

from kiosk.sync.bundle import write_bundle
from kiosk.sync.wire import (
    SIGNATURE_HEADER,
    TERMINAL_HEADER,
    TIME_HEADER,
    Record,
    signature_ok,
)

URL = "http://township.test"


class FakeTownship:
    def __init__(self, terminal_id: str, secret: str) -> None:
        self.terminal_id, self.secret = terminal_id, secret
        self.stored: dict[str, Record] = {}
        self.high_water = 0
        self.published: list[Record] = []
        self.reject: dict[str, str] = {}  # record type -> reason: refuse every record of it
        self.requests: list[str] = []
        self.cut_after_push = False  # store the push, then drop the connection mid-answer
        self.state_high_water: int | None = None  # a township that answers state from an old backup

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=self.transport())

    def handle(self, request: httpx.Request) -> httpx.Response:
        parts = urlsplit(str(request.url))
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        self.requests.append(f"{request.method} {parts.path}")
        body = request.read()
        if parts.path == "/v1/enrol":
            return httpx.Response(200, json={"terminal_id": self.terminal_id, "secret": self.secret})
        if not signature_ok(self.secret, request.method, path, request.headers.get(TIME_HEADER, ""), body,
                            request.headers.get(SIGNATURE_HEADER, "")) \
                or request.headers.get(TERMINAL_HEADER) != self.terminal_id:
            return httpx.Response(401, json={"detail": "auth_bad"})
        if parts.path == "/v1/state":
            return httpx.Response(200, json={"terminal_id": self.terminal_id,
                                             "high_water": self.high_water if self.state_high_water is None
                                             else self.state_high_water,
                                             "cursor": str(len(self.published))})
        if parts.path == "/v1/push":
            return self._push(json.loads(body))
        if parts.path == "/v1/pull":
            query = parse_qs(parts.query)
            since, limit = int(query["since"][0] or 0), int(query["limit"][0])
            page = self.published[since:since + limit]
            return httpx.Response(200, json={"records": [r.as_json() for r in page],
                                             "cursor": str(since + len(page)),
                                             "more": since + len(page) < len(self.published)})
        return httpx.Response(404, json={"detail": "not found"})

    def _push(self, data: dict) -> httpx.Response:
        results = []
        for raw in data["records"]:
            record = Record.from_json(raw)
            if record.seq > self.high_water + 1:
                return httpx.Response(409, json={"detail": {"error": "gap", "expected": self.high_water + 1}})
            held = self.stored.get(record.id)
            if record.type in self.reject:
                status = {"id": record.id, "status": "rejected", "reason": self.reject[record.type]}
            elif held is None:
                self.stored[record.id] = record
                status = {"id": record.id, "status": "stored"}
            else:
                status = {"id": record.id, "status": "duplicate" if held.sha256 == record.sha256 else "conflict"}
            self.high_water = max(self.high_water, record.seq)
            results.append(status)
        if self.cut_after_push:
            self.cut_after_push = False
            raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")
        conflict = any(r["status"] == "conflict" for r in results)  # as the real township: 409, results kept
        return httpx.Response(409 if conflict else 200, json={"results": results, "high_water": self.high_water,
                                                              **({"error": "conflict"} if conflict else {})})

    def publish(self, records: list[Record]) -> None:
        self.published.extend(records)

    def reply_bundle(self, path, records: list[Record] | None = None, high_water: int | None = None,
                     cursor: str | None = None, terminal_id: str | None = None, secret: str | None = None):
        records = self.published if records is None else records
        manifest = {"kind": "reply", "terminal_id": terminal_id or self.terminal_id, "village_id": "v",
                    "high_water": self.high_water if high_water is None else high_water,
                    "cursor": cursor if cursor is not None else str(len(self.published)), "created": "x"}
        return write_bundle(path, manifest, records, secret or self.secret)

    def take_bundle(self, path) -> None:
        """Import a terminal's push bundle through the same path as a push."""
        from kiosk.sync.bundle import read_bundle

        _, records = read_bundle(path, self.secret)
        response = self._push({"records": [r.as_json() for r in records]})
        assert response.status_code == 200
