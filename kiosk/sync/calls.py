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


# An answer without the township's signature, from a server that has only the terminal's secret:
# the push's records stay here to be sent again (its own words say so).
# An anchor answer comes after the round's push and pull: those stand, only the heads are not kept.
REFUSED_AS = {township_word.PUSH: "sync_push_not_township", township_word.ANCHOR: "sync_anchor_not_township"}
PULL_NOT_ASKED = "sync_pull_not_township"   # a signed page, but not the answer to the pull asked (client._pull_all)
# The township refused the signature (401, unsigned: it cannot bind an answer to a terminal it does not
# know). Only the words follow its code, nothing else does: the round ends as any refusal, with nothing
# taken from the answer and the records kept to be sent again.
NOT_KNOWN = "sync_not_known"      # auth_unknown, auth_bad: its clerk retired this counter, or its secret changed
CLOCK_OFF = "sync_clock_off"      # auth_time, still after signing with the township's own time (or none to go by)
_AUTH_WORDS = {"auth_unknown": NOT_KNOWN, "auth_bad": NOT_KNOWN, "auth_time": CLOCK_OFF}
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
        self.answers_signed = False     # whether an answer (push, state, anchor) carried it this round
        self.signed_head: int | None = None   # the head a signed state named this round: a pull ends there or later

    def call(self, method: str, path: str, payload: dict | bytes | None = None) -> httpx.Response:
        """`payload`: a JSON object, or one already encoded (a push request, see wire.push_request)."""
        body = _asked(payload)
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
             allow: tuple[int, ...] = (), signed: tuple[str, tuple[str, bool] | None] | None = None,
             asked: bytes | None = None) -> tuple[int, dict]:
        """The answer's JSON object. `signed` (what it is, the key and flag the counter trusts): the
        answer is judged by the township's signature over its bytes (kiosk/core/township_word.py),
        and `last_signed` says whether it carried a genuine one. `asked`: an answer (push, state,
        anchor), signed bound to what was asked (township_word.answer_digest); None: the request's
        body (a push or anchor request)."""
        response = self.call(method, path, payload)
        if response.status_code in BUSY:         # the township (or its database) is away for now: retried later
            raise SyncFailed("sync_offline", f"HTTP {response.status_code}")
        if response.status_code == 401 and _error_code(response) in _AUTH_WORDS:
            raise SyncFailed(_AUTH_WORDS[_error_code(response)])
        if response.status_code >= 400 and response.status_code not in allow:
            raise SyncFailed("sync_server_refused", refusal_words(response))
        self.last_signed = False
        if signed is not None:
            self.last_signed = self._judged(signed, response, _asked(payload) if asked is None else asked)
        try:
            data = strict_loads(response.content)   # the same strict reading as the township's
        except (ValueError, httpx.HTTPError):
            raise SyncFailed("sync_bad_answer", "not JSON") from None
        if not isinstance(data, dict):
            raise SyncFailed("sync_bad_answer", "not an object")
        return response.status_code, data

    def _judged(self, signed: tuple[str, tuple[str, bool] | None], response: httpx.Response, asked: bytes) -> bool:
        """Whether the answer carried the township's genuine signature; SyncFailed when refused."""
        purpose, trusted = signed
        if purpose in township_word.ANSWERS and self.answers_signed and trusted is not None:
            trusted = (trusted[0], True)        # signed once this round: every answer after it too
        if purpose in township_word.ANSWERS:
            digest = township_word.answer_digest(asked, response.content)
        else:
            digest = hashlib.sha256(response.content).hexdigest()
        verdict = township_word.judged(trusted, purpose, self.terminal_id, digest,
                                       response.headers.get(township_word.HEADER))
        if verdict == township_word.REFUSED:
            raise SyncFailed(REFUSED_AS.get(purpose, "sync_not_township"), purpose)
        if verdict == township_word.SIGNED and purpose in township_word.ANSWERS:
            self.answers_signed = True
        return verdict == township_word.SIGNED


def _asked(payload: dict | bytes | None) -> bytes:
    if isinstance(payload, bytes):
        return payload
    return b"" if payload is None else json.dumps(payload, ensure_ascii=False).encode("utf-8")


def _refused_for_time(response: httpx.Response) -> bool:
    return _error_code(response) == "auth_time"


def _error_code(response: httpx.Response) -> str | None:
    """The refusal's code (`error`), as the township puts it in its answer; None when it says none."""
    try:
        data = response.json()
    except (ValueError, httpx.HTTPError):
        return None
    code = unwrap(data).get("error") if isinstance(data, dict) else None
    return code if isinstance(code, str) else None


def server_time(response: httpx.Response) -> float | None:
    """The township's clock when it answered: its HTTP Date header (whole seconds)."""
    try:
        return parsedate_to_datetime(response.headers["date"]).timestamp()
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def refusal_words(response: httpx.Response) -> str:
    """What a refusal says, for the counter's screen: the township's own words, or what kind of
    answer came (kiosk/messages/values.py DETAIL_WORDS), never a status number or a page's text."""
    try:
        data = strict_loads(response.content)
    except (ValueError, httpx.HTTPError):
        data = None
    said = unwrap(data) if isinstance(data, dict) else {}
    if isinstance(said.get("error"), str) and isinstance(said.get("message"), str) and said["message"].strip():
        return said["message"].strip()[:300]     # the township's refusal: its code and its words
    status = response.status_code
    if status in (404, 405):
        return "wrong_address"
    if status in (400, 422):
        return "not_understood"
    if status == 413:
        return "too_big"
    return "server_error" if status >= 500 else "not_accepted"


def unwrap(data: dict) -> dict:
    """FastAPI puts an HTTPException's content under "detail"."""
    inner = data.get("detail")
    return inner if isinstance(inner, dict) else data
