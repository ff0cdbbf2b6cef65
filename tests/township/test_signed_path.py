"""The path a request is checked against is the one the counter signed: read from the request's
scope without building Starlette's URL (kiosk.township.auth.signed_path), it is the string
request.url gives for every path and query a counter sends, and, where request.url would leave
out a part the app reads (a '#' in the query, a control character in the path), it keeps it, so a
signature never covers less than the request."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from starlette.requests import Request

from kiosk.township.auth import signed_path

# a path as uvicorn gives it (percent-decoded: any printable character, '?', '#', '\\' among them)
# and a query as sent (visible ASCII but '#', which a client never sends: it starts a fragment)
_PATH = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40).map(lambda s: "/" + s)
_QUERY = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E, blacklist_characters="#"), max_size=40)
_HOST = st.sampled_from([None, b"127.0.0.1:8000", b"township.example.cn", b"[::1]:9000", b"bad host/x"])


def _request(path: str, query: str, host: bytes | None) -> Request:
    headers = [(b"host", host)] if host is not None else []
    return Request({"type": "http", "method": "GET", "scheme": "http", "path": path, "root_path": "",
                    "query_string": query.encode("ascii"), "headers": headers, "server": ("127.0.0.1", 8000)})


def _as_starlette_has_it(request: Request) -> str:
    return request.url.path + (f"?{request.url.query}" if request.url.query else "")


@settings(max_examples=400, deadline=None)
@given(_PATH, _QUERY, _HOST)
def test_the_signed_path_is_the_one_request_url_gives(path, query, host):
    request = _request(path, query, host)
    assert signed_path(request) == _as_starlette_has_it(request)


def test_the_sync_paths_are_signed_as_sent():
    assert signed_path(_request("/v1/state", "sign=abc", b"x")) == "/v1/state?sign=abc"
    assert signed_path(_request("/v1/pull", "since=7&limit=500", None)) == "/v1/pull?since=7&limit=500"
    assert signed_path(_request("/v1/push", "", b"x")) == "/v1/push"


def test_what_request_url_would_leave_out_is_signed_too():
    """A signature for `?since=7` must not also let `?since=7#&since=0` through (the parameters are
    read from the whole query), nor one for /v1/state a path with a tab in it."""
    after_hash = _request("/v1/pull", "since=7#&since=0", b"x")
    assert signed_path(after_hash) == "/v1/pull?since=7#&since=0" != _as_starlette_has_it(after_hash)
    with_tab = _request("/v1/st\tate", "", b"x")
    assert signed_path(with_tab) == "/v1/st\tate" != _as_starlette_has_it(with_tab)
