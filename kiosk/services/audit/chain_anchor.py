"""Paper anchors: the books' chain head as a short code for the 交班/日结 slip and reports.

A code printed today and checked later (`kiosk check --against 12345:7KQ2-M9XD-4HRT`)
proves that nobody rewrote the books up to that point since, even in a village that
never syncs: a rewrite changes every link after it, and the paper is out of reach.
"""

from __future__ import annotations

from kiosk.core.chain_code import Anchor, anchor_of
from kiosk.i18n import _
from kiosk.services.context import Context
from kiosk.store import chain


def current(ctx: Context) -> Anchor | None:
    """The code of the chain's head now (None for books with nothing in them)."""
    found = chain.head(ctx.db.conn)
    return None if found is None else anchor_of(*found)


def words(anchor: Anchor | None) -> str:
    """The line a slip or report prints ('' for empty books)."""
    if anchor is None:
        return ""
    return _("账本校验码 {anchor}（到第 {position} 条为止。请留好这张单子：日后凭这个码能查出账本有没有被改过）").format(
        anchor=anchor, position=anchor.position)


def notes(ctx: Context) -> tuple[str, ...]:
    """A report's note with the code, or none for empty books."""
    line = words(current(ctx))
    return (line,) if line else ()
