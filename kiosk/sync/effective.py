"""A township-published change applies from its effective date, never before.

The township may publish a rule, a shared product, a price or a 同值化 mapping with
`effective_from` (YYYY-MM-DD) later than the day a counter pulls it. Such a record is kept
in `sync_remote` unapplied (like any record that does not fit yet); every sync, and
`apply_due` on its own, applies those whose day has come, in the order they arrived.
Nothing in the ledger changes: entries already made keep the rule version they were given.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from kiosk.sync.authority import TOWNSHIP_ID
from kiosk.sync.wire import Record

_today: ContextVar[str | None] = ContextVar("township_today", default=None)


@contextmanager
def on_day(today: str) -> Iterator[None]:
    """Records applied inside this block are applied as on `today` (YYYY-MM-DD)."""
    token = _today.set(today[:10])
    try:
        yield
    finally:
        _today.reset(token)


def starts(body: object) -> str | None:
    when = body.get("effective_from") if isinstance(body, dict) else None
    return when[:10] if isinstance(when, str) and when else None


def not_yet(record: Record) -> bool:
    """A township record whose effective date is after the day being applied."""
    today, when = _today.get(), starts(record.body)
    return record.terminal_id == TOWNSHIP_ID and today is not None and when is not None and when > today

