"""Typed text inside LIKE patterns: %, _ and \\ match only themselves."""

from __future__ import annotations


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def quoted(words: tuple[str, ...]) -> str:
    """A fixed list of code words as an SQL list: ('award', 'deduct'). Only for the program's own codes."""
    if not words or any("'" in w for w in words):
        raise ValueError(f"not a list of code words: {words!r}")
    return "(" + ", ".join(f"'{w}'" for w in words) + ")"
