"""`kiosk check --against CODE`: a code printed on a slip, typed back in later."""

from __future__ import annotations

import sqlite3

from kiosk.core import chain_code
from kiosk.store import chain


def _head_code(tmp_path) -> str:
    conn = sqlite3.connect(tmp_path / "cli.sqlite")
    try:
        return str(chain_code.anchor_of(*chain.head(conn)))
    finally:
        conn.close()


def test_a_printed_code_that_holds(kiosk, village, tmp_path):
    code = _head_code(tmp_path)
    result = kiosk("check", "--against", code)
    assert result.code == 0 and f"校验码 {code} 对得上" in result.out


def test_a_printed_code_the_books_no_longer_give(kiosk, village, tmp_path):
    position = int(_head_code(tmp_path).split(":")[0])
    result = kiosk("--json", "check", "--against", f"{position}:0000-0000-0000")
    assert result.code == 1 and not result.json()["ok"]
    assert "对不上" in result.json()["problems"][0]


def test_a_mistyped_code_is_a_usage_error(kiosk, village):
    result = kiosk("check", "--against", "7KQ2-M9XD")
    assert result.code == 2 and "看不懂校验码" in result.err
