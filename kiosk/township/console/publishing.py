"""规则与兑换: publishing a checked form (admins only), or keeping it as a draft (clerks and admins).

Publishing stores the form's records as the township's (pulled by each village at its next
sync) and its audit row in one transaction, and marks the draft it came from as published.
Nothing here edits a village's ledger: a published change applies from its effective date.
"""

from __future__ import annotations

import hashlib
import json

from kiosk.core.ids import new_id
from kiosk.township.console.accounts import ConsoleRefused, audit
from kiosk.township.console.checks import Checked, check_rule
from kiosk.township.console.checks_goods import check_goods
from kiosk.township.console.checks_mapping import check_mapping, check_rate
from kiosk.township.store import Store
from kiosk.township.tables import console as tables

CHECKS = {"rule": check_rule, "goods": check_goods, "mapping": check_mapping, "rate": check_rate}
FIELDS = {"rule": ("code", "name", "category", "shape", "points", "unit", "max_qty", "effective_from"),
          "goods": ("code", "name", "unit", "price", "effective_from"),
          "mapping": ("township_rule", "village_rule", "effective_from"),
          "rate": ("from", "to", "rate")}
PUBLISHED = {"rule": "rule_published", "goods": "goods_published", "mapping": "mapping_published",
             "rate": "rate_published"}
PUBLISHERS, DRAFTERS = ("admin",), ("admin", "clerk")


def fields_of(kind: str, form: dict) -> dict:
    return {key: str(form.get(key) or "") for key in FIELDS[kind]}


def seen(kind: str, form: dict) -> str:
    """What the preview showed, as a short hash: publishing fields other than those previewed is refused."""
    fields = json.dumps(fields_of(kind, form), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{kind}:{fields}".encode()).hexdigest()[:32]


def publish(store: Store, user: dict, kind: str, checked: Checked, draft_id: str = "") -> None:
    """The form's records and its audit row, all or nothing; refused unless an admin of the township."""
    if user["role"] not in PUBLISHERS or user["village_id"]:
        raise ConsoleRefused("publish_admin_only", 403)
    with store.write() as conn:
        for record_type, body, village_id in checked.records:
            store.publish(conn, record_type, body, village_id)
        if draft_id:
            tables.draft_published(conn, draft_id, user["name"], store.now_text())
        audit(conn, store, user["name"], PUBLISHED[kind], checked.audit)


def save_draft(store: Store, user: dict, kind: str, form: dict, checked: Checked, draft_id: str = "") -> str:
    """The checked form kept for an admin to publish; saving an open draft again replaces its fields."""
    if user["role"] not in DRAFTERS or user["village_id"]:
        raise ConsoleRefused("not_allowed", 403)
    fields = json.dumps(fields_of(kind, form), ensure_ascii=False, sort_keys=True)
    with store.write() as conn:
        if draft_id and tables.replace_open_draft(conn, draft_id=draft_id, kind=kind, form=fields,
                                                  summary=checked.summary, by=user["name"], at=store.now_text()):
            saved = draft_id
        else:
            saved = new_id()
            tables.add_draft(conn, draft_id=saved, kind=kind, form=fields, summary=checked.summary, by=user["name"],
                             at=store.now_text())
        audit(conn, store, user["name"], "draft_saved", {"kind": kind, "summary": checked.summary})
    return saved


def open_drafts(store: Store, kind: str) -> list[dict]:
    return [dict(r) for r in tables.open_drafts(store, kind)]


def draft_form(store: Store, kind: str, draft_id: str) -> dict:
    row = tables.open_draft_form(store, kind, draft_id)
    if row is None:
        raise ConsoleRefused("draft_unknown", 404)
    return json.loads(row["form"]) | {"draft": draft_id}
