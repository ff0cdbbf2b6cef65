"""The township's HTTP API (FastAPI): enrol, push, pull, state. OpenAPI at /openapi.json.

Bodies are read raw and parsed strictly (kiosk.township.parsing) so anything truncated,
malformed or out of range gets a 400/413 with a plain reason; everything except enrol is
signed (kiosk.sync.wire) and checked against the terminal's secret (kiosk.township.auth,
which counts failures in memory and writes nothing); the request time only bounds a replay
window, it never orders anything. Whatever else goes wrong is logged and answered with a
plain 500 that shows no details.
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from kiosk.core import township_word
from kiosk.township import anchors, auth, cross, merge, parsing, reidentify, turns, word
from kiosk.township.parsing import ERRORS as _ERRORS
from kiosk.township.store import Store
from kiosk.township.timing import ServerTiming
from kiosk.township.words import TownshipRefused

MAX_PULL = 5000
log = logging.getLogger("kiosk.township")
_RECORD = {"type": "object", "required": ["id", "terminal_id", "seq", "type", "body", "sha256"],
           "properties": {"id": {"type": "string"}, "terminal_id": {"type": "string"},
                          "seq": {"type": "integer", "minimum": 1}, "type": {"type": "string"},
                          "body": {"type": "object"}, "sha256": {"type": "string"}}}
_PUSH_DOC = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["records"], "properties": {
        "records": {"type": "array", "items": _RECORD},
        "credits": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0},
                    "description": "per account a spending entry of the push touches: the sum of the credits "
                                   "(positive entries, hundredths) the counter's books know for it now"}}}}}}}
_ENROL_DOC = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["code", "name"],
    "properties": {"code": {"type": "string"}, "name": {"type": "string"},
                   "number": {"type": "integer", "description": "the PC's terminal number now; kept if free"}}}}}}}
_PULL_DOC = {"parameters": [
    {"name": "since", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0},
     "description": "the cursor from the previous page (a commit number); 0 for everything"},
    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 5000, "default": 1000}}]}
_STATE_DOC = {"parameters": [
    {"name": "sign", "in": "query", "required": False, "schema": {"type": "string", "maxLength": 64},
     "description": "a nonce: the answer then carries the township's signature (X-Kiosk-Township-Signature) "
                    "over it and the answer's bytes; without it (a round with nothing new) nothing is signed"}]}
RETRY_AFTER_S = 30       # the database went away: when a counter should try again
# FastAPI's OpenTelemetry hooks, off: the township exports no traces or metrics (its Server-Timing
# and logs say what it did), and looking for a provider costs every request some CPU.
NO_TELEMETRY = {"tracing": False, "metrics": False, "logs": False, "operation_spans": False}
THREADS = 64             # requests of one process using the database at once (they queue on its pool)


def _refusal(exc: TownshipRefused) -> JSONResponse:
    return JSONResponse({"error": exc.code, "message": exc.words("zh"), "message_en": exc.words("en"),
                         **{k: v for k, v in exc.params.items() if isinstance(v, (int, str))}},
                        status_code=exc.status,
                        headers={"Retry-After": str(RETRY_AFTER_S)} if exc.status == 503 else None)


_body, _json_object, _records, _whole = parsing.read_body, parsing.json_object, parsing.records, parsing.whole
off_loop = parsing.off_loop
_authenticate = auth.authenticate


class RequestOnly(APIRoute):
    """A route whose endpoint takes the Request alone and returns a Response: called as it is, without
    FastAPI's parameter solving on every request (there is nothing to solve). For a counter's state,
    the request a county's server answers most; OpenAPI describes it as any other."""

    def get_route_handler(self):
        return self.endpoint


