"""Grades (信用等次) from a year's earned score and a village's thresholds and perks."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.names import normalise_text
from kiosk.core.points import BadPoints, Points

FLOOR = Points.parse(-100000)   # the lowest grade's minimum when a manager leaves it blank
MOST_GRADES, MOST_LABEL, MOST_PERKS = 8, 10, 100


@dataclass(frozen=True)
class Grade:
    label: str
    minimum: Points  # lowest score that earns this grade
    perks: str = ""  # what a household of this grade gets (holiday gifts, a loan tier …)


@dataclass(frozen=True)
class GradeScale:
    grades: tuple[Grade, ...]  # highest first; the last one is the floor

    @classmethod
    def from_pairs(cls, pairs) -> GradeScale:
        """From (label, minimum) or (label, minimum, perks), in any order."""
        grades = tuple(Grade(row[0], Points.parse(row[1]), row[2] if len(row) > 2 else "")
                       for row in pairs)
        return cls(tuple(sorted(grades, key=lambda g: g.minimum, reverse=True)))

    def grade_for(self, score: Points) -> Grade:
        for grade in self.grades:
            if score >= grade.minimum:
                return grade
        return self.grades[-1]

    def next_above(self, score: Points) -> Grade | None:
        """The next grade to reach, or None at the top."""
        higher = [g for g in self.grades if g.minimum > score]
        return higher[-1] if higher else None

    def as_rows(self) -> list[list[str]]:
        """How the village row stores it: [label, minimum, perks], highest first."""
        return [[g.label, str(g.minimum), g.perks] for g in self.grades]


def checked_scale(rows: list[tuple[str, str, str]]) -> GradeScale:
    """A manager's table (label, minimum, perks), highest grade first; the last row's
    minimum may be blank (it is the floor). Refuses a table out of order or unclear."""
    rows = [tuple(normalise_text(cell) for cell in row) for row in rows if any(
        normalise_text(cell) for cell in row)]
    if not 2 <= len(rows) <= MOST_GRADES:
        raise Refused("grade_count", count=len(rows), most=MOST_GRADES)
    grades: list[Grade] = []
    for number, (label, minimum, perks) in enumerate(rows, start=1):
        grades.append(_grade(number, label, minimum, perks, is_floor=number == len(rows)))
    _check_order(grades)
    return GradeScale(tuple(grades))


def _grade(number: int, label: str, minimum: str, perks: str, is_floor: bool) -> Grade:
    if not label:
        raise Refused("grade_label_empty", row=number)
    if len(label) > MOST_LABEL:
        raise Refused("grade_label_long", label=label, most=MOST_LABEL)
    if len(perks) > MOST_PERKS:
        raise Refused("grade_perks_long", label=label, most=MOST_PERKS)
    if not minimum and is_floor:
        return Grade(label, FLOOR, perks)
    try:
        return Grade(label, Points.parse(minimum), perks)
    except BadPoints:
        raise Refused("grade_minimum_bad", label=label, value=minimum) from None


def _check_order(grades: list[Grade]) -> None:
    seen: set[str] = set()
    for above, grade in zip([None, *grades], grades):
        if grade.label in seen:
            raise Refused("grade_label_twice", label=grade.label)
        seen.add(grade.label)
        if above is not None and grade.minimum >= above.minimum:
            raise Refused("grade_order", label=grade.label, minimum=str(grade.minimum),
                          above=above.label, above_minimum=str(above.minimum))


# A year's earned virtue points in a village shop: ~70 a month is a busy household.
DEFAULT_SCALE = GradeScale.from_pairs(
    [("AAA", 600), ("AA", 400), ("A", 200), ("B", 60), ("C", -100000)]
)


def table_hash(grades: object) -> str:
    """A grade table as the rows a counter sends ([label, minimum, perks] …), in 12 hex digits: part of
    the version of the township's 积分证明 snapshots, which the counter reads back (kiosk/sync/certificates.py)."""
    return hashlib.sha256(json.dumps(grades, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:12]
