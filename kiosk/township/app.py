"""The township's HTTP API (FastAPI): enrol, push, pull, state. OpenAPI at /openapi.json.

Bodies are read raw and parsed here so a truncated or malformed body gets a 400 with a
plain reason; everything except enrol is signed (kiosk.sync.wire) and checked against the
terminal's secret; the request time only bounds a replay window, it never orders anything.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kiosk.sync.wire import (
    SIGNATURE_HEADER,
    TERMINAL_HEADER,
    TIME_HEADER,
    Record,
    signature_ok,
)
from kiosk.township import merge
from kiosk.township.store import Store
from kiosk.township.words import TownshipRefused

MAX_BODY_MB, REPLAY_WINDOW_S, MAX_PULL = 20, 600, 5000
_RECORD = {"type": "object", "required": ["id", "terminal_id", "seq", "type", "body", "sha256"],
           "properties": {"id": {"type": "string"}, "terminal_id": {"type": "string"},
                          "seq": {"type": "integer", "minimum": 1}, "type": {"type": "string"},
                          "body": {"type": "object"}, "sha256": {"type": "string"}}}
_PUSH_DOC = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["records"], "properties": {"records": {"type": "array", "items": _RECORD}}}}}}}
_ENROL_DOC = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["code", "name"],
    "properties": {"code": {"type": "string"}, "name": {"type": "string"},
                   "number": {"type": "integer", "description": "the PC's terminal number now; kept if free"}}}}}}}
_PULL_DOC = {"parameters": [
    {"name": "since", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0},
     "description": "the cursor from the previous page (a commit number); 0 for everything"},
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 5000, "default": 1000}}]}
_ERRORS = {400: {"description": "malformed, truncated or wrongly shaped body: {error, message}"},
           401: {"description": "missing or wrong signature, unknown terminal, clock > 10 min off"},
           403: {"description": "a record not the signer's own, or for another village"},
           409: {"description": "conflict (per-record results), gap {expected}, or fork"},
           413: {"description": "body larger than 20 MB"}}


def _refusal(exc: TownshipRefused) -> JSONResponse:
    return JSONResponse({"error": exc.code, "message": exc.words("zh"), "message_en": exc.words("en"),
                         **{k: v for k, v in exc.params.items() if isinstance(v, (int, str))}},
                        status_code=exc.status)


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_MB * 1024 * 1024:
        raise TownshipRefused("body_too_big", 413, limit=MAX_BODY_MB)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_MB * 1024 * 1024:
            raise TownshipRefused("body_too_big", 413, limit=MAX_BODY_MB)
        chunks.append(chunk)
    return b"".join(chunks)


def _json_object(raw: bytes) -> dict:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise TownshipRefused("body_bad_json", 400, detail=str(exc)) from None
    if not isinstance(data, dict):
        raise TownshipRefused("body_bad_shape", 400, detail="expected a JSON object")
    return data


def _authenticate(store: Store, request: Request, raw: bytes):
    tid = request.headers.get(TERMINAL_HEADER)
    stamp, given = request.headers.get(TIME_HEADER), request.headers.get(SIGNATURE_HEADER)
    if not (tid and stamp and given):
        raise TownshipRefused("auth_missing", 401)
    terminal = store.terminal(tid)
    if terminal is None:
        store.log_incident("bad_signature", {"reason": "unknown terminal", "terminal": tid})
        raise TownshipRefused("auth_unknown", 401, terminal=tid)
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    if not signature_ok(terminal["secret"], request.method, path, stamp, raw, given):
        store.log_incident("bad_signature", {"path": path}, terminal_id=tid, village_id=terminal["village_id"])
        raise TownshipRefused("auth_bad", 401)
    try:
        skew = abs(store.clock() - int(stamp))
    except ValueError:
        raise TownshipRefused("auth_bad", 401) from None
    if skew > REPLAY_WINDOW_S:
        store.log_incident("stale_time", {"skew_s": int(skew)}, terminal_id=tid, village_id=terminal["village_id"])
        raise TownshipRefused("auth_time", 401, minutes=int(skew // 60))
    return terminal


def _records(data: dict) -> list[Record]:
    items = data.get("records")
    if not isinstance(items, list):
        raise TownshipRefused("body_bad_shape", 400, detail="'records' must be a list")
    try:
        return [Record.from_json(item) for item in items]
    except (ValueError, TypeError, AttributeError) as exc:
        raise TownshipRefused("body_bad_shape", 400, detail=str(exc)) from None


def _whole(request: Request, name: str, default: int, low: int, high: int | None) -> int:
    """A query number, read after the signature check so strangers learn nothing but 401."""
    text = request.query_params.get(name)
    try:
        value = default if text is None else int(text)
    except ValueError:
        value = low - 1
    if value < low or (high is not None and value > high):
        raise TownshipRefused("body_bad_shape", 400, detail=f"'{name}' must be a whole number from {low}"
                              + (f" to {high}" if high else ""))
    return value


def create_app(db_path: str | Path, clock: Callable[[], float] = time.time) -> FastAPI:
    store = Store(db_path, clock)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        store.close()

    app = FastAPI(lifespan=lifespan, title="积分超市 township server", version="1",
                  description="Sync for village points shops: enrol, push, pull, state. "
                              "Signed with HMAC-SHA256 (see kiosk.sync.wire).")
    app.state.store = store
    app.add_exception_handler(TownshipRefused, lambda request, exc: _refusal(exc))

    @app.post("/v1/enrol", openapi_extra=_ENROL_DOC, responses=_ERRORS)
    async def enrol(request: Request) -> dict:
        """Trade a one-time enrolment code for {terminal_id, secret, village_id, number}.

        `number` in the body is the terminal number the PC has now: kept if no other counter of
        the village holds it, else the answer's `number` is the smallest free one."""
        data = _json_object(await _body(request))
        code, name, wanted = data.get("code"), data.get("name"), data.get("number")
        if not isinstance(code, str) or not isinstance(name, str) or not name.strip():
            raise TownshipRefused("body_bad_shape", 400, detail="need 'code' and 'name' strings")
        if wanted is not None and (not isinstance(wanted, int) or isinstance(wanted, bool)):
            raise TownshipRefused("body_bad_shape", 400, detail="'number' must be a whole number")
        return store.enrol(code, name.strip(), wanted)

    @app.post("/v1/push", openapi_extra=_PUSH_DOC, responses=_ERRORS)
    async def push(request: Request):
        """Store a batch; per-record {id, status: stored|duplicate|conflict|rejected, detail} and high_water."""
        raw = await _body(request)
        terminal = _authenticate(store, request, raw)
        result = merge.push(store, terminal, _records(_json_object(raw)))
        return JSONResponse(result.as_json() | ({"error": "conflict"} if result.conflict else {}),
                            status_code=409 if result.conflict else 200)

    @app.get("/v1/pull", responses=_ERRORS, openapi_extra=_PULL_DOC)
    async def pull(request: Request):
        """What the village needs after cursor `since`, in the server's commit order: {records, cursor, more}."""
        terminal = _authenticate(store, request, await _body(request))
        since = _whole(request, "since", 0, 0, None)
        limit = _whole(request, "limit", 1000, 1, MAX_PULL)
        store.touch(terminal["id"])
        return merge.pull(store, terminal, since, limit)

    @app.get("/v1/state", responses=_ERRORS)
    async def state(request: Request) -> dict:
        """The server's high water for this terminal: a terminal resumes from it, never from memory."""
        terminal = _authenticate(store, request, await _body(request))
        return {"terminal_id": terminal["id"], "high_water": terminal["high_water"],
                "cursor_hint": store.cursor_hint(), "server_time": int(store.clock())}

    # 积分互认 has its own module; imported here because it uses this module's helpers
    from kiosk.township import cross

    cross.register(app, store)
    from kiosk.township import anchors  # books' chain heads (kiosk/township/anchors.py)

    anchors.register(app, store)

    return app
