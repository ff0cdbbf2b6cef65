"""The rule catalogue (积分标准): listing, adding, retiring, finding."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.rules import Rule, validate_rule
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import journal
from kiosk.store import rules as store


def add_rule(ctx: Context, rule: Rule, owner: str = "village") -> Rule:
    require(ctx.actor, Action.EDIT_RULES)
    rule = replace(rule, code=clean_name(rule.code, "code").lower(),
                   name=clean_name(rule.name, "rule_name"), category=clean_name(rule.category, "category"))
    validate_rule(rule)
    if store.by_code(ctx.db, rule.code):
        raise Refused("rule_exists", code=rule.code)
    rule_id = new_id()
    with ctx.db.write() as conn:
        store.insert(conn, id=rule_id, rule=rule, owner=owner, at=ctx.now_text())
        journal.record(conn, ctx.terminal.id, "rule", rule_id)
        audit_row(conn, ctx, "rule.add", "rule", rule_id,
                  after={"code": rule.code, "name": rule.name, "points": str(rule.points)})
    return rule


def retire_rule(ctx: Context, query: str) -> Rule:
    require(ctx.actor, Action.EDIT_RULES)
    row = resolve_row(ctx, query)
    with ctx.db.write() as conn:
        store.retire(conn, row["id"])
        journal.record(conn, ctx.terminal.id, "rule", row["id"])
        audit_row(conn, ctx, "rule.retire", "rule", row["id"], before={"active": True},
                  after={"active": False})
    return replace(store.to_rule(row), active=False)


def resolve_row(ctx: Context, query: str) -> sqlite3.Row:
    """A rule by its code, exact name, or a unique part of its name."""
    text = str(query).strip()
    row = store.by_code(ctx.db, text.lower()) if text else None
    if row:
        return row
    rows = store.by_name(ctx.db, text) if text else []
    exact = [r for r in rows if r["name"] == text]
    if len(exact) == 1 or len(rows) == 1:
        return exact[0] if exact else rows[0]
    if rows:
        raise Refused("rule_ambiguous", query=text,
                      candidates="、".join(f"{r['name']}（{r['code']}）" for r in rows[:8]))
    raise Refused("rule_unknown", query=text)


def list_rules(ctx: Context, include_retired: bool = False) -> list[Rule]:
    return [store.to_rule(row) for row in store.all_rules(ctx.db, include_retired)]
