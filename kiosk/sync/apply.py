"""Applying what the township sends: a pull page or a reply bundle, in one transaction.

Every received record is kept in `sync_remote` as it came; a record already there is
skipped, so applying the same page twice changes nothing. What is applied:
- `entry`: an entry made elsewhere for one of this village's accounts goes into the local
  ledger (the balance trigger does the rest). It keeps its own terminal_id and is not in
  the local journal: it is the other terminal's record, not ours to push.
- `hold`: {account_id, reason} sets account.hold_reason; a null reason, or a
  `hold_released`, clears it.
- `price`: {product_id or code, price (hundredths)} for a township product.
- `award_returned`: 复核 退回, an award the township handed back with a reason: a
  `review_task` for the managers (kiosk/store/review_tasks.py), never a ledger edit.
  Holds, releases, prices and rates are applied only when they come from the township
  (kiosk/sync/authority.py); one from any other terminal is kept unapplied.
- `rule`, `product` from the township arrive as owner='township' rows, which the
  services refuse to edit locally; from another counter of ours, as the village's own.
  A township rule's version only moves forward (an older one arriving late changes nothing).
- `manager_confirmed`: 回避, the township's clerk confirmed a manager's PIN (its stamp pin_set_id):
  if the PIN is still that one and the manager's own change, nobody else is taken to know it
  (kiosk/store/operators.py confirmed); only on a counter that takes its township's pages only
  signed (otherwise kept, nothing done).
- `rule_mapping`: 同值化, the township maps a village's own rule to one of its rules: the
  village rule stops being used (its row, its versions and every entry under it stay).
  The township's records apply from their `effective_from` day (kiosk/sync/effective.py).
- what another counter of this village wrote: households, residents, accounts, claims …
  (apply_village.py) and sales, refunds, stock movements, goods (apply_shop.py).
A record that does not fit yet (an entry before its account) is kept unapplied and
retried after every page, so the order records arrive in does not matter.
The cursor (the server's commit number, as text) only moves forward.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from kiosk.store import (goods, operators, people, replica, review_tasks, rules, sync_remote, sync_state,
                         township_key_chained)
from kiosk.store.db import Database
from kiosk.sync import apply_shop, apply_village, authority, effective, state
from kiosk.sync.apply_rows import insert_entry
from kiosk.sync.wire import Record

RETRY_ROUNDS = 5        # a chain of dependencies (household → account → entry) settles in a few
RETRY_BATCH = 2000      # the newest unapplied records looked at per round (a stuck old one never starves them)


@dataclass(frozen=True)
class Applied:
    received: int
    applied: int
    already: int
    cursor: str
    retried: int = 0    # records kept unapplied earlier that applied now


_NOT_FITTING = (KeyError, TypeError, ValueError, AttributeError, sqlite3.IntegrityError)


class BadRecord(ValueError):
    """A pulled record whose body does not hash to its sha256: the page is refused whole."""


def later_cursor(old: str, new: str | None) -> str:
    """The cursor never moves back: an older reply after a newer one changes nothing."""
    if new is None or new == "":
        return old
    if old == "":
        return str(new)
    try:
        return str(new) if int(new) > int(old) else old
    except ValueError:
        return str(new)


def apply_page(db: Database, records: list[Record], cursor: str | None, at: str,
               high_water: int | None = None) -> Applied:
    """Apply one page and advance the cursor (and the pushed high water) together."""
    for record in records:
        if not record.intact():
            raise BadRecord(record.id)
    applied = already = 0
    with db.write() as conn, effective.on_day(at):
        for record in records:
            if sync_remote.received(conn, record.id):
                already += 1
                continue
            done = _apply_one(conn, record)
            applied += int(done)
            sync_remote.keep(conn, record.id, record.terminal_id, record.seq, record.type,
                             json.dumps(record.body, ensure_ascii=False), record.sha256, done, at)
        retried = retry_unapplied(conn) if applied else 0  # only something new can unblock a record
        retried += _apply_due(conn)
        old_cursor, old_high_water = sync_state.cursors(conn)
        new_cursor = later_cursor(old_cursor, cursor)
        state.update(conn, pull_cursor=new_cursor)
        if high_water is not None and high_water > old_high_water:
            acknowledge(conn, high_water)
    return Applied(len(records), applied, already, new_cursor, retried)


def acknowledge(conn, high_water: int) -> None:
    from kiosk.sync.outbox import forget_acknowledged

    sync_state.raise_pushed_high_water(conn, high_water)
    local_id, base = sync_state.local_numbering(conn)
    if local_id:
        forget_acknowledged(conn, local_id, high_water - base)


def retry_unapplied(conn) -> int:
    """Apply what waited for something that has arrived since; bounded, in the caller's transaction."""
    total = 0
    for _ in range(RETRY_ROUNDS):
        done = _applied_now(conn, sync_remote.unapplied(conn, RETRY_BATCH))
        total += len(done)
        if not done:
            break
    return total


def _applied_now(conn, rows: list[tuple]) -> list[tuple]:
    """Apply kept records (id, terminal_id, seq, type, body, sha256, received_at); those that apply now are marked."""
    done = [row for row in rows if row[3] in _HANDLERS and _apply_one(
        conn, Record(row[0], row[1], row[2], row[3], json.loads(row[4]), row[5]))]
    for row in done:  # kept as it came: only the flag changes, and the table refuses UPDATE
        sync_remote.mark_applied(conn, row)
    return done


