"""The rule catalogue (积分标准): listing, adding, editing, retiring, finding.

Township rules (owner 'township', arriving by sync) are read-only in a village. A
village's own rules stay within the township's limit: the most one rule may give.
Editing a rule changes what it gives from now on; posted entries keep their points.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace

from kiosk.config import TOWNSHIP_RULE_MOST
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.names import clean_name
from kiosk.core.periods import Period
from kiosk.core.points import BadPoints, Points
from kiosk.core.quantity import Measure, whole_number
from kiosk.core.rules import Rule, Shape, validate_rule
from kiosk.i18n import _
from kiosk.services.setup import settings
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.trail import audit_row
from kiosk.store import journal, township_rules
from kiosk.store import rules as store

VILLAGE, TOWNSHIP = "village", "township"
EDITABLE = ("name", "category", "shape", "points", "unit", "cap", "cap_period",
            "doubles_within_days", "needs_review", "max_qty")


@dataclass(frozen=True)
class CatalogueRule:
    """A rule as the catalogue lists it: its terms and whose it is."""
    rule: Rule
    owner: str
    since: str | None = None        # a township rule's effective date; a mapped village rule's day of 同值化
    replaced_by: str | None = None  # 同值化: the township rule (its name) that replaced this village rule

    @property
    def read_only(self) -> bool:
        return self.owner == TOWNSHIP

    def origin(self) -> str:
        """Where the rule came from, in words: the village's own, the township's, or replaced by one."""
        if self.replaced_by:
            return _("本村标准，{day}起按乡镇统一的「{name}」记分（同值化），以前记的分不变").format(
                day=self.since or "", name=self.replaced_by)
        if self.read_only:
            return (_("乡镇发布，{day}起执行（第 {version} 版）").format(day=self.since, version=self.rule.version)
                    if self.since else _("乡镇发布（第 {version} 版）").format(version=self.rule.version))
        return _("本村标准")


def add_rule(ctx: Context, rule: Rule, owner: str = VILLAGE) -> Rule:
    require(ctx.actor, Action.EDIT_RULES)
    rule = _cleaned(replace(rule, code=clean_name(rule.code, "code").lower()))
    _check_terms(ctx, rule, owner)
    if store.by_code(ctx.db, rule.code):
        raise Refused("rule_exists", code=rule.code)
    rule_id = new_id()
    with ctx.db.write() as conn:
        store.insert(conn, id=rule_id, rule=rule, owner=owner, at=ctx.now_text())
        journal.record(conn, ctx.terminal.id, "rule", rule_id)
        audit_row(conn, ctx, "rule.add", "rule", rule_id,
                  after={"code": rule.code, "name": rule.name, "points": str(rule.points)})
    return rule


def edit_rule(ctx: Context, query: str, **changes: object) -> Rule:
    """New terms for a village rule (any of EDITABLE); audited with before and after."""
    require(ctx.actor, Action.EDIT_RULES)
    row = _village_row(ctx, query)
    _not_replaced(ctx, row)
    before = store.to_rule(row)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    after = _cleaned(replace(before, **changes))
    _check_terms(ctx, after, VILLAGE)
    if after == before:
        raise Refused("rule_edit_nothing", rule=before.name)
    with ctx.db.write() as conn:
        store.update(conn, row["id"], after)
        journal.record(conn, ctx.terminal.id, "rule", row["id"])
        audit_row(conn, ctx, "rule.edit", "rule", row["id"], before=_terms(before), after=_terms(after))
    return after


def retire_rule(ctx: Context, query: str) -> Rule:
    require(ctx.actor, Action.EDIT_RULES)
    row = _village_row(ctx, query)
    if not row["active"]:
        raise Refused("rule_retired", rule=row["name"])
    with ctx.db.write() as conn:
        store.retire(conn, row["id"])
        journal.record(conn, ctx.terminal.id, "rule", row["id"])
        audit_row(conn, ctx, "rule.retire", "rule", row["id"], before={"active": True},
                  after={"active": False})
    return replace(store.to_rule(row), active=False)


def rule_from_text(*, code: str, name: str, category: str, shape: str, points: str, unit: str = "1",
                   cap: str = "", cap_period: str = "", doubles: str = "", needs_review: bool = True,
                   max_qty: str = "") -> Rule:
    """A rule from what a manager typed into the form; Refused in plain words when it cannot be."""
    return Rule(code=code, name=name, category=category, shape=Shape(shape), points=_typed_points(points),
                unit=Measure.parse(unit or "1"), cap=_typed_points(cap) if str(cap).strip() else None,
                cap_period=Period(cap_period) if cap_period else None,
                doubles_within_days=whole_number(doubles) if str(doubles).strip() else None,
                needs_review=needs_review,
                max_qty=Measure.parse(max_qty) if str(max_qty or "").strip() else None)


def _typed_points(text: str) -> Points:
    try:
        return Points.parse(str(text).strip())
    except BadPoints:
        raise Refused("points_bad", value=str(text)[:20]) from None


def township_most(ctx: Context) -> Points:
    """The most one village rule may give (or take), as the township published it."""
    return Points.parse(settings.value(ctx, TOWNSHIP_RULE_MOST))


def _check_terms(ctx: Context, rule: Rule, owner: str) -> None:
    validate_rule(rule)
    most = township_most(ctx)
    if owner == VILLAGE and abs(rule.points.hundredths) > most.hundredths:
        raise Refused("rule_beyond_township", rule=rule.name, points=str(rule.points), most=str(most))


def _cleaned(rule: Rule) -> Rule:
    return replace(rule, name=clean_name(rule.name, "rule_name"),
                   category=clean_name(rule.category, "category"))


def _village_row(ctx: Context, query: str) -> sqlite3.Row:
    row = resolve_row(ctx, query)
    if row["owner"] == TOWNSHIP:
        raise Refused("rule_township_read_only", rule=row["name"])
    return row


def _not_replaced(ctx: Context, row: sqlite3.Row) -> None:
    said = township_rules.published(ctx.db).get(row["id"])
    if said is not None and said.replaced_by:
        township = store.by_id(ctx.db, said.replaced_by)
        raise Refused("rule_replaced", rule=row["name"], township=township["name"] if township else "")


def _terms(rule: Rule) -> dict:
    values = {key: getattr(rule, key) for key in EDITABLE}
    return {key: None if value is None else str(value) for key, value in values.items()}


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


def catalogue(ctx: Context, include_retired: bool = True) -> list[CatalogueRule]:
    """Every rule with its owner and where it came from, for the back office's 积分标准 screen."""
    rows = store.all_rules(ctx.db, include_retired)
    said = township_rules.published(ctx.db)
    names = {row["id"]: row["name"] for row in store.all_rules(ctx.db, True) if row["owner"] == TOWNSHIP}
    return [_catalogued(row, said.get(row["id"]), names) for row in rows]


def _catalogued(row: sqlite3.Row, said: township_rules.Published | None, names: dict[str, str]) -> CatalogueRule:
    if said is None:
        return CatalogueRule(store.to_rule(row), row["owner"])
    replaced = names.get(said.replaced_by) if said.replaced_by and row["owner"] == VILLAGE else None
    return CatalogueRule(store.to_rule(row), row["owner"], said.day, replaced)


def categories(ctx: Context) -> list[str]:
    return store.categories(ctx.db)
