"""`Server-Timing: app;dur=…, wait;dur=…, work;dur=…` on every answer: how long the server itself
took (ms), from the request reaching the app to its answer starting, so a slow sync can be told
apart from a slow network or a busy counter (browsers' developer tools and the benchmarks read
it). `wait` is the time a request's database work waited for a thread of the worker (behind
other requests), `work` the time it then took (the database, and the interpreter's lock shared
with the worker's other threads); app − wait − work is the event loop's own part."""

from __future__ import annotations

from contextvars import ContextVar
from time import perf_counter

_spent: ContextVar[dict[str, float] | None] = ContextVar("server_timing", default=None)


def spent(name: str, seconds: float) -> None:
    """Add `seconds` to the current request's `name` part (nothing outside a request)."""
    parts = _spent.get()
    if parts is not None:
        parts[name] = parts.get(name, 0.0) + seconds


def so_far(name: str) -> float:
    """The seconds the current request's `name` part holds now (0 outside a request)."""
    parts = _spent.get()
    return 0.0 if parts is None else parts.get(name, 0.0)


class ServerTiming:
    """A plain ASGI wrapper (no per-request task or body copy, unlike an HTTP middleware)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, parts = perf_counter(), {}
        _spent.set(parts)

        async def timed(message) -> None:
            if message["type"] == "http.response.start":
                took = ", ".join([f"app;dur={(perf_counter() - started) * 1000:.2f}",
                                  *(f"{name};dur={s * 1000:.2f}" for name, s in parts.items())]).encode()
                message = {**message, "headers": [*message.get("headers", ()), (b"server-timing", took)]}
            await send(message)

        await self.app(scope, receive, timed)


def server_ms(headers, part: str = "app") -> float | None:
    """The server's own time (or one `part` of it) from an answer's Server-Timing header, if it has one."""
    for item in (headers.get("server-timing") or "").split(","):
        name, _, duration = item.strip().partition(";dur=")
        if name == part and duration:
            try:
                return float(duration)
            except ValueError:
                return None
    return None
