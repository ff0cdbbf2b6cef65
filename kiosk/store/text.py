"""Typed text inside LIKE patterns: %, _ and \\ match only themselves."""

from __future__ import annotations


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
