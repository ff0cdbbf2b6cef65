"""Grades (信用等次) from a year's score: thresholds inclusive, next grade to reach."""

from __future__ import annotations

import pytest

from kiosk.core.grades import DEFAULT_SCALE, GradeScale
from kiosk.core.points import Points

STARS = GradeScale.from_pairs([("★", 0), ("★★★", "100.5"), ("★★", 50)])  # given out of order


@pytest.mark.parametrize(
    ("score", "label"),
    [("600", "AAA"), ("10000", "AAA"), ("599.99", "AA"), ("400", "AA"), ("399.99", "A"),
     ("200", "A"), ("60", "B"), ("59.99", "C"), ("0", "C"), ("-5", "C")],
)
def test_default_scale_thresholds_are_inclusive_minimums(score, label):
    assert DEFAULT_SCALE.grade_for(Points.parse(score)).label == label


def test_score_below_the_floor_still_gets_the_lowest_grade():
    assert DEFAULT_SCALE.grade_for(Points.parse("-999999")).label == "C"


def test_scale_is_sorted_highest_first_whatever_the_input_order():
    assert [g.label for g in STARS.grades] == ["★★★", "★★", "★"]
    assert STARS.grade_for(Points.parse("100.49")).label == "★★"
    assert STARS.grade_for(Points.parse("100.5")).label == "★★★"


@pytest.mark.parametrize(
    ("score", "label"),
    [("0", "B"), ("59.99", "B"), ("60", "A"), ("399.99", "AA"), ("400", "AAA"), ("599.99", "AAA")],
)
def test_next_above_is_the_nearest_higher_grade(score, label):
    above = DEFAULT_SCALE.next_above(Points.parse(score))
    assert above is not None and above.label == label
    assert above.minimum > Points.parse(score)


def test_next_above_at_the_top_is_none():
    assert DEFAULT_SCALE.next_above(Points.parse("600")) is None
    assert STARS.next_above(Points.parse("200")) is None
