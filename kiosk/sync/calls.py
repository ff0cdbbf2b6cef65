"""Signed HTTP calls to the township for one enrolled terminal, and how they fail.

Every failure to reach the township or to read its answer becomes `SyncFailed(code)`,
whose code has words in kiosk/messages/sync.py.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from email.utils import parsedate_to_datetime

import httpx

from kiosk.core import township_word
from kiosk.sync.wire import signed_headers, strict_loads


BUSY = (502, 503, 504)      # a proxy or the township says: not now, try again (Retry-After)


class SyncFailed(Exception):
    """A round stopped: `code` names why, for the status bar and the CLI."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.detail = code, detail


class Township:
    """Signed requests to one server for one enrolled terminal.

    A village PC's clock may be far off (a flat CMOS battery). The township refuses a
    signature more than 10 minutes off; then the request is signed again once with the
    township's own time (its Date header) and `clock_off_s` remembers the difference for
    the rest of the round. Only the signature's time follows it: records keep their stamps,
    and nothing is ordered by either clock."""

    def __init__(self, http: httpx.Client, url: str, terminal_id: str, secret: str, now: datetime) -> None:
        self.http, self.url, self.terminal_id, self.secret = http, url.rstrip("/"), terminal_id, secret
        self.now = now
        self.clock_off_s = 0
        self.last_signed = False        # whether the last answer judged carried the township's signature

    def call(self, method: str, path: str, payload: dict | bytes | None = None) -> httpx.Response:
        """`payload`: a JSON object, or one already encoded (a push request, see wire.push_request)."""
        if isinstance(payload, bytes):
            body = payload
        else:
            body = b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        response = self._send(method, path, body, payload is not None)
        if response.status_code == 401 and _refused_for_time(response):
            township_time = server_time(response)
            if township_time is not None:
                self.clock_off_s = int(township_time - self.now.timestamp())
                response = self._send(method, path, body, payload is not None)
        return response

    def _send(self, method: str, path: str, body: bytes, is_json: bool) -> httpx.Response:
        headers = signed_headers(self.terminal_id, self.secret, method, path, body,
                                 self.now.timestamp() + self.clock_off_s)
        if is_json:
            headers["Content-Type"] = "application/json"
        try:
            return self.http.request(method, self.url + path, content=body or None, headers=headers)
        except httpx.HTTPError as exc:
            raise SyncFailed("sync_offline", type(exc).__name__) from None

    def json(self, method: str, path: str, payload: dict | bytes | None = None,
             allow: tuple[int, ...] = (), signed: tuple[str, tuple[str, bool] | None] | None = None
             ) -> tuple[int, dict]:
        """The answer's JSON object. `signed` (what it is, the key and flag the counter trusts): the
        answer is judged by the township's signature over its bytes (kiosk/core/township_word.py),
        and `last_signed` says whether it carried a genuine one."""
        response = self.call(method, path, payload)
        if response.status_code in BUSY:         # the township (or its database) is away for now: retried later
            raise SyncFailed("sync_offline", f"HTTP {response.status_code}")
        if response.status_code >= 400 and response.status_code not in allow:
            raise SyncFailed("sync_server_refused", f"HTTP {response.status_code}: {answer_detail(response)}")
        self.last_signed = False
        if signed is not None:
            verdict = township_word.judged(signed[1], signed[0], self.terminal_id,
                                           hashlib.sha256(response.content).hexdigest(),
                                           response.headers.get(township_word.HEADER))
            if verdict == township_word.REFUSED:
                raise SyncFailed("sync_not_township", signed[0])
            self.last_signed = verdict == township_word.SIGNED
        try:
            data = strict_loads(response.content)   # the same strict reading as the township's
        except (ValueError, httpx.HTTPError):
            raise SyncFailed("sync_bad_answer", "not JSON") from None
        if not isinstance(data, dict):
            raise SyncFailed("sync_bad_answer", "not an object")
        return response.status_code, data


def _refused_for_time(response: httpx.Response) -> bool:
    try:
        data = response.json()
    except (ValueError, httpx.HTTPError):
        return False
    return isinstance(data, dict) and unwrap(data).get("error") == "auth_time"


def server_time(response: httpx.Response) -> float | None:
    """The township's clock when it answered: its HTTP Date header (whole seconds)."""
    try:
        return parsedate_to_datetime(response.headers["date"]).timestamp()
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def answer_detail(response: httpx.Response) -> str:
    try:
        data = response.json()
    except (ValueError, httpx.HTTPError):
        return response.text[:200]
    if isinstance(data, dict):
        data = data.get("message") or data.get("detail") or data
    return str(data)[:300]


def unwrap(data: dict) -> dict:
    """FastAPI puts an HTTPException's content under "detail"."""
    inner = data.get("detail")
    return inner if isinstance(inner, dict) else data
