"""Grades (信用等次) from a year's earned score and a village's thresholds."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.points import Points


@dataclass(frozen=True)
class Grade:
    label: str
    minimum: Points  # lowest score that earns this grade


@dataclass(frozen=True)
class GradeScale:
    grades: tuple[Grade, ...]  # highest first; the last one is the floor

    @classmethod
    def from_pairs(cls, pairs) -> GradeScale:
        grades = tuple(Grade(label, Points.parse(minimum)) for label, minimum in pairs)
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


# A year's earned virtue points in a village shop: ~70 a month is a busy household.
DEFAULT_SCALE = GradeScale.from_pairs(
    [("AAA", 600), ("AA", 400), ("A", 200), ("B", 60), ("C", -100000)]
)
