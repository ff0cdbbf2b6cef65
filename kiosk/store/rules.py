"""The rule catalogue (积分标准) as stored."""

from __future__ import annotations

import sqlite3

from kiosk.core.periods import Period
from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape
from kiosk.store import replica
from kiosk.store.db import Database
from kiosk.store.text import escape_like


def to_rule(row: sqlite3.Row) -> Rule:
    return Rule(
        code=row["code"], name=row["name"], category=row["category"], shape=Shape(row["shape"]),
        points=Points(row["points"]), unit=Measure(row["unit"]),
        cap=Points(row["cap"]) if row["cap"] is not None else None,
        cap_period=Period(row["cap_period"]) if row["cap_period"] else None,
        doubles_within_days=row["doubles_within_days"],
        needs_review=bool(row["needs_review"]), active=bool(row["active"]),
        max_qty=Measure(row["max_qty"]) if row["max_qty"] is not None else None,
        version=row["version"],
    )


def version_fields(rule: Rule) -> dict:
    """What an entry or claim keeps of the rule version it was awarded under."""
    return {"rule_version": rule.version, "version_name": rule.name, "version_points": rule.points.hundredths,
            "version_shape": rule.shape.value, "version_unit": rule.unit.hundredths}


def insert(conn, *, id: str, rule: Rule, owner: str, at: str) -> None:
    conn.execute(
        "INSERT INTO rule (id, code, name, category, shape, points, unit, cap, cap_period,"
        " doubles_within_days, needs_review, owner, active, created_at, max_qty)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (id, rule.code, rule.name, rule.category, rule.shape.value, rule.points.hundredths,
         rule.unit.hundredths, rule.cap.hundredths if rule.cap else None,
         rule.cap_period.value if rule.cap_period else None, rule.doubles_within_days,
         int(rule.needs_review), owner, int(rule.active), at,
         rule.max_qty.hundredths if rule.max_qty else None),
    )


def by_code(db: Database, code: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM rule WHERE code = ?", (code,))


def by_name(db: Database, name: str) -> list[sqlite3.Row]:
    return db.all(
        "SELECT * FROM rule WHERE name = ? OR name LIKE ? ESCAPE '\\'"
        " ORDER BY active DESC, name = ? DESC", (name, f"%{escape_like(name)}%", name))


def all_rules(db: Database, include_retired: bool = False) -> list[sqlite3.Row]:
    where = "" if include_retired else " WHERE active = 1"
    return db.all(f"SELECT * FROM rule{where} ORDER BY category, points DESC, name")


def retire(conn, rule_id: str) -> None:
    conn.execute("UPDATE rule SET active = 0 WHERE id = ?", (rule_id,))


def stop_village_rule(conn, rule_id: str) -> bool:
    """同值化: a village's own rule replaced by a township rule stops being used; its history stays."""
    return conn.execute("UPDATE rule SET active = 0 WHERE id = ? AND owner = 'village'", (rule_id,)).rowcount == 1


def update(conn, rule_id: str, rule: Rule) -> None:
    """A village rule's new terms; entries already posted keep the points they were given."""
    conn.execute(
        "UPDATE rule SET name = ?, category = ?, shape = ?, points = ?, unit = ?, cap = ?,"
        " cap_period = ?, doubles_within_days = ?, needs_review = ?, active = ?, max_qty = ?,"
        " version = version + 1 WHERE id = ?",
        (rule.name, rule.category, rule.shape.value, rule.points.hundredths, rule.unit.hundredths,
         rule.cap.hundredths if rule.cap else None, rule.cap_period.value if rule.cap_period else None,
         rule.doubles_within_days, int(rule.needs_review), int(rule.active),
         rule.max_qty.hundredths if rule.max_qty else None, rule_id),
    )


def by_id(db: Database, rule_id: str) -> sqlite3.Row | None:
    return db.one("SELECT * FROM rule WHERE id = ?", (rule_id,))


def categories(db: Database) -> list[str]:
    """Categories in use, in the order first stored."""
    return [r[0] for r in db.all("SELECT category FROM rule GROUP BY category ORDER BY MIN(rowid)")]


# rows as sync receives them (from another counter, or the township), written column by column

RECEIVED_RULE_CHANGES = ("code", "name", "category", "shape", "points", "unit", "cap", "cap_period",
                         "doubles_within_days", "needs_review", "active", "max_qty", "version")
TOWNSHIP_RULE = ("id", "code", "name", "category", "shape", "points", "unit", "cap", "cap_period",
                 "doubles_within_days", "needs_review", "active", "created_at", "max_qty", "version")


def insert_received_rule(conn, row: dict) -> None:
    """A village rule made at another counter."""
    replica.insert(conn, "rule", row, owner="village")


def update_received_rule(conn, row: dict) -> None:
    replica.update(conn, "rule", "id", row, RECEIVED_RULE_CHANGES)


def put_township_rule(conn, row: dict) -> None:
    """A township rule, added or brought up to date (owner 'township')."""
    replica.township_row(conn, "rule", TOWNSHIP_RULE, [row.get(c) for c in TOWNSHIP_RULE])
