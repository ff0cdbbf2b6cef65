"""What the township published about the rule catalogue, read from its records as they came.

A township rule's effective date and version, and the 同值化 mappings that replaced a
village's own rule by a township one, are in `sync_remote` (kept as received, applied=1):
the village sees where each rule came from without a copy of its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kiosk.store.db import Database


@dataclass(frozen=True)
class Published:
    day: str                        # the effective date (YYYY-MM-DD), or the day it arrived when none was named
    replaced_by: str | None = None  # for a village rule: the township rule id it was mapped to
    version: int = 0


def published(db: Database) -> dict[str, Published]:
    """Per rule id: the township's latest word on it (its own rules, and village rules it mapped)."""
    found: dict[str, Published] = {}
    rows = db.all("SELECT type, body, received_at FROM sync_remote WHERE type IN ('rule', 'rule_mapping')"
                  " AND applied = 1 AND terminal_id = 'township' ORDER BY rowid")
    for row in rows:
        body = json.loads(row["body"])
        day = str(body.get("effective_from") or "")[:10] or str(row["received_at"])[:10]   # no day: from arrival
        if row["type"] == "rule" and body.get("id"):
            version = int(body.get("version") or 1)
            if version >= found.get(body["id"], Published(None)).version:   # a late older version says nothing
                found[body["id"]] = Published(day, version=version)
        elif row["type"] == "rule_mapping" and body.get("village_rule_id"):
            found[body["village_rule_id"]] = Published(day, str(body.get("township_rule_id") or ""))
    return found