class StateFirst:
    """GET /v1/state answered as soon as the request is in, ahead of FastAPI's exception layers and
    router: a county's server answers it most (every counter, every round; a round with nothing new
    is this request alone), and those layers cost more CPU than its answer. Its refusals are answered
    as a route's are (_refusal); anything unforeseen goes on up to the 500 handler, as from a route.
    The route stays, for OpenAPI (and for a path under a proxy's root_path, which it answers as before)."""

    def __init__(self, app, answer: Callable) -> None:
        self.app, self.answer = app, answer

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/v1/state":
            await self.app(scope, receive, send)
            return
        try:
            response = await self.answer(Request(scope, receive))
        except TownshipRefused as refused:
            response = _refusal(refused)
        await response(scope, receive, send)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """Anything not foreseen: logged with its traceback here, a plain 500 there (no details)."""
    log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    refusal = TownshipRefused("internal", 500)
    return JSONResponse({"error": refusal.code, "message": refusal.words("zh"), "message_en": refusal.words("en")},
                        status_code=500)


def from_environment() -> FastAPI:
    """The app of one `serve --workers N` worker: the database named by KIOSK_TOWNSHIP_DB."""
    return serving_app(os.environ["KIOSK_TOWNSHIP_DB"])


def serving_app(db_path: str | Path) -> FastAPI:
    """The app of a serving process (`serve`, each of its workers). What it holds for the life of
    the process (modules, routes, the store) is set aside from the garbage collector (gc.freeze):
    else every full collection walks it all again, and one falling inside a crowd's burst held
    up every round this process had in hand (p95 doubled in the crowd benchmark)."""
    app = create_app(db_path)
    gc.collect()
    gc.freeze()
    return app


