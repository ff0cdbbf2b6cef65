"""Helpers for the service tests: refusals that leave the database as it was."""

from __future__ import annotations

import hashlib
import re

import pytest

from kiosk.core.errors import Refused
from tests.conftest import fingerprint

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
# Parameters that are code words, not data: the English message must translate them.
TRANSLATED_PARAMS = {"what", "role", "action", "status", "period", "doing"}


def refuse(db, code: str, call, *args, **kwargs) -> Refused:
    """Call a service, expect a refusal with `code`, and an unchanged database."""
    before = fingerprint(db)
    with pytest.raises(Refused) as info:
        call(*args, **kwargs)
    exc = info.value
    assert exc.code == code, f"expected {code}, got {exc.code}: {exc.message('zh')}"
    assert fingerprint(db) == before, f"{code}: the database changed"
    return exc


def assert_english(exc: Refused) -> None:
    """The English message is English: no Chinese outside the data it quotes."""
    zh, en = exc.message("zh"), exc.message("en")
    assert CJK.search(zh), zh
    assert zh != en
    rest = en
    for key, value in sorted(exc.params.items(), key=lambda kv: -len(str(kv[1]))):
        if key not in TRANSLATED_PARAMS:
            rest = rest.replace(str(value), "")
    assert not CJK.search(rest), f"Chinese left in the English message: {en!r}"
    assert re.search(r"[A-Za-z]{3,}", rest), en


def table_print(db, *tables: str) -> str:
    """A hash of every row of the named tables."""
    digest = hashlib.sha256()
    for table in tables:
        digest.update(table.encode())
        for row in db.all(f"SELECT * FROM {table} ORDER BY 1"):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def all_tables(db) -> list[str]:
    return [r[0] for r in db.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def balance_of(ctx, resident: str) -> int:
    """Cached balance of the resident's account, in hundredths."""
    from kiosk.services.people import residents
    from kiosk.store import ledger

    account = residents.account_id_for(ctx, residents.resolve(ctx, resident))
    return ledger.balance(ctx.db, account)


def ledger_sum(ctx, resident: str) -> int:
    from kiosk.services.people import residents

    account = residents.account_id_for(ctx, residents.resolve(ctx, resident))
    return ctx.db.scalar("SELECT COALESCE(SUM(hundredths), 0) FROM entry WHERE account_id = ?",
                         (account,))


def stock_of(ctx, item: str) -> tuple[int, int]:
    """(cached stock, sum of movements) of a product."""
    from kiosk.services.shop import products

    product = products.resolve(ctx, item)
    cached = ctx.db.scalar("SELECT qty FROM stock WHERE product_id = ?", (product.id,))
    summed = ctx.db.scalar("SELECT COALESCE(SUM(qty), 0) FROM stock_move WHERE product_id = ?",
                           (product.id,))
    return cached, summed


def audit_count(db) -> int:
    return db.scalar("SELECT COUNT(*) FROM audit")
