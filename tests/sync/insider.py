"""An insider with the shop's database file: the terminal's secret, and a server of their own on the
township's address (or in the middle). What they can and cannot make a counter take as the township's."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx

from kiosk.core import township_asked
from kiosk.sync.wire import TERMINAL_HEADER, signed_headers
from tests.sync.real_township import NOW

_HOP = ("content-length", "content-encoding", "transfer-encoding")


def asked(request: httpx.Request) -> bytes:
    """The request as the township signs its answer for (kiosk/core/township_asked.py)."""
    return township_asked.asked(request.method, request.url.raw_path.decode(), request.content)


def relayed(answer: httpx.Response) -> httpx.Response:
    headers = {k: v for k, v in answer.headers.items() if k.lower() not in _HOP}
    return httpx.Response(answer.status_code, content=answer.content, headers=headers)


def forward(http, request: httpx.Request, body: bytes | None = None, secret: str | None = None,
            path: str | None = None) -> httpx.Response:
    """The request sent on to the real township; with `body` or `path` (and query) changed, signed
    again with `secret` (the terminal's, copied from the file), as the township's HMAC check accepts it."""
    headers = {k.lower(): v for k, v in request.headers.items() if k.lower() not in _HOP}
    body = request.content if body is None else body
    path = request.url.raw_path.decode() if path is None else path
    if secret is not None:
        signed = signed_headers(request.headers[TERMINAL_HEADER], secret, request.method, path, body, NOW.timestamp())
        headers |= {k.lower(): v for k, v in signed.items()}
    url = f"{request.url.scheme}://{request.url.netloc.decode()}{path}"
    return http.request(request.method, url, content=body, headers=headers)


def server(http, path: str, answer: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    """The insider's server: `path` answered by `answer`, everything else by the real township."""
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == path:
            return answer(request)
        return relayed(forward(http, request))
    return httpx.Client(transport=httpx.MockTransport(handle))


def rewriting(http, path: str, secret: str, change: Callable[[dict], None]) -> httpx.Client:
    """In the middle: the request to `path` changed by `change` and signed again with the secret;
    the township's own (genuinely signed) answer to that changed request carried back unchanged."""
    def answer(request: httpx.Request) -> httpx.Response:
        asked = json.loads(request.content)
        change(asked)
        return relayed(forward(http, request, json.dumps(asked, ensure_ascii=False).encode(), secret))
    return server(http, path, answer)


def unsigned(http) -> httpx.Client:
    """The township as it was before it signed: its answers without the signature header."""
    def handle(request: httpx.Request) -> httpx.Response:
        answer = relayed(forward(http, request))
        headers = {k: v for k, v in answer.headers.items() if k.lower() != "x-kiosk-township-signature"}
        return httpx.Response(answer.status_code, content=answer.content, headers=headers)
    return httpx.Client(transport=httpx.MockTransport(handle))
