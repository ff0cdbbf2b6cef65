"""Helpers for the points-coming-in tests: books that balance, residents who left, settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.services.setup import settings
from kiosk.store import ledger
from kiosk.store import settings as settings_store


def books_balance(db) -> None:
    """Every cached balance equals the sum of its account's entries."""
    assert ledger.cache_mismatches(db) == []
    cached = db.scalar("SELECT COALESCE(SUM(hundredths), 0) FROM balance")
    assert cached == db.scalar("SELECT COALESCE(SUM(hundredths), 0) FROM entry")


@pytest.fixture
def books_stay_balanced(shop):
    """After every workflow, refused or done: balances equal the sums of their entries."""
    yield
    books_balance(shop.db)


def leave(db, card: str, status: str = "moved") -> None:
    """A resident who moved away (or died): what the people screens record."""
    with db.write() as conn:
        conn.execute("UPDATE resident SET status = ? WHERE card_code = ?", (status, card))


def credit_after_notice(ctx, days: int = 7) -> None:
    settings.change(ctx, {"claims.credit_after_notice": "1", "notice.days": str(days)})


def township_limit(db, most: int) -> None:
    """The most one village rule may give, stored by hand (the township does not publish it yet, and
    no path of the program writes it: `kiosk check` would call this set behind its back)."""
    with db.write() as conn:
        settings_store.put(conn, "township.rule_most", str(most))


def photo(folder: Path, name: str = "clean-up.jpg", size=(2400, 1600)) -> Path:
    from PIL import Image

    path = folder / name
    Image.new("RGB", size, (90, 140, 60)).save(path, "JPEG", quality=90)
    return path


def entries(db, kind: str | None = None) -> int:
    if kind is None:
        return db.scalar("SELECT COUNT(*) FROM entry")
    return db.scalar("SELECT COUNT(*) FROM entry WHERE kind = ?", (kind,))
