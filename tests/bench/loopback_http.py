"""A bare HTTP/1.1 keep-alive connection over asyncio streams, for the crowd benchmark.

300 counters at once from one process on 2 CPUs: httpx spends about a millisecond of CPU per
request, so the client, not the server, would set the pace. This speaks just what the sync
needs (a request with a Content-Length body, an answer with a Content-Length body), the answer's
head read in one call.
"""

from __future__ import annotations

import asyncio
import json
from typing import Self


class HttpError(RuntimeError):
    pass


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def __aenter__(self) -> Self:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def __aexit__(self, *exc) -> None:
        if self.writer is not None:
            self.writer.close()

    async def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None
                      ) -> tuple[int, dict[str, str], object]:
        """(status, headers with lower-case names, the JSON answer)."""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await self.writer.drain()
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status, answer_headers = int(head[0].split(" ", 2)[1]), {}
        for line in head[1:-2]:
            name, _, value = line.partition(":")
            answer_headers[name.strip().lower()] = value.strip()
        if "content-length" not in answer_headers:
            raise HttpError(f"{method} {path}: an answer without Content-Length ({status})")
        raw = await self.reader.readexactly(int(answer_headers["content-length"]))
        return status, answer_headers, json.loads(raw) if raw else None
