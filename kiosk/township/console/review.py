"""复核: the awards villages recorded this period, with anomalies flagged, and 退回 as a township record.

Anomalies: an operator awarding their own household (when the operator is one of its
residents), an amount far above the village's median for the same rule, an entry backdated
more than a week before it reached the township. 退回 never edits the ledger: it publishes an
`award_returned` record (township-only, kiosk/sync/authority.py) to the village, which its
counters keep as a task for the managers (migration 0023, kiosk/store/review_tasks.py).
"""

from __future__ import annotations

import json
import statistics
from datetime import datetime, timedelta

from kiosk.township.console import queries
from kiosk.township.store import Store
from kiosk.township.tables import records

FAR_ABOVE, MIN_FOR_MEDIAN, BACKDATED_DAYS = 3, 5, 7
RETURNED = "award_returned"


def _day(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def awards(store: Store, village_id: str, since: str, rule: str = "", min_points: int = 0,
           operator: str = "") -> list[dict]:
    """This period's awards of one village (received since `since`), newest first, flagged."""
    rows = records.entries_received_since(store, village_id, since)
    entries = [(r, json.loads(r["body"])) for r in rows]
    entries = [(r, b) for r, b in entries if b.get("kind") == "award" and b.get("hundredths", 0) > 0]
    homes = queries.households(store, village_id)
    home_of = {a: h for h in homes for a in h.accounts}
    people = _residents_by_household(store, village_id)
    rules = rule_names(store, village_id)
    operators = operator_labels([b for _, b in entries])
    returned = {b.get("entry_id") for b in _bodies(store, village_id, RETURNED)}
    medians = _medians([b for _, b in entries])
    found = []
    for row, body in entries:
        home = home_of.get(body.get("account_id"))
        flags = _flags(body, row["received_at"], home, people, medians)
        if rule and body.get("rule_id") != rule or operator and body.get("operator_id") != operator:
            continue
        if body["hundredths"] < min_points * 100:
            continue
        found.append({"record": row["id"], "entry_id": body.get("id"), "at": str(body.get("at") or "")[:16].replace("T", " "),
                      "house_no": home.house_no if home else "", "head": home.head if home else "",
                      "rule": rules.get(body.get("rule_id"), ""), "points": queries.points(body["hundredths"]),
                      "operator": operators.get(body.get("operator_id"), ""), "note": str(body.get("note") or ""),
                      "flags": flags, "returned": body.get("id") in returned})
    return found


def _flags(body: dict, received_at: str, home, people: dict, medians: dict) -> list[str]:
    flags = []
    if home is not None and body.get("operator_id") and body.get("operator_id") in people.get(home.id, set()):
        flags.append("flag_own_household")
    median = medians.get(body.get("rule_id"))
    if median and body["hundredths"] > FAR_ABOVE * median:
        flags.append("flag_far_above")
    done, came = _day(body.get("activity_date") or body.get("at") or ""), _day(received_at)
    if done and came and came - done > timedelta(days=BACKDATED_DAYS):
        flags.append("flag_backdated")
    return flags


def _medians(bodies: list[dict]) -> dict:
    by_rule: dict[object, list[int]] = {}
    for body in bodies:
        by_rule.setdefault(body.get("rule_id"), []).append(body["hundredths"])
    return {rule: statistics.median(v) for rule, v in by_rule.items() if len(v) >= MIN_FOR_MEDIAN}


def _bodies(store: Store, village_id: str, record_type: str) -> list[dict]:
    return [json.loads(r["body"]) for r in records.of_village(store, village_id, record_type)]


def _residents_by_household(store: Store, village_id: str) -> dict[str, set]:
    latest = {b.get("id"): b for b in _bodies(store, village_id, "resident")}
    found: dict[str, set] = {}
    for rid, body in latest.items():
        found.setdefault(body.get("household_id"), set()).add(rid)
    return found


def rule_names(store: Store, village_id: str) -> dict[str, str]:
    names = {b.get("id"): str(b.get("name") or "") for b in _bodies(store, village_id, "rule")}
    for row in records.for_everyone(store, "rule"):
        body = json.loads(row["body"])
        names[body.get("id")] = str(body.get("name") or "")
    return names


def operator_labels(bodies: list[dict]) -> dict[str, str]:
    """操作员 1, 2 …: the township knows operators by id only, never shown."""
    labels: dict[str, str] = {}
    for body in sorted(bodies, key=lambda b: str(b.get("at") or "")):
        op = body.get("operator_id")
        if op and op not in labels:
            labels[op] = str(len(labels) + 1)
    return labels


def operator_choices(store: Store, village_id: str, since: str) -> list[tuple[str, str]]:
    rows = records.entries_received_since(store, village_id, since)
    labels = operator_labels([json.loads(r["body"]) for r in rows])
    return sorted(labels.items(), key=lambda kv: int(kv[1]))


def entry(store: Store, village_id: str, entry_record: str) -> dict | None:
    row = records.entry_body(store, village_id, entry_record)
    return None if row is None else json.loads(row["body"])


def publish_return(store: Store, conn, village_id: str, body: dict, household: str, reason: str, by: str) -> str:
    """One `award_returned` record to the village: a task for its managers, never an edit."""
    return store.publish(conn, RETURNED, {"entry_id": body.get("id"), "account_id": body.get("account_id"),
                                          "household": household, "hundredths": body.get("hundredths"),
                                          "at": body.get("at"), "reason": reason, "by": by,
                                          "returned_at": store.now_text()}, village_id).id
