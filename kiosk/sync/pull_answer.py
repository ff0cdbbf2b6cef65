"""Is a signed pull page the township's answer to the pull asked?

A pull page is signed by the township over its body alone (kiosk/core/township_word.py PULL), not
bound to the `since` asked: a server in the middle with the terminal's secret could answer a pull
with an older genuine page (its records at or below the cursor, an old "nothing more") and make the
counter stop pulling early, keeping the township's newer records (a hold) from it. Such a page is
refused whole, nothing applied and the cursor kept, as a page that is not the township's; the
round fails and is tried again.
"""

from __future__ import annotations

from kiosk.sync.calls import PULL_NOT_ASKED, SyncFailed


def whole(cursor: object) -> int | None:
    """A cursor or commit number as a whole number; None when it is not one (an unknown township's)."""
    if isinstance(cursor, bool):
        return None
    if isinstance(cursor, int):
        return cursor
    text = "0" if cursor in (None, "") else str(cursor)
    return int(text) if text.isdigit() else None


def answers_the_pull(data: dict, asked: object, head: int | None) -> None:
    """A signed page is the township's, but signed over its body alone: refused (nothing applied, the
    cursor kept) when it is not the answer to the pull asked from `asked` (its `since`): a record at
    or below it, or a cursor below it (an older page played back), or a last page ending below the `head` the township's signed
    state named this round (an old page of "nothing more")."""
    since = whole(asked)
    if since is None:
        return
    commits = [whole(r.get("commit_no")) for r in data.get("records") or [] if isinstance(r, dict)]
    if any(commit is not None and commit <= since for commit in commits):
        raise SyncFailed(PULL_NOT_ASKED, f"since {since}")
    cursor = whole(data.get("cursor"))
    if cursor is not None and cursor < since:
        raise SyncFailed(PULL_NOT_ASKED, f"cursor {cursor} < {since}")
    last = not data.get("records") or not data.get("more")
    if last and head is not None and max(since, cursor or 0) < head:
        raise SyncFailed(PULL_NOT_ASKED, f"ends {max(since, cursor or 0)} < {head}")
