"""Reading a request from outside, the one place every route of the township does it.

A body is read in chunks up to a cap (413), parsed by kiosk.sync.wire.strict_loads (400
with a reason for anything it refuses: not UTF-8, not JSON, NaN, numbers beyond 64 bits,
nesting too deep), and shaped into records or whole numbers (400). Nothing here writes.
"""

from __future__ import annotations

from fastapi import Request

from kiosk.sync.wire import INT_HIGH, MAX_NAME, Malformed, Record, strict_loads
from kiosk.township import turns
from kiosk.township.words import TownshipRefused

MAX_BODY_MB = 20                 # a push batch; a bigger history goes in several
SMALL_BODY_KB = 64               # enrolment and other unsigned or one-line requests


async def read_body(request: Request, limit_kb: float | None = None) -> bytes:
    """The raw body, refused with 413 as soon as it passes the cap (declared or streamed)."""
    limit = int((limit_kb or MAX_BODY_MB * 1024) * 1024)
    shown_mb = round(limit / 1024 / 1024, 3)
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise TownshipRefused("body_too_big", 413, limit=shown_mb)
    if declared == "0" or not (declared or "transfer-encoding" in request.headers):
        return b""                   # no body said (HTTP/1.1): none to wait for (a state, a pull)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TownshipRefused("body_too_big", 413, limit=shown_mb)
        chunks.append(chunk)
    return b"".join(chunks)


off_loop = turns.off_loop       # database work off the event loop (kiosk.township.turns)


def json_object(raw: bytes) -> dict:
    try:
        data = strict_loads(raw)
    except Malformed as exc:
        raise TownshipRefused("body_bad_json", 400, detail=str(exc)) from None
    if not isinstance(data, dict):
        raise TownshipRefused("body_bad_shape", 400, detail="expected a JSON object")
    return data


def records(data: dict) -> list[Record]:
    items = data.get("records")
    if not isinstance(items, list):
        raise TownshipRefused("body_bad_shape", 400, detail="'records' must be a list")
    try:
        return [Record.from_json(item) for item in items]
    except ValueError as exc:
        raise TownshipRefused("body_bad_shape", 400, detail=str(exc)) from None


MAX_CREDITS = 10**15      # hundredths a counter may say its books know of one account: sums of 10**12-point entries


def credits(said: object, records: list[Record]) -> dict[str, int] | None:
    """What a push (its `credits`) or bundle says its books knew of the credits of the accounts its
    spending touches (kiosk/township/tables/holds.py): None when it says nothing; 400 when it is not
    {account id: whole hundredths from 0}, or names more accounts than it carries records."""
    if said is None:
        return None
    if not isinstance(said, dict):
        raise TownshipRefused("body_bad_shape", 400, detail="'credits' must be an object")
    for account, amount in said.items():
        if not 0 < len(account) <= MAX_NAME or not account.isprintable():
            raise TownshipRefused("body_bad_shape", 400, detail="'credits' names an account by a short printable string")
        if not isinstance(amount, int) or isinstance(amount, bool) or not 0 <= amount <= MAX_CREDITS:
            raise TownshipRefused("body_bad_shape", 400,
                                  detail=f"'credits' are whole hundredths from 0 to {MAX_CREDITS}")
    if len(said) > len(records):
        raise TownshipRefused("body_bad_shape", 400, detail="'credits' name one account per record at most")
    return said


def whole(request: Request, name: str, default: int, low: int, high: int | None) -> int:
    """A query number, read after the signature check so strangers learn nothing but 401."""
    text = request.query_params.get(name)
    high_or_top = INT_HIGH if high is None else high
    value = default if text is None else _number(text, low - 1)
    if not low <= value <= high_or_top:
        raise TownshipRefused("body_bad_shape", 400, detail=f"'{name}' must be a whole number from {low}"
                              + (f" to {high}" if high else ""))
    return value


def _number(text: str, otherwise: int) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 19):
        return otherwise
    return int(text)


# The answers every signed route may give, for the OpenAPI description.
ERRORS = {400: {"description": "malformed, truncated or wrongly shaped body: {error, message}"},
           401: {"description": "missing or wrong signature, unknown terminal, clock > 10 min off"},
           403: {"description": "a record not the signer's own, or for another village"},
           409: {"description": "conflict (per-record results), gap {expected}, or fork"},
           413: {"description": "body larger than 20 MB (enrol: 64 KB)"}}
