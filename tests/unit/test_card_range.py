"""Each counter's own range of card codes (kiosk.core.card_range)."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.core.card_range import LAST, code_after, range_glob


@pytest.mark.parametrize(("terminal", "highest", "expected"), [
    (1, None, "JF000001"),
    (1, "JF000004", "JF000005"),
    (1, "JF009999", "JF010000"),
    (2, None, "JF200001"),
    (2, "JF200041", "JF200042"),
    (9, None, "JF900001"),
    (12, None, "JF1200001"),
    (99, "JF9900007", "JF9900008"),
])
def test_the_code_after_the_highest_of_the_range(terminal, highest, expected):
    assert code_after("JF", terminal, highest) == expected


@pytest.mark.parametrize(("terminal", "highest"), [(1, "JF099999"), (2, "JF299999"), (12, "JF1299999")])
def test_a_used_up_range_gives_none(terminal, highest):
    assert LAST == 99999 and code_after("JF", terminal, highest) is None


@pytest.mark.parametrize("terminal", [0, 100, -1])
def test_a_terminal_number_outside_1_to_99_is_refused(terminal):
    with pytest.raises(ValueError):
        range_glob("JF", terminal)


def _ranges_matching(code: str) -> list[int]:
    conn = sqlite3.connect(":memory:")
    return [n for n in range(1, 100) if conn.execute("SELECT ? GLOB ?", (code, range_glob("JF", n))).fetchone()[0]]


@pytest.mark.parametrize(("code", "ranges"), [
    ("JF000001", [1]), ("JF099999", [1]), ("JF200001", [2]), ("JF2000001", [20]), ("JF1200001", [12]),
    ("JF9900001", [99]),
    ("JF100001", []),          # no counter's range: typed by hand or imported, still a valid card
    ("JF0000001", []), ("JF00001", []), ("jf000001", []), ("JF20000A", []),
])
def test_every_code_belongs_to_at_most_one_range(code, ranges):
    assert _ranges_matching(code) == ranges


def test_every_range_first_and_last_codes_match_only_their_own_range():
    for n in range(1, 100):
        first, last = code_after("JF", n, None), f"JF{'0' if n == 1 else n}99999"
        assert _ranges_matching(first) == [n] and _ranges_matching(last) == [n]
