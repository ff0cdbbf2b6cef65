"""Record ids: UUIDv7 (RFC 9562), made where the record is born, sortable by birth time.

48 bits of Unix milliseconds, then 12 bits that count up within one millisecond
(so ids made in a tight loop still sort in the order they were made), then 62
random bits.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def _next_stamp() -> tuple[int, int]:
    global _last_ms, _counter
    with _lock:
        now = time.time_ns() // 1_000_000
        if now > _last_ms:
            _last_ms, _counter = now, int.from_bytes(os.urandom(2), "big") & 0x3FF
        else:  # same millisecond (or the clock stepped back): count on
            _counter += 1
            if _counter > 0xFFF:
                _last_ms, _counter = _last_ms + 1, 0
        return _last_ms, _counter


def new_id() -> str:
    millis, counter = _next_stamp()
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (millis & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))
