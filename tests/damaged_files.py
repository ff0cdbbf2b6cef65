"""Database files damaged as disks damage them: bytes flipped inside, a page zeroed."""

from __future__ import annotations

import random
from pathlib import Path

PAGE = 4096


def flip_bytes(path: Path, seed: int = 7) -> bytes:
    """Scribble over a run of bytes in every few pages (not the first): the size stays the same."""
    data = bytearray(path.read_bytes())
    chance = random.Random(seed)
    for start in range(PAGE * 2 + 100, len(data) - PAGE, PAGE * 3):
        data[start:start + 300] = chance.randbytes(300)
    path.write_bytes(bytes(data))
    return bytes(data)


def zero_page_2(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[PAGE:2 * PAGE] = bytes(PAGE)
    path.write_bytes(bytes(data))
    return bytes(data)


def fold_wal(path: Path) -> None:
    """Whatever is still in the -wal goes into the file, as when the program closes."""
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
