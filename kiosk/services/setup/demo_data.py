"""The demo village's source data (db/demo): village, people's names, rules, goods, activity."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape
from kiosk.paths import demo_dir


@dataclass(frozen=True)
class Activity:
    code: str
    monthly_chance: float
    qty_min: int
    qty_max: int
    months: frozenset[int]  # empty: every month


@dataclass(frozen=True)
class DemoData:
    village: dict
    surnames: list[tuple[str, int]]
    given: dict[str, list[str]]  # "m"/"f" → names
    rules: list[Rule]
    products: list[dict]
    activity: list[Activity]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def rule_from_row(row: dict) -> Rule:
    return Rule(
        code=row["code"], name=row["name"], category=row["category"], shape=Shape(row["shape"]),
        points=Points.parse(row["points"]), unit=Measure.parse(row["unit"] or "1"),
        cap=Points.parse(row["cap"]) if row.get("cap") else None,
        cap_period=Period(row["cap_period"]) if row.get("cap_period") else None,
        doubles_within_days=int(row["doubles_within_days"]) if row.get("doubles_within_days") else None,
        needs_review=row.get("needs_review", "1") != "0",
    )


def standard_rules(folder: Path | None = None) -> list[Rule]:
    """The rule catalogue a new village starts with (from real schemes)."""
    return [rule_from_row(row) for row in _rows((folder or demo_dir()) / "rules.csv")]


def load(folder: Path | None = None) -> DemoData:
    folder = folder or demo_dir()
    given: dict[str, list[str]] = {"m": [], "f": []}
    for row in _rows(folder / "given_names.csv"):
        given[row["sex"]].append(row["given"])
    activity = [
        Activity(r["code"], float(r["monthly_chance"]), int(r["qty_min"]), int(r["qty_max"]),
                 frozenset(int(m) for m in r["months"].split()))
        for r in _rows(folder / "activity.csv")
    ]
    return DemoData(
        village=json.loads((folder / "village.json").read_text(encoding="utf-8")),
        surnames=[(r["surname"], int(r["weight"])) for r in _rows(folder / "surnames.csv")],
        given=given, rules=standard_rules(folder), products=_rows(folder / "products.csv"),
        activity=activity,
    )
