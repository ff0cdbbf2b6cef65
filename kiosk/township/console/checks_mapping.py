"""规则与兑换 → 同值化 and 兑换比例: a village's own rule mapped to a township rule; a rate between
two villages' currencies. Checked and previewed per village; nothing stored here.

A mapping goes to its village only (the record's village id): from its day the village's
rule stops being used and the township's is recorded instead; the village rule keeps its
row, its versions and every entry made under it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from kiosk.township.console import catalogue, queries
from kiosk.township.console.checks import Checked, effective_day, rule_words, when
from kiosk.township.console.words import say
from kiosk.township.store import Store
from kiosk.township.tables import terminals


def check_mapping(store: Store, form: dict, lang: str) -> Checked:
    checked = Checked()
    errors = checked.errors
    township = catalogue.township_rules(store).get(str(form.get("township_rule") or ""))
    if township is None:
        errors["township_rule"] = say("mapping_township_unknown", lang)
    village, own = _village_rule(store, str(form.get("village_rule") or ""))
    if own is None:
        errors["village_rule"] = say("mapping_village_unknown", lang)
    elif own["mapped"] or not own.get("active", 1):
        errors["village_rule"] = say("mapping_done", lang, name=own.get("name"))
    day = effective_day(store, form, lang, errors)
    if errors:
        return checked
    body = {"village_rule_id": own["id"], "village_rule_code": own.get("code"), "village_rule_name": own.get("name"),
            "township_rule_id": township["id"], "township_rule_code": township["code"],
            "township_rule_name": township["name"], "effective_from": day}
    for other in terminals.villages_by_name(store):
        if other["id"] != village["id"]:
            checked.preview.append({"village": other["name"], "text": say("pv_unchanged", lang), "warn": False})
            continue
        checked.preview.append({"village": village["name"], "warn": False, "text": say(
            "pv_mapping", lang, own=own.get("name"), own_terms=rule_words(own, lang), township=township["name"],
            terms=rule_words(township, lang), when=when(day, lang))})
    checked.records = [("rule_mapping", body, village["id"])]
    checked.audit = {"village": village["name"], "village_rule": own.get("name"), "township_rule": township["name"],
                     "from": when(day, lang)}
    checked.summary = f"{village['name']} · {own.get('name')} → {township['name']} · {when(day, lang)}"
    return checked


def _village_rule(store: Store, chosen: str) -> tuple[dict | None, dict | None]:
    """`village id|rule id` from the form's list: the village and that rule of its own."""
    village_id, _, rule_id = chosen.partition("|")
    village = terminals.village_id_and_name(store, village_id) if village_id else None
    if village is None:
        return None, None
    found = next((b for b in catalogue.village_rules(store, village_id) if b.get("id") == rule_id), None)
    return dict(village), found


def check_rate(store: Store, form: dict, lang: str) -> Checked:
    checked = Checked()
    errors = checked.errors
    a, b = store.village_by_name(form.get("from", "")), store.village_by_name(form.get("to", ""))
    if a is None:
        errors["from"] = say("required_village_from", lang)
    if b is None:
        errors["to"] = say("required_village_to", lang)
    if a is not None and b is not None and a["id"] == b["id"]:
        errors["to"] = say("rate_same", lang)
    try:
        value = Decimal(str(form.get("rate", "")).strip())
        if not value.is_finite() or value <= 0 or value > 1000:
            raise InvalidOperation
    except InvalidOperation:
        errors["rate"], value = say("rate_bad", lang), Decimal(0)
    if errors:
        return checked
    value = value.normalize()
    now = next((r["rate"] for r in queries.rates(store) if r.get("from_village") == a["id"]
                and r.get("to_village") == b["id"]), say("rate_none", lang))
    back = (Decimal(1) / value).quantize(Decimal("0.0001")).normalize()
    text = say("rate_preview", lang, a=a["name"], b=b["name"], ca=a["currency"], cb=b["currency"],
               rate=str(value), now=now, back=str(back))
    checked.preview = [{"village": f"{a['name']} · {b['name']}", "text": text, "warn": False}]
    checked.records = [("rate", {"from_village": a["id"], "from_name": a["name"], "to_village": b["id"],
                                 "to_name": b["name"], "rate": str(value)}, None)]
    checked.audit = {"from": a["name"], "to": b["name"], "rate": str(value)}
    checked.summary = f"{a['name']} → {b['name']} · {value}"
    return checked