def _apply_due(conn) -> int:
    """The township's records kept for their effective date, applied when the day has come."""
    return len(_applied_now(conn, sync_remote.unapplied_from(conn, authority.TOWNSHIP_ID)))


def apply_due(db: Database, today: str) -> int:
    """Apply what the township published for `today` or earlier; for a counter that has not synced
    since, or whose round had nothing to pull. Nothing waiting: a read, no write."""
    if not sync_remote.waiting_from(db.conn, authority.TOWNSHIP_ID, today):
        return 0
    with db.write() as conn, effective.on_day(today):
        return _apply_due(conn)


def _apply_one(conn, record: Record) -> bool:
    """Apply one record; one that does not fit (a broken body, a CHECK) is kept unapplied."""
    handler = _HANDLERS.get(record.type)
    if handler is None or not authority.counter_may_apply(record.type, record.terminal_id):
        return False  # a hold or price not from the township is kept, never applied (authority.py)
    if effective.not_yet(record):
        return False  # kept until its effective date (effective.py)
    # A record that does not fit (yet) is kept unapplied and retried. A database that is busy or
    # failing is not the record's fault: that error ends the page, which is pulled again.
    return replica.applied_or_undone(conn, lambda: handler(conn, record), _NOT_FITTING)


def _entry(conn, record: Record) -> bool:
    return insert_entry(conn, record.body)


def _hold(conn, body: dict) -> bool:
    reason = (body.get("reason") or "").rstrip("。")   # shown inside a sentence that ends it
    return people.set_hold(conn, body["account_id"], reason or None)


def _hold_released(conn, body: dict) -> bool:
    return people.release_hold(conn, body["account_id"])


def _award_returned(conn, record: Record) -> bool:
    """复核 退回: the township handed an award back; kept as a task for the managers, the ledger untouched."""
    body = record.body
    reason = body["reason"]
    if not isinstance(reason, str) or not reason.strip():
        return False
    review_tasks.returned_award(conn, record.id, body.get("entry_id"), body.get("account_id"),
                           str(body.get("household") or ""), body.get("hundredths"), reason.strip(),
                           str(body.get("by") or ""), str(body["returned_at"]))
    return True


def _price(conn, body: dict) -> bool:
    """A township price for one of its own products ({product_id or code, price})."""
    price = body["price"]
    if not isinstance(price, int) or isinstance(price, bool) or price <= 0:
        return False
    return goods.township_price(conn, price, body.get("product_id"), body.get("code"))


def _township_row(conn, table: str, write, body: dict) -> bool:
    clash = replica.code_holder(conn, table, body["code"])
    if clash and clash[0] != body["id"]:
        return False  # a village item already uses this code: kept, shown, not applied
    own = replica.held(conn, table, ("owner",), body["id"])
    if own and own[0] != "township":
        return False
    write(conn, body)
    return True


def _rule(conn, body: dict) -> bool:
    if "version" in body:   # the township counts its rules' versions: an older one arriving late is done
        held = replica.held(conn, "rule", ("version", "owner"), body["id"])
        if held and held[1] == "township" and held[0] >= body["version"]:
            return True
    return _township_row(conn, "rule", rules.put_township_rule, {"version": 1, **body})


def _rule_mapping(conn, body: dict) -> bool:
    """同值化: a village rule replaced by a township rule; it stops being used, and keeps its history."""
    if not replica.exists(conn, "rule", body["township_rule_id"]):
        return False   # the township rule has not arrived yet: kept and retried
    return rules.stop_village_rule(conn, body["village_rule_id"])


def _product(conn, body: dict) -> bool:
    if body.get("category_id") and not replica.exists(conn, "category", body["category_id"]):
        body = {**body, "category_id": None}
    if not _township_row(conn, "product", goods.put_township_product, body):
        return False
    goods.open_stock_once(conn, body["id"])
    for code in body.get("barcodes") or []:
        code = code["code"] if isinstance(code, dict) else code
        goods.barcode_once(conn, code, body["id"])
    return True


def _manager_confirmed(conn, body: dict) -> bool:
    """回避: the township confirmed a manager's PIN set `pin_set_id`; if the PIN is still that one
    and the manager's own change, nobody else is taken to know it (kiosk/services/behind.py).
    Applied only on a counter that takes its township's pages only signed: elsewhere whoever holds
    the terminal's secret could make one. Unsigned, another PIN since, or an operator of another
    counter of the village: kept, nothing changed, done all the same."""
    operator_id, pin_set_id = body.get("operator_id"), body.get("pin_set_id")
    trusted = township_key_chained.trusted(conn)     # the chain's key and flag: pages verified signed
    if trusted is not None and trusted[1] and isinstance(operator_id, str) and isinstance(pin_set_id, str):
        operators.confirmed(conn, operator_id, pin_set_id)
    return True


def _another_counters_manager(conn, record: Record) -> bool:
    """A manager of another counter of the village: operators are each counter's own, nothing to apply."""
    return True


def _body_only(handler):
    return lambda conn, record: handler(conn, record.body)


_HANDLERS = {"entry": _entry, "hold": _body_only(_hold), "hold_released": _body_only(_hold_released),
             "rule": apply_shop.from_a_counter(apply_shop.village_rule, _rule),
             "product": apply_shop.from_a_counter(apply_shop.village_product, _product),
             "price": _body_only(_price), "award_returned": _award_returned,
             "rule_mapping": _body_only(_rule_mapping), "manager_confirmed": _body_only(_manager_confirmed),
             "manager": _another_counters_manager, **apply_village.HANDLERS, **apply_shop.HANDLERS}
