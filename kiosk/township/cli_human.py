"""`kiosk-township`'s plain-text output: villages, counters, households and incidents by their names
and house numbers, never by id and never as a Python dict (`--json` keeps the ids for scripts).

Incidents are numbered in the order they happened (#1, #2 …, a number that never changes), and
`resolve` takes that number.
"""

from __future__ import annotations

import json

from kiosk.core.points import Points
from kiosk.township.console.words import credits_waiting
from kiosk.township.console.words import say as console_say
from kiosk.township.store import Store
from kiosk.messages.township import CLI_WORDS as WORDS
from kiosk.township.tables import holds
from kiosk.township.tables import terminals as terminal_rows
from kiosk.township.words import beside_village


def say(key: str, lang: str, /, **params: object) -> str:
    zh, en = WORDS[key]
    return (en if lang == "en" else zh).format(**params)


def villages(result: dict, lang: str) -> list[str]:
    if "village" in result:
        return [say("village_added", lang, **result["village"])]
    return [say("village_row", lang, **v) for v in result["villages"]] or [say("no_villages", lang)]


def terminals(result: dict, lang: str) -> list[str]:
    return [say("terminal_row", lang, village=t["village"], name=beside_village(t["village"], t["name"]),
                enrolled=_day(t["enrolled_at"]),
                contact=_day(t["last_contact"]) or say("never", lang), high_water=t["high_water"])
            for t in result["terminals"]] or [say("no_terminals", lang)]


def published(result: dict, lang: str) -> list[str]:
    bodies = [r["body"] for r in result["records"]]
    if result["published"] == "rate":
        return [say("published_rate", lang, **bodies[0])]
    names = "、".join(str(b.get("name") or b.get("code") or "") for b in bodies)
    return [say("published_items", lang, kind=say("kind_" + result["published"], lang), count=len(bodies),
                names=names)]


def balances(result: dict, lang: str) -> list[str]:
    rows = result.get("ranking") or result.get("balances") or []
    row = "rank_row" if "ranking" in result else "balance_row"
    lines = [say("balances_head", lang, village=result["village"], currency=result["currency"], count=len(rows))]
    for r in rows:
        house_no = r.get("house_no") or say("not_synced", lang)
        lines.append("  " + say(row, lang, **(r | {"house_no": house_no, "head": r.get("head") or ""})))
    return lines


def incidents(store: Store, result: dict, lang: str) -> list[str]:
    lines = []
    for i in result["incidents"]:
        counter = beside_village(i.get("village_name"), i.get("terminal_name"))
        where = " · ".join(x for x in (i.get("village_name"), counter) if x)
        lines.append(say("incident_row", lang, no=i["no"], kind=console_say("ik_" + i["kind"], lang), where=where,
                         what=incident_what(store, i, lang), at=_day(i["created_at"])))
        if i.get("resolved_at"):
            lines.append(say("incident_done", lang, note=i.get("note") or ""))
    lines = lines or [say("no_incidents", lang)]
    waiting = result.get("waiting_for_credits") or []
    if waiting:
        lines.append(console_say("credits_waiting_title", lang) + "：")
    return lines + [f"{w['village_name']} · {w['household']}：{credits_waiting(w, lang)}" for w in waiting]


def waiting_for_credits(store: Store) -> list[dict]:
    """Accounts whose hold waits for credits a counter says are on their way (holds.deferred), as the
    console's 事件 page lists them."""
    names = {row["id"]: row["name"] for row in terminal_rows.villages_by_name(store)}
    return [w | {"village_name": names.get(w["village_id"], ""), "points": str(Points(w["waiting"]))}
            for w in holds.deferred(store)]


def incident_what(store: Store, incident: dict, lang: str) -> str:
    """What happened, in words: the household held, the record number missing, the counter renewed …"""
    detail = incident["detail"] if isinstance(incident["detail"], dict) else {}
    if incident["kind"] == "overdraft":
        return str(detail.get("reason") or detail.get("household") or _holder(store, incident))
    if detail.get("code") == "reidentified":
        if detail.get("granted_by"):
            return say("what_renewed_granted", lang, by=detail["granted_by"], new=detail.get("new_number"),
                       old=detail.get("old_number"))
        key = "what_renewed_unproven" if detail.get("proof") == "unproven" else "what_renewed"
        return say(key, lang, new=detail.get("new_number"), old=detail.get("old_number"))
    if detail.get("code") == "restore_disproved":
        return say("what_restore_disproved", lang, seq=detail.get("seq"))
    if detail.get("reason") == "chain_rewritten":
        return say("what_chain", lang)
    if "expected" in detail:
        return say("what_gap", lang, expected=detail["expected"])
    if "seq" in detail:
        return say("what_seq", lang, seq=detail["seq"], detail=str(detail.get("detail") or ""))
    return str(detail.get("reason") or detail.get("detail") or "")


def resolved(result: dict, lang: str) -> list[str]:
    lines = [say("resolved", lang, no=result["no"])]
    if result.get("released_record"):
        lines.append(say("released", lang, what=result.get("what") or ""))
    return lines


def allowed_copy(result: dict, lang: str) -> list[str]:
    return [say("allowed_copy", lang, no=result["no"], village=result["village"], counter=result["counter"])]


def manager_confirmed(result: dict, lang: str) -> list[str]:
    key = "manager_confirmed" if result["confirmed"] else "manager_already"
    return [say(key, lang, village=result["village"], manager=result["manager"])]


def imported(store: Store, result: dict, lang: str) -> list[str]:
    counter = terminal_rows.counter_and_village_names(store, result["terminal_id"])
    village = counter["village"] if counter else ""
    return [say("imported", lang, village=village, counter=beside_village(village, counter["name"] if counter else ""),
                stored=result["results"].get("stored", 0), total=sum(result["results"].values()),
                reply=result["reply"], sent=result["reply_records"])]


def numbered_incidents(store: Store, everything: bool) -> list[dict]:
    """Every incident (or the open ones) with its number: its place among all incidents, oldest first."""
    rows = terminal_rows.incidents_with_names(store)
    shown = [dict(r) | {"no": n, "detail": json.loads(r["detail"])} for n, r in enumerate(rows, 1)]
    return shown if everything else [i for i in shown if i["resolved_at"] is None]


def incident_by_number(store: Store, wanted: str) -> tuple[int, str] | None:
    """`resolve 3` (the number `incidents` shows) or the incident's id, as scripts pass it."""
    found = numbered_incidents(store, True)
    number = wanted.strip().lstrip("#")
    for i in found:
        if (number.isdigit() and i["no"] == int(number)) or i["id"] == wanted:
            return i["no"], i["id"]
    return None


def _holder(store: Store, incident: dict) -> str:
    with store.lock:
        return holds.household_words(store.db, incident["village_id"], incident["account_id"] or "")


def _day(stamp: str | None) -> str:
    return str(stamp or "").replace("T", " ").replace("Z", "")[:16]
