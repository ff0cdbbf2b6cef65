"""Finding goods as you type: by name, pinyin initials or barcode, over thousands of products.

The whole catalogue is held in memory (5,000 products is a few hundred kilobytes) so
each keystroke is a plain scan with no disk and no thread hop. Every word typed must
match the name, the initials or a barcode; words that start a field rank first.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kiosk.core.points import Points

SHOWN = 100  # rows a list shows at once; type more to narrow it


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    code: str
    name: str
    initials: str
    category: str
    unit: str
    price: Points
    stock: int
    active: bool
    township: bool
    codes: tuple[str, ...]   # every barcode, the product code first
    has_picture: bool = False
    reorder_level: int = 0
    scale: int = 1           # steps per unit (kiosk.core.weighed): stock is in steps
    limit: int | None = None  # 限购 per household, in steps
    per: str | None = None   # week | month


@dataclass(frozen=True)
class Found:
    entries: tuple[Entry, ...]
    total: int               # how many matched; more than shown when the list is cut


def fold(text: str) -> str:
    """What the search compares: full-width letters and digits made plain, lower case."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


_SEP = "\x01"   # between the fields of an entry's search key; nobody types it


class CatalogueIndex:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = list(entries)
        # one key per entry: \x01name\x01initials\x01code\x01code…, so that a word is found
        # with one `in`, and "\x01" + word finds a word that starts a field
        keyed = [(_SEP + _SEP.join((fold(e.name), e.initials, *map(fold, e.codes))), e) for e in self.entries]
        self._all = keyed
        self._active = [pair for pair in keyed if pair[1].active]
        self._last: tuple[str, bool, list] = ("", False, [])   # the last search and its matches

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str, include_retired: bool = False, limit: int = SHOWN) -> Found:
        folded = fold(text)
        words = folded.split()
        matched = self._all if include_retired else self._active
        last, last_retired, last_matched = self._last
        if last and folded.startswith(last) and last_retired == include_retired:
            matched = last_matched   # typing on only narrows: search what the last key found
        for word in words:
            matched = [pair for pair in matched if word in pair[0]]
        self._last = (folded, include_retired, matched)
        if not words:
            return Found(tuple(e for _, e in matched[:limit]), len(matched))
        head = _SEP + words[0]
        shown = [e for key, e in matched if head in key][:limit]
        if len(shown) < limit:
            shown += [e for key, e in matched if head not in key][:limit - len(shown)]
        return Found(tuple(shown), len(matched))

    def by_code(self, code: str) -> Entry | None:
        """The entry with this barcode or product code, in any letter case."""
        wanted = fold(code)
        return next((e for e in self.entries if any(fold(c) == wanted for c in e.codes)), None)
