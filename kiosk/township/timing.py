"""`Server-Timing: app;dur=…` on every answer: how long the server itself took (ms), from the
request reaching the app to its answer starting, so a slow sync can be told apart from a slow
network or a busy counter (browsers' developer tools and the benchmarks read it)."""

from __future__ import annotations

from time import perf_counter


class ServerTiming:
    """A plain ASGI wrapper (no per-request task or body copy, unlike an HTTP middleware)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = perf_counter()

        async def timed(message) -> None:
            if message["type"] == "http.response.start":
                took = f"app;dur={(perf_counter() - started) * 1000:.2f}".encode()
                message = {**message, "headers": [*message.get("headers", ()), (b"server-timing", took)]}
            await send(message)

        await self.app(scope, receive, timed)


def server_ms(headers) -> float | None:
    """The server's own time from an answer's Server-Timing header, if it has one."""
    for part in (headers.get("server-timing") or "").split(","):
        name, _, duration = part.strip().partition(";dur=")
        if name == "app" and duration:
            try:
                return float(duration)
            except ValueError:
                return None
    return None
