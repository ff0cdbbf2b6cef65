"""规则与兑换 forms checked: each answers its errors by field, what changes in each village, and
the records that publishing would store (nothing is stored here).

One `Checked` per form (rule, goods, mapping, rate); kiosk/township/console/publishing.py
stores its records and audits them, or saves the form as a draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.core.points import BadPoints, Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape, validate_rule
from kiosk.township.console import catalogue
from kiosk.township.console.words import say
from kiosk.township.store import Store
from kiosk.township.tables import terminals

CHINA = timezone(timedelta(hours=8))     # the villages' day: a change applies from a day in China
MOST_DAYS_AHEAD = 366
RULE_CODE = re.compile(r"[a-z][a-z0-9_]{1,19}")
GOODS_CODE = re.compile(r"[0-9A-Za-z-]{1,32}")
UNIT_FIELDS = {"qty_not_positive": "unit", "rule_unit_not_measured": "unit", "rule_max_qty_bad": "max_qty"}


@dataclass
class Checked:
    errors: dict[str, str] = field(default_factory=dict)
    preview: list[dict] = field(default_factory=list)      # {"village", "text", "warn"} per village
    records: list[tuple[str, dict, str | None]] = field(default_factory=list)   # (type, body, village id)
    audit: dict = field(default_factory=dict)
    summary: str = ""


def today(store: Store) -> date:
    return datetime.fromtimestamp(store.clock(), CHINA).date()


def effective_day(store: Store, form: dict, lang: str, errors: dict) -> str | None:
    """The day a change applies from, never before today; none typed: as soon as each village has it."""
    text = str(form.get("effective_from") or "").strip()
    first = today(store)
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        errors["effective_from"] = say("day_bad", lang)
        return None
    if not first <= day <= first + timedelta(days=MOST_DAYS_AHEAD):
        errors["effective_from"] = say("day_range", lang, first=first.isoformat(), days=MOST_DAYS_AHEAD)
    return day.isoformat()


def text_field(form: dict, key: str, most: int, lang: str, errors: dict, *, empty: str) -> str:
    """The field's text, spaces tidied; `empty` names the words said beside it when it was left empty."""
    value = " ".join(str(form.get(key) or "").split())
    if not value:
        errors[key] = say(empty, lang)
    elif len(value) > most:
        errors[key] = say("text_too_long", lang, most=most)
    return value


def when(day: str | None, lang: str) -> str:
    """'2026-10-01起', or '各村同步后' for a change with no day of its own."""
    return say("when_day", lang, day=day) if day else say("when_sync", lang)


def points_field(form: dict, key: str, lang: str, errors: dict) -> Points:
    try:
        return Points.parse(str(form.get(key) or "").strip())
    except BadPoints:
        errors[key] = say("points_bad", lang)
        return Points(0)


def villages_and_own(store: Store, own_items, code: str, taken_key: str, lang: str,
                     errors: dict) -> tuple[list, dict]:
    """Every village and its own items (`own_items(store, village_id)`); a code that one of
    them already uses for its own item is refused, naming the village and the item."""
    villages = terminals.villages_by_name(store)
    own = {v["id"]: own_items(store, v["id"]) for v in villages}
    taken = next(((v, b) for v in villages for b in own[v["id"]] if b.get("code") == code), None)
    if taken and "code" not in errors:
        errors["code"] = say(taken_key, lang, village=taken[0]["name"], name=taken[1].get("name"))
    return villages, own


def rule_words(body: dict, lang: str) -> str:
    """'每次 5 分', '每 4 小时 1 分' … from a published or pushed rule body."""
    shape = str(body.get("shape") or "fixed")
    shown = str(Points(int(body.get("points") or 0)))
    unit = str(Measure(int(body.get("unit") or 100)))
    return say(f"per_{shape}", lang, points=shown, unit=unit)


def check_rule(store: Store, form: dict, lang: str) -> Checked:
    checked = Checked()
    errors = checked.errors
    code = str(form.get("code") or "").strip().lower()
    if not RULE_CODE.fullmatch(code):
        errors["code"] = say("rule_code_bad", lang)
    name = text_field(form, "name", 30, lang, errors, empty="required_rule_name")
    category = text_field(form, "category", 20, lang, errors, empty="required_rule_category")
    shape = str(form.get("shape") or "fixed")
    if shape not in {s.value for s in Shape}:
        errors["shape"], shape = say("required_shape", lang), "fixed"
    points = points_field(form, "points", lang, errors)
    unit, most = _measure(form, "unit", "1", lang, errors), _measure(form, "max_qty", "", lang, errors)
    day = effective_day(store, form, lang, errors)
    if not errors:
        try:
            validate_rule(Rule(code, name, category, Shape(shape), points, unit, max_qty=most))
        except Refused as exc:
            errors[UNIT_FIELDS.get(exc.code, "points")] = exc.message(lang)
    villages, own = villages_and_own(store, catalogue.village_rules, code, "rule_code_taken", lang, errors)
    if errors:
        return checked
    before = catalogue.township_rules(store).get(code)
    body = {"id": before["id"] if before else new_id(), "code": code, "name": name, "category": category,
            "shape": shape, "points": points.hundredths, "unit": unit.hundredths, "cap": None, "cap_period": None,
            "doubles_within_days": None, "needs_review": 1, "active": 1, "owner": "township",
            "created_at": before.get("created_at") if before else store.now_text(),
            "max_qty": most.hundredths if most else None,
            "version": int(before.get("version") or 1) + 1 if before else 1, "effective_from": day}
    if before and all(before.get(k) == body[k] for k in ("name", "category", "shape", "points", "unit", "max_qty")):
        errors["points"] = say("nothing_changed", lang, name=name)
        return checked
    words = rule_words(body, lang)
    for village in villages:
        checked.preview.extend(_rule_change(village["name"], own[village["id"]], before, body, words, lang))
    checked.records = [("rule", body, None)]
    checked.audit = {"rule": name, "code": code, "terms": words, "version": body["version"], "from": when(day, lang)}
    checked.summary = f"{name} · {words} · {when(day, lang)}"
    return checked


def _rule_change(village: str, own: list[dict], before: dict | None, body: dict, words: str, lang: str) -> list:
    day, name = when(body["effective_from"], lang), body["name"]
    if before:
        text = say("pv_rule_changed", lang, old=f"{before.get('name')}（{rule_words(before, lang)}）",
                   new=f"{name}（{words}）", version=body["version"], when=day)
    else:
        text = say("pv_rule_new", lang, name=name, terms=words, when=day)
    lines = [{"village": village, "text": text, "warn": False}]
    for same in (b for b in own if b.get("name") == name and b.get("active", 1) and not b["mapped"]):
        lines.append({"village": village, "warn": True,
                      "text": say("pv_rule_same_name", lang, name=same.get("name"), terms=rule_words(same, lang))})
    return lines


def _measure(form: dict, key: str, default: str, lang: str, errors: dict) -> Measure | None:
    text = str(form.get(key) or "").strip() or default
    if not text:
        return None
    try:
        found = Measure.parse(text)
    except (Refused, ValueError):
        found = None
    if found is None or found.hundredths <= 0:
        errors[key] = say("qty_bad", lang)
        return Measure.parse("1")
    return found
