"""The mark for a word kept in a table: `N_("中文")`, looked up with `_()` where it is shown.

A leaf module (it imports nothing of the program), so the tables of words in
kiosk/messages can be read by kiosk.i18n without a cycle. kiosk.i18n re-exports N_.
"""

from __future__ import annotations


class Marked(str):
    """A word kept in a table with the catalogue context that tells it apart."""

    context: str


def N_(text: str, context: str | None = None) -> str:
    """Marks a word for the catalogue where it is written; it is translated where it is shown."""
    if context is None:
        return text
    marked = Marked(text)
    marked.context = context
    return marked
