"""What 规则与兑换 reads: the township's published rules, goods and 同值化 mappings, and each
village's own rules and goods (the latest body of each as its counters pushed it).

Portable SQL, folded in Python: the latest commit of an id (or of a township code) wins.
"""

from __future__ import annotations

import json

from kiosk.township.store import TOWNSHIP, Store


def _latest(rows, key: str) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for row in rows:
        body = json.loads(row["body"])
        if isinstance(body, dict) and body.get(key):
            found[str(body[key])] = body | {"published_at": row["received_at"]}
    return found


def township_rules(store: Store) -> dict[str, dict]:
    """The township's rules by code: each one's latest published version."""
    return _latest(store.all("SELECT body, received_at FROM record WHERE type = 'rule' AND terminal_id = ?"
                             " ORDER BY commit_no", (TOWNSHIP,)), "code")


def township_goods(store: Store) -> dict[str, dict]:
    """The township's shared goods by code, each with its latest published price."""
    goods = _latest(store.all("SELECT body, received_at FROM record WHERE type = 'product' AND terminal_id = ?"
                              " ORDER BY commit_no", (TOWNSHIP,)), "code")
    for row in store.all("SELECT body, received_at FROM record WHERE type = 'price' AND terminal_id = ?"
                         " ORDER BY commit_no", (TOWNSHIP,)):
        price = json.loads(row["body"])
        if price.get("code") in goods:
            goods[price["code"]] |= {"price": price["price"], "effective_from": price.get("effective_from"),
                                     "published_at": row["received_at"]}
    return goods


def mappings(store: Store) -> list[dict]:
    """Every 同值化 published, newest first, with the village's name."""
    names = {v["id"]: v["name"] for v in store.all("SELECT id, name FROM village")}
    rows = store.all("SELECT body, village_id, received_at FROM record WHERE type = 'rule_mapping'"
                     " AND terminal_id = ? ORDER BY commit_no DESC", (TOWNSHIP,))
    return [json.loads(r["body"]) | {"village": names.get(r["village_id"], ""), "published_at": r["received_at"]}
            for r in rows]


def village_rules(store: Store, village_id: str) -> list[dict]:
    """The village's own rules (not the township's), latest body of each, active ones first."""
    rows = store.all("SELECT body, received_at FROM record WHERE village_id = ? AND type = 'rule'"
                     " AND terminal_id != ? ORDER BY commit_no", (village_id, TOWNSHIP))
    bodies = [b for b in _latest(rows, "id").values() if b.get("owner", "village") != "township"]
    mapped = {m.get("village_rule_id") for m in mappings(store)}
    return sorted((b | {"mapped": b["id"] in mapped} for b in bodies),
                  key=lambda b: (not b.get("active", 1), str(b.get("category") or ""), str(b.get("name") or "")))


def village_goods(store: Store, village_id: str) -> list[dict]:
    rows = store.all("SELECT body, received_at FROM record WHERE village_id = ? AND type = 'product'"
                     " AND terminal_id != ? ORDER BY commit_no", (village_id, TOWNSHIP))
    return [b for b in _latest(rows, "id").values() if b.get("owner", "village") != "township"]