def create_app(db_path: str | Path, clock: Callable[[], float] = time.time) -> FastAPI:
    store = Store(db_path, clock)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        to_thread.current_default_thread_limiter().total_tokens = THREADS
        await store.open_loop()
        try:
            yield
        finally:
            await store.close_loop()
            store.close()

    app = FastAPI(lifespan=lifespan, title="积分超市 township server", version="1", telemetry=NO_TELEMETRY,
                  description="Sync for village points shops: enrol, push, pull, state. "
                              "Signed with HMAC-SHA256 (see kiosk.sync.wire).")
    app.state.store = store
    app.add_exception_handler(TownshipRefused, lambda request, exc: _refusal(exc))
    app.add_exception_handler(Exception, _unexpected)

    @app.post("/v1/enrol", openapi_extra=_ENROL_DOC, responses=_ERRORS)
    async def enrol(request: Request) -> dict:
        """Trade a one-time enrolment code for {terminal_id, secret, village_id, number}.

        `number` in the body is the terminal number the PC has now: kept if no other counter of
        the village holds it, else the answer's `number` is the smallest free one."""
        data = _json_object(await _body(request, parsing.SMALL_BODY_KB))
        code, name, wanted = data.get("code"), data.get("name"), data.get("number")
        if not isinstance(code, str) or not isinstance(name, str) or not name.strip():
            raise TownshipRefused("body_bad_shape", 400, detail="need 'code' and 'name' strings")
        if wanted is not None and (not isinstance(wanted, int) or isinstance(wanted, bool)):
            raise TownshipRefused("body_bad_shape", 400, detail="'number' must be a whole number")
        from kiosk.township.console import certificate   # the key its counter checks 积分证明 snapshots with

        def enrolled() -> dict:   # `signs`: its pull pages and USB replies carry its signature (kiosk/township/word.py);
            # `signs_answers`: its push, signed state and anchor answers too
            return store.enrol(code, name.strip(), wanted) | {"township_key": certificate.public_key(store), "signs": True,
                                                              "signs_answers": True}
        return await off_loop(enrolled, writing=True)

    def store_push(request: Request, raw: bytes) -> JSONResponse:
        """The answer is signed, bound to the request's body (kiosk/township/word.py): the counter
        forgets what it sent, and moves its high water, only on the township's own word; a gap or
        fork (409) too, since the counter resends from what it names."""
        terminal = _authenticate(store, request, raw)
        try:
            data = _json_object(raw)
            records = _records(data)
            result = merge.push(store, terminal, records, credits=parsing.credits(data.get("credits"), records))
            answer = JSONResponse(result.as_json() | ({"error": "conflict"} if result.conflict else {}),
                                  status_code=409 if result.conflict else 200)
        except TownshipRefused as refused:
            if refused.status != 409:
                raise
            answer = _refusal(refused)
        return word.signed_answer(store, township_word.PUSH, terminal["id"], raw, answer)

    @app.post("/v1/push", openapi_extra=_PUSH_DOC, responses=_ERRORS)
    async def push(request: Request):
        """Store a batch; per-record {id, status: stored|duplicate|conflict|rejected, detail} and high_water."""
        return await off_loop(store_push, request, await _body(request), writing=True)

    def pull_page(request: Request, raw: bytes) -> JSONResponse:
        terminal = _authenticate(store, request, raw)
        since = _whole(request, "since", 0, 0, None)
        limit = _whole(request, "limit", 1000, 1, MAX_PULL)
        store.touch(terminal)
        answer = JSONResponse(merge.pull(store, terminal, since, limit))   # plain JSON already: no encoder pass
        answer.headers[township_word.HEADER] = word.pull_signature(store, terminal["id"], answer.body)
        return answer

    @app.get("/v1/pull", responses=_ERRORS, openapi_extra=_PULL_DOC)
    async def pull(request: Request):
        """What the village needs after cursor `since`, in the server's commit order: {records, cursor, more}."""
        return await off_loop(pull_page, request, await _body(request))

    def state_answer(terminal) -> JSONResponse:
        return JSONResponse({"terminal_id": terminal["id"], "high_water": terminal["high_water"],
                             "cursor_hint": terminal["top"], "server_time": int(store.clock()),
                             "to_settle": bool(terminal["to_settle"]),   # a pull must judge this terminal's push
                             **reidentify.last_record(store, terminal), **anchors.anchor_of(terminal)})

    def state_of(request: Request, raw: bytes) -> JSONResponse:
        terminal = _authenticate(store, request, raw)
        store.touch(terminal)        # a round with nothing new may end here (see to_settle)
        nonce = request.query_params.get(township_word.SIGN_STATE)
        if nonce is None:
            return state_answer(terminal)
        return word.signed_answer(store, township_word.STATE, terminal["id"], nonce.encode(), state_answer(terminal))

    async def state_on_loop(request: Request, raw: bytes) -> JSONResponse:
        terminal = await auth.authenticate_on_loop(store, request, raw)
        if store.touch_due(terminal):              # once a minute a terminal's last contact
            await store.touch_on_loop(terminal)
        return state_answer(terminal)

    async def state(request: Request):
        """The server's high water for this terminal: a terminal resumes from it, never from memory.
        `cursor_hint` is the last commit number: a counter whose pull cursor is there already, that
        pushed nothing and has nothing `to_settle`, needs no pull this round. With `sign` (a nonce of
        the counter's) the answer carries the township's signature bound to it (X-Kiosk-Township-Signature,
        kiosk/core/township_word.py): asked when the high water is not what the counter knows, and
        at least once an hour (kiosk/sync/freshness.py)."""
        raw = await _body(request)
        if store.reads_on_loop() and b"sign=" not in request.scope["query_string"]:   # a signed one: in a thread
            return await turns.on_loop(state_on_loop, request, raw)
        return await off_loop(state_of, request, raw)
    app.router.add_api_route("/v1/state", state, methods=["GET"], responses=_ERRORS, route_class_override=RequestOnly,
                             openapi_extra=_STATE_DOC)
    app.add_middleware(StateFirst, answer=state)       # inside ServerTiming: added before it

    @app.post("/v1/certificates", responses=_ERRORS)
    async def certificates(request: Request) -> dict:
        """积分证明 snapshots: {key, statements: [{household, text}]}, one signed statement per household
        of the terminal's village. The body may carry the village's grade table, {"grades": [[label, minimum, perks]]},
        and the `version` of the snapshots the counter holds ({"have": …}): the same version answers no statements."""
        from kiosk.township.console import snapshots
        raw = await _body(request, parsing.SMALL_BODY_KB)

        def snapshots_asked() -> dict:
            terminal = _authenticate(store, request, raw)
            data = _json_object(raw) if raw.strip() else {}
            return snapshots.for_village(store, terminal["village_id"], data.get("grades"), data.get("have"))
        return await off_loop(snapshots_asked)

    app.add_middleware(ServerTiming)
    cross.register(app, store)
    reidentify.register(app, store)
    anchors.register(app, store)

    from kiosk.township.console import pages  # 乡镇管理台: the web console at /
    pages.mount(app, store)

    return app
