"""规则与兑换's tables as xlsx: the township's rules, its shared goods, the 同值化 so far (township users only)."""

from __future__ import annotations

from kiosk.township.console import catalogue, queries
from kiosk.township.console.accounts import ConsoleRefused
from kiosk.township.console.checks import rule_words
from kiosk.township.console.words import say
from kiosk.township.store import Store

TABLES = ("township_rules", "township_goods", "mappings")


def table(store: Store, user: dict, name: str, lang: str) -> tuple[list, list]:
    if user["village_id"]:
        raise ConsoleRefused("not_allowed", 403)
    t = lambda key: say(key, lang)
    if name == "township_rules":
        rules = sorted(catalogue.township_rules(store).values(), key=lambda b: (b.get("category", ""), b["name"]))
        return ([t(k) for k in ("rule_title", "code", "category", "terms", "version", "effective_from")],
                [[r["name"], r["code"], r.get("category", ""), rule_words(r, lang), r.get("version") or 1,
                  r.get("effective_from") or ""] for r in rules])
    if name == "township_goods":
        goods = sorted(catalogue.township_goods(store).values(), key=lambda b: b["name"])
        return ([t(k) for k in ("goods_name", "goods_code", "goods_unit", "price", "effective_from")],
                [[g["name"], g["code"], g.get("unit", ""), queries.points(int(g.get("price") or 0)),
                  g.get("effective_from") or ""] for g in goods])
    return ([t(k) for k in ("village", "village_rule", "township_rule", "effective_from")],
            [[m["village"], m.get("village_rule_name", ""), m.get("township_rule_name", ""),
              m.get("effective_from") or ""] for m in catalogue.mappings(store)])
