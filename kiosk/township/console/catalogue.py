"""What 规则与兑换 reads: the township's published rules, goods and 同值化 mappings, and each
village's own rules and goods (the latest body of each as its counters pushed it).

Portable SQL, folded in Python: the latest commit of an id (or of a township code) wins.
"""

from __future__ import annotations

import json

from kiosk.township.store import TOWNSHIP, Store
from kiosk.township.tables import records, terminals


def _latest(rows, key: str) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for row in rows:
        body = json.loads(row["body"])
        if isinstance(body, dict) and body.get(key):
            found[str(body[key])] = body | {"published_at": row["received_at"]}
    return found


def township_rules(store: Store) -> dict[str, dict]:
    """The township's rules by code: each one's latest published version."""
    return _latest(records.published_by(store, TOWNSHIP, "rule"), "code")


def township_goods(store: Store) -> dict[str, dict]:
    """The township's shared goods by code, each with its latest published price."""
    goods = _latest(records.published_by(store, TOWNSHIP, "product"), "code")
    for row in records.published_by(store, TOWNSHIP, "price"):
        price = json.loads(row["body"])
        if price.get("code") in goods:
            goods[price["code"]] |= {"price": price["price"], "effective_from": price.get("effective_from"),
                                     "published_at": row["received_at"]}
    return goods


def mappings(store: Store) -> list[dict]:
    """Every 同值化 published, newest first, with the village's name."""
    names = {v["id"]: v["name"] for v in terminals.villages_by_name(store)}
    rows = records.published_by_newest_first(store, TOWNSHIP, "rule_mapping")
    return [json.loads(r["body"]) | {"village": names.get(r["village_id"], ""), "published_at": r["received_at"]}
            for r in rows]


def village_rules(store: Store, village_id: str) -> list[dict]:
    """The village's own rules (not the township's), latest body of each, active ones first."""
    rows = records.of_village_not_by(store, village_id, "rule", TOWNSHIP)
    bodies = [b for b in _latest(rows, "id").values() if b.get("owner", "village") != "township"]
    mapped = {m.get("village_rule_id") for m in mappings(store)}
    return sorted((b | {"mapped": b["id"] in mapped} for b in bodies),
                  key=lambda b: (not b.get("active", 1), str(b.get("category") or ""), str(b.get("name") or "")))


def village_goods(store: Store, village_id: str) -> list[dict]:
    rows = records.of_village_not_by(store, village_id, "product", TOWNSHIP)
    return [b for b in _latest(rows, "id").values() if b.get("owner", "village") != "township"]
