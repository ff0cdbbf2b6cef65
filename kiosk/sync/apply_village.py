"""Applying what another counter of this village wrote: households, residents, accounts,
claims, objections, activities and household events.

Each handler takes the connection and the whole record and answers whether it applied.
A row not yet known is inserted; one already here changes only when the incoming
version wins by (stamp, terminal id), so every counter settles on the same text. A row
naming something not yet here (a resident before its household) raises on the foreign
key: the record stays unapplied in sync_remote and is retried after later pages.
Append-only rows (events, activities) are only ever inserted.
"""

from __future__ import annotations

from kiosk.store import activities, cards, claims, households, notices, people
from kiosk.store.replica import exists, held, local_village
from kiosk.store.sync_state import own_terminal
from kiosk.sync import house_clash, stamps
from kiosk.sync.apply_rows import remote_wins
from kiosk.sync.wire import Record

CARD_RETIRED_ELSEWHERE = "另一台收银机已换新卡"


def household(conn, record: Record) -> bool:
    """A house number taken here by another household is settled by house_clash.place."""
    body = {**record.body, "village_id": local_village(conn)}
    at = body.get("changed_at") or body.get("created_at") or ""
    if not exists(conn, "household", body["id"]):
        people.insert_received_household(conn, body, house_no=house_clash.parking_name(body["id"]))
        house_clash.place(conn, body["id"], body["house_no"], at)
        return True
    if remote_wins(conn, record, stamps.held_stamp(conn, "household", body["id"])):
        people.update_received_household(conn, body)
        house_clash.place(conn, body["id"], body["house_no"], at)
    return True


def account(conn, record: Record) -> bool:
    """Accounts never change here but for the township's hold, which comes by its own record."""
    if not exists(conn, "account", record.body["id"]):
        people.insert_received_account(conn, record.body)
        people.open_balance_once(conn, record.body["id"])
    return True


def resident(conn, record: Record) -> bool:
    body = record.body
    here = held(conn, "resident", ("card_code", "updated_at"), body["id"])
    if here is None:
        people.insert_received_resident(conn, body)
        _retire_cards(conn, body)
        return True
    _retire_cards(conn, body)
    if remote_wins(conn, record, here[1]):
        people.update_received_resident(conn, body)
        _settle_card(conn, body["id"], body["card_code"], here[0])
    else:
        _settle_card(conn, body["id"], here[0], body["card_code"])
    return True


def _retire_cards(conn, body: dict) -> None:
    """Retired cards are a growing set: a code retired on any counter is retired on all."""
    for card in body.get("retired_cards") or []:
        cards.retire_card_once(conn, card["code"], body["id"], card.get("reason") or CARD_RETIRED_ELSEWHERE,
                            card.get("retired_at") or body.get("updated_at"))


def _settle_card(conn, resident_id: str, winner: str, loser: str) -> None:
    """The winning version's card, unless it was retired (a new card made on the other side)."""
    retired = cards.retired_codes(conn, resident_id)
    code = loser if winner in retired and loser not in retired else winner
    cards.settle_card(conn, resident_id, code)


def household_event(conn, record: Record) -> bool:
    if not exists(conn, "household_event", record.body["id"]):
        households.insert_received_event(conn, record.body)
    return True


def claim(conn, record: Record) -> bool:
    """Filed once, decided once, credited once: a later stage is taken, never undone."""
    body = record.body
    here = held(conn, "claim", ("status", "decided_at", "entry_id"), body["id"])
    if here is None:
        claims.insert_received(conn, body)
        return True
    status, decided_at, entry_id = here
    decided = body.get("status") not in (None, "pending")
    later = (body.get("decided_at") or "", record.terminal_id) > (decided_at or "", own_terminal(conn))
    if decided and (status == "pending" or (status != body["status"] and later)):
        claims.decide_received(conn, body)
    if entry_id is None and body.get("entry_id"):
        claims.credit_claim_once(conn, body["id"], body["entry_id"])
    return True


def objection(conn, record: Record) -> bool:
    body = record.body
    here = held(conn, "objection", ("status",), body["id"])
    if here is None:
        notices.insert_received_objection(conn, body)
    elif here[0] == "open" and body.get("status") not in (None, "open"):
        notices.decide_received_objection(conn, body)
    return True


def activity(conn, record: Record) -> bool:
    body = record.body
    if exists(conn, "activity", body["id"]):
        return True
    activities.insert_received(conn, body)
    for line in body.get("lines") or []:
        activities.insert_received_line(conn, line)
    if body.get("photo"):
        activities.insert_received_photo(conn, body["photo"])
    return True


HANDLERS = {"household": household, "account": account, "resident": resident,
            "household_event": household_event, "claim": claim, "objection": objection, "activity": activity}
