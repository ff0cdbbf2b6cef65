"""The one HTTP client the terminal uses to reach the township.

Only kiosk.sync (this client side) and kiosk.township (the server) import httpx; everyone
else makes a client with `township_client()` and passes it around as a `Client`.
"""

from __future__ import annotations

import httpx

Client = httpx.Client
TIMEOUT = httpx.Timeout(20.0, connect=5.0)


def township_client() -> Client:
    """A new client with the sync timeouts; the caller closes it (a `with` block)."""
    return httpx.Client(timeout=TIMEOUT)
