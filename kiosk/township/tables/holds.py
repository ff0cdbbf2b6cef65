"""Overdraft holds (DESIGN invariant 6): raised only where sales overdrew, lifted by themselves.

The rule. Every account has two sums at the township, both kept with every stored entry:
- its balance: the sum of all its entries;
- its sale balance: the sum of its credits (every positive entry) and of its spending
  (negative entries of a sale, a cross-village debit, a transfer out, or of no known kind),
  leaving out deductions (扣分), expiry and adjustments/corrections.
An overdraft is a sale balance below zero on an account that at least two spenders
spent from (the township counts as one for its cross-village debits): the sales spent
more points than were ever credited. A counter never sells past its known balance, and
what it knows only lowers that balance by deductions, so a history in which every sale
knew every earlier sale (one counter alone, or counters that synced between their
sales, or the township's own cross-village debit, which checks the merged balance)
always keeps its sale balance at zero or above. It goes below zero only when two
terminals spent the same points without knowing each other's entries, or while credits
a terminal knew have not reached the township yet; the second alone (one counter's own
spending, say a PC set up from a backup that sells before the original has pushed its
awards) is never an overdraft. Deductions, expiry and corrections never count, so they
may take the balance below zero without any hold.

Credits known but not arrived. With every push (online: the request; USB: the bundle's
signed manifest) a counter says, for each account a spending entry of it touches, the sum
of the credits its books know for that account then (`credits`: what the township calls
`earned`, counted at push time, never on a redeem). The township keeps per spender of
the spending it stores the largest it was told (`hold_claim`; a resend of entries it holds
already says nothing new). An account overdrawn in sales is held
only when the credits not yet arrived do not explain it: when its sale balance plus
max(0, largest claim - earned) is still below zero. That is: when its sales spent more
than both the credits the township has and the credits any one of its spenders knew,
which a chain of sales that each knew the ones before never does. So a counter set up
from a copy of another's books, spending awards the first has not pushed yet, holds no
one; two that spent the same points without knowing of each other still go short of
what either knew, and are held at once. Credits arriving never turn a deferral into a
hold (they raise `earned` and the sale balance alike); spending that arrives may. A
counter (or bundle) that says nothing claims nothing: the rule as before. A claim is the
counter's word: a modified counter could claim credits it never had to keep a double
spend of its own household from being held, which gives it nothing (a counter alone
selling past zero is never held either), and the console shows every account whose hold
waits so, with how many points it waits for (`deferred`).

Spenders. A spender is the terminal that delivered the entry together with the books it
came from: a counter's local identity, renewed whenever its books go back
(kiosk.store.identity.renew). A USB bundle names the books it was numbered from; otherwise
the entry's own `terminal_id` (the books it was made in) is taken. A copy put back and healed
by a reply on the stick sends on under its old terminal until its next online sync gives it
a new one; its new books keep what it sends (its sales after the copy, made before the reply
healed it or after) apart from the sales the lost minutes made, as its new terminal does
online, so the stick and the network judge them alike. Rows written before the books were
known (the terminal alone) are one spender with that terminal's rows that name books.

When. Entries move both sums as they are stored, but the judgement waits until the
pushing terminal's whole push is in: its accounts are noted in `hold_check` and judged
at its next pull (a USB import pulls its reply at once), the township's own debits at
once. So the answer depends on the merged ledger only, never on how it was cut into
batches: online in many batches and by one USB bundle it is the same.

Lifting. An account on hold is released by itself as soon as its balance is back to
zero or above (an award arrived): the incident is closed with how it ended and the
balance, and a `hold_released` is published. A clerk may still resolve by hand
(merge.resolve); the sale balance then is accepted, and only a deeper overdraft, or a
new one after it was made good, holds the account again.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import AbstractContextManager
from typing import Any, Protocol

from kiosk.core.kinds import NEVER_OVERDRAWS
from kiosk.core.points import Points
from kiosk.sync.authority import TOWNSHIP_ID as TOWNSHIP
from kiosk.township.words import say


class Store(Protocol):
    """What the holds use of the township's store (kiosk.township.store.Store, which calls
    them: a protocol here keeps the two modules from importing each other)."""

    @property
    def conn(self) -> Any: ...
    def now_text(self) -> str: ...
    def write(self) -> AbstractContextManager[Any]: ...
    def one(self, sql: str, params=()) -> Any: ...
    def reading(self) -> AbstractContextManager[Any]: ...
    def publish(self, conn, type: str, body: dict, village_id: str | None) -> Any: ...
    def incident(self, conn, kind: str, detail: dict, terminal_id: str | None = None,
                 village_id: str | None = None, account_id: str | None = None) -> str: ...

NOT_SPENDING = NEVER_OVERDRAWS    # deduct, adjust, expire: may go below zero; never an overdraft


def counts_for_sales(body: dict) -> bool:
    """Does this entry move the sale balance? Credits and spending do; penalties do not."""
    return body["hundredths"] > 0 or body.get("kind") not in NOT_SPENDING


BOOKS = "|"   # between the terminal and the books in sale_spender.terminal_id (neither id holds one)


def spender(pusher: str, body: dict, books: str | None = None) -> str:
    """Who spent, as far as knowing goes: the terminal that delivered the entry and the books it came
    from, those a USB bundle names (the books it was numbered from), else those the entry names."""
    if pusher == TOWNSHIP:
        return pusher
    for named in (books, body.get("terminal_id")):
        if isinstance(named, str) and 0 < len(named) <= 64 and BOOKS not in named:
            return f"{pusher}{BOOKS}{named}"
    return pusher


def record_entries(store: Store, conn: sqlite3.Connection, village_id: str, entries: list[dict],
                   pusher: str, books: str | None = None, credits: dict[str, int] | None = None) -> None:
    """Move both sums for stored entries, keep what their push said of the credits its books knew
    (`credits`, per account), and note their accounts for judgement."""
    if not entries:
        return
    moves: dict[str, list[int]] = {}
    for body in entries:
        amount = body["hundredths"]
        move = moves.setdefault(body["account_id"], [0, 0, 0])
        move[0] += amount
        move[1] += max(amount, 0)
        move[2] += amount if counts_for_sales(body) else 0
    rows = [(village_id, account, m[0], m[1]) for account, m in moves.items()]
    conn.executemany(
        "INSERT INTO account_balance (village_id, account_id, hundredths, earned) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (village_id, account_id) DO UPDATE SET hundredths = account_balance.hundredths + excluded.hundredths,"
        " earned = account_balance.earned + excluded.earned", rows)
    conn.executemany(
        "INSERT INTO sale_balance (village_id, account_id, hundredths) VALUES (?, ?, ?)"
        " ON CONFLICT (village_id, account_id) DO UPDATE SET hundredths = sale_balance.hundredths + excluded.hundredths",
        [(village_id, account, m[2]) for account, m in moves.items()])
    spent = {(body["account_id"], spender(pusher, body, books)) for body in entries
             if body["hundredths"] < 0 and counts_for_sales(body)}
    conn.executemany("INSERT OR IGNORE INTO sale_spender (village_id, account_id, terminal_id) VALUES (?, ?, ?)",
                     [(village_id, account, who) for account, who in sorted(spent)])
    keep_claims(conn, village_id, [(account, who, credits[account]) for account, who in sorted(spent)
                                    if credits and credits.get(account)])
    conn.executemany("INSERT OR IGNORE INTO hold_check (village_id, account_id, pusher) VALUES (?, ?, ?)",
                     [(village_id, account, pusher) for account in moves])
    if pusher == TOWNSHIP:
        settle(store, conn, TOWNSHIP)


def keep_claims(conn: sqlite3.Connection, village_id: str, claims: list[tuple[str, str, int]]) -> None:
    """The largest credits each spender said its books knew of an account (a later push knows more):
    [(account, spender, hundredths)]."""
    if claims:
        conn.executemany(
            "INSERT INTO hold_claim (village_id, account_id, spender, hundredths) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (village_id, account_id, spender) DO UPDATE SET hundredths = CASE"
            " WHEN excluded.hundredths > hold_claim.hundredths THEN excluded.hundredths"
            " ELSE hold_claim.hundredths END",
            [(village_id, account, who, amount) for account, who, amount in claims])


def settle_pushed(store: Store, pusher: str, waiting: bool | None = None) -> bool:
    """Judge the accounts a terminal's push touched, now that its whole push is in; whether there
    were any (`waiting`: already known, read with the terminal)."""
    if waiting is None:
        waiting = store.one("SELECT 1 FROM hold_check WHERE pusher = ? LIMIT 1", (pusher,)) is not None
    if not waiting:
        return False
    with store.write() as conn:
        settle(store, conn, pusher)
    return True


# Every account waiting for judgement with what judge() looks at, in one query: only those that may
# be held, released or have an accepted sale balance to forget are judged one by one (most pushes
# are awards and sales within the balance: none is).
_WAITING = ("SELECT h.village_id, h.account_id FROM hold_check h"
            " LEFT JOIN account_balance b ON b.village_id = h.village_id AND b.account_id = h.account_id"
            " LEFT JOIN sale_balance s ON s.village_id = h.village_id AND s.account_id = h.account_id"
            " WHERE h.pusher = ? AND (COALESCE(s.hundredths, b.hundredths, 0) < 0"
            " OR EXISTS (SELECT 1 FROM hold_accepted a WHERE a.village_id = h.village_id AND a.account_id = h.account_id)"
            " OR EXISTS (SELECT 1 FROM incident i WHERE i.kind = 'overdraft' AND i.village_id = h.village_id"
            " AND i.account_id = h.account_id AND i.resolved_at IS NULL))"
            " ORDER BY h.village_id, h.account_id")


def settle(store: Store, conn: sqlite3.Connection, pusher: str) -> None:
    for village_id, account in conn.execute(_WAITING, (pusher,)).fetchall():
        judge(store, conn, village_id, account)
    conn.execute("DELETE FROM hold_check WHERE pusher = ?", (pusher,))


def sums(conn: sqlite3.Connection, village_id: str, account: str) -> tuple[int, int]:
    """(balance, sale balance) of one account."""
    row = conn.execute("SELECT b.hundredths, COALESCE(s.hundredths, b.hundredths) FROM account_balance b"
                       " LEFT JOIN sale_balance s USING (village_id, account_id)"
                       " WHERE b.village_id = ? AND b.account_id = ?", (village_id, account)).fetchone()
    return (row[0], row[1]) if row else (0, 0)


def open_overdraft(conn: sqlite3.Connection, village_id: str, account: str) -> sqlite3.Row | None:
    return conn.execute("SELECT * FROM incident WHERE kind = 'overdraft' AND village_id = ? AND account_id = ?"
                        " AND resolved_at IS NULL", (village_id, account)).fetchone()


def judge(store: Store, conn: sqlite3.Connection, village_id: str, account: str) -> None:
    """Hold an account whose sales overdrew; release one whose balance is back to zero or above."""
    balance, sales = sums(conn, village_id, account)
    held = open_overdraft(conn, village_id, account)
    if held is not None and balance >= 0:
        _release(store, conn, held, balance)
    elif held is None and sales < 0 and _spenders(conn, village_id, account) >= 2 \
            and not _accepted(conn, village_id, account, sales) \
            and sales + not_arrived(conn, village_id, account) < 0:
        _hold(store, conn, village_id, account, balance)
    if sales >= 0:
        conn.execute("DELETE FROM hold_accepted WHERE village_id = ? AND account_id = ?", (village_id, account))


def not_arrived(conn: sqlite3.Connection, village_id: str, account: str) -> int:
    """Credits a spender's books knew of the account beyond those the township has: max(0, largest claim - earned)."""
    row = conn.execute("SELECT MAX(c.hundredths) - COALESCE(MAX(b.earned), 0) FROM hold_claim c"
                       " LEFT JOIN account_balance b ON b.village_id = c.village_id AND b.account_id = c.account_id"
                       " WHERE c.village_id = ? AND c.account_id = ?", (village_id, account)).fetchone()
    return max(0, row[0] or 0)


# a row of the terminal alone (written before the books were known) is one with its rows that name books
_SPENDERS = ("SELECT COUNT(*) FROM sale_spender s WHERE s.village_id = ? AND s.account_id = ?"
             " AND NOT EXISTS (SELECT 1 FROM sale_spender b WHERE b.village_id = s.village_id"
             " AND b.account_id = s.account_id AND substr(b.terminal_id, 1, length(s.terminal_id) + 1)"
             f" = s.terminal_id || '{BOOKS}')")


def _spenders(conn: sqlite3.Connection, village_id: str, account: str) -> int:
    return conn.execute(_SPENDERS, (village_id, account)).fetchone()[0]


def _accepted(conn: sqlite3.Connection, village_id: str, account: str, sales: int) -> bool:
    row = conn.execute("SELECT sale_balance FROM hold_accepted WHERE village_id = ? AND account_id = ?",
                       (village_id, account)).fetchone()
    return row is not None and sales >= row[0]


def _hold(store: Store, conn: sqlite3.Connection, village_id: str, account: str, balance: int) -> None:
    household = household_words(conn, village_id, account)
    shown, short = str(Points(balance)), str(Points(-balance))
    reason = say("overdraft", "zh", household=household, balance=shown, short=short)
    incident_id = store.incident(conn, "overdraft", {"balance": shown, "short": short, "household": household,
                                                     "reason": reason},
                                 village_id=village_id, account_id=account)
    store.publish(conn, "hold", {"account_id": account, "incident_id": incident_id, "reason": reason}, village_id)


def _release(store: Store, conn: sqlite3.Connection, incident: sqlite3.Row, balance: int,
             words: str = "overdraft_lifted") -> None:
    detail = json.loads(incident["detail"])
    household = detail.get("household") or household_words(conn, incident["village_id"], incident["account_id"])
    note = say(words, "zh", household=household, balance=str(Points(balance)))
    detail.update(ended="automatic", balance_at_end=str(Points(balance)))
    conn.execute("UPDATE incident SET resolved_at = ?, note = ?, detail = ? WHERE id = ?",
                 (store.now_text(), note, json.dumps(detail, ensure_ascii=False, sort_keys=True), incident["id"]))
    store.publish(conn, "hold_released", {"account_id": incident["account_id"], "incident_id": incident["id"],
                                          "note": note}, incident["village_id"])


def resolved_by_hand(store: Store, conn: sqlite3.Connection, incident: sqlite3.Row, note: str) -> str:
    """A clerk closed an overdraft: publish the release, accept the sale balance as it is now."""
    village_id, account = incident["village_id"], incident["account_id"]
    balance, sales = sums(conn, village_id, account)
    detail = json.loads(incident["detail"]) | {"ended": "by_hand", "balance_at_end": str(Points(balance))}
    conn.execute("UPDATE incident SET detail = ? WHERE id = ?",
                 (json.dumps(detail, ensure_ascii=False, sort_keys=True), incident["id"]))
    if sales < 0:
        conn.execute("INSERT INTO hold_accepted (village_id, account_id, sale_balance) VALUES (?, ?, ?)"
                     " ON CONFLICT (village_id, account_id) DO UPDATE SET sale_balance = excluded.sale_balance",
                     (village_id, account, sales))
    return store.publish(conn, "hold_released", {"account_id": account, "incident_id": incident["id"],
                                                 "note": note}, village_id).id


_WAITING_FOR_CREDITS = (
    "SELECT s.village_id, s.account_id, s.hundredths AS sales, b.earned, MAX(c.hundredths) AS claimed,"
    " (SELECT w.spender FROM hold_claim w WHERE w.village_id = s.village_id AND w.account_id = s.account_id"
    " ORDER BY w.hundredths DESC, w.spender LIMIT 1) AS claimer"
    " FROM sale_balance s JOIN account_balance b ON b.village_id = s.village_id AND b.account_id = s.account_id"
    " JOIN hold_claim c ON c.village_id = s.village_id AND c.account_id = s.account_id"
    " WHERE s.hundredths < 0{}"
    " GROUP BY s.village_id, s.account_id, s.hundredths, b.earned HAVING MAX(c.hundredths) > b.earned"
    " ORDER BY s.village_id, s.account_id")


def deferred(store: Store, village_id: str | None = None) -> list[dict]:
    """Accounts whose sales overdrew with two spenders, not held only because a spender's books knew
    credits the township has not received yet: {village_id, account_id, household, waiting (hundredths),
    counter, counter_number (the counter whose claim it waits for)}."""
    found = []
    with store.reading() as conn:
        where = ("", ()) if village_id is None else (" AND s.village_id = ?", (village_id,))
        for row in conn.execute(_WAITING_FOR_CREDITS.format(where[0]), where[1]).fetchall():
            village, account = row["village_id"], row["account_id"]
            if open_overdraft(conn, village, account) is not None or _spenders(conn, village, account) < 2 \
                    or _accepted(conn, village, account, row["sales"]):
                continue
            found.append({"village_id": village, "account_id": account, "waiting": row["claimed"] - row["earned"],
                          "household": household_words(conn, village, account),
                          **_claimer(conn, row["claimer"])})   # whose claim it waits for
    return found


def _claimer(conn, spender: str | None) -> dict:
    """{counter, counter_number}: the name and number of the terminal a spender (terminal|books)
    delivered from ('' and None when unknown)."""
    found = conn.execute("SELECT name, number FROM terminal WHERE id = ?",
                         ((spender or "").split(BOOKS)[0],)).fetchone()
    return {"counter": str(found[0] or "") if found else "", "counter_number": found[1] if found else None}


def open_hold_reason(conn: sqlite3.Connection, village_id: str, account: str) -> str | None:
    """The words of the account's open hold, if it has one (for 积分互认)."""
    row = open_overdraft(conn, village_id, account)
    if row is None:
        return None
    detail = json.loads(row["detail"])
    return detail.get("reason") or say("overdraft", "zh", household=household_words(conn, village_id, account),
                                       balance=detail.get("balance", ""), short="")


def _latest(conn: sqlite3.Connection, record_type: str, village_id: str, row_id: object) -> dict:
    if not isinstance(row_id, str):
        return {}
    row = conn.execute("SELECT body FROM record WHERE type = ? AND json_extract(body, '$.id') = ?"
                       " AND village_id = ? ORDER BY commit_no DESC LIMIT 1",
                       (record_type, row_id, village_id)).fetchone()
    body = json.loads(row[0]) if row else {}
    return body if isinstance(body, dict) else {}


def household_words(conn: sqlite3.Connection, village_id: str, account: str) -> str:
    """"5组18号王小明家" from the account, household and resident records the village pushed."""
    found = _latest(conn, "account", village_id, account)
    person = _latest(conn, "resident", village_id, found.get("resident_id"))
    household = _latest(conn, "household", village_id, found.get("household_id") or person.get("household_id"))
    head = person or _latest(conn, "resident", village_id, household.get("head_id"))
    house_no, name = str(household.get("house_no") or ""), str(head.get("name") or "")
    if person:
        return say("holder_person", "zh", house_no=house_no, name=name) if house_no else name
    if house_no and name:
        return say("holder_household", "zh", house_no=house_no, name=name)
    if house_no:
        return say("holder_house", "zh", house_no=house_no)
    return say("holder_unknown", "zh")


def upgrade(store: Store) -> None:
    """A township file from before sale balances, opened once: work them out from the stored
    entries, and release the holds the old rule raised that are no overdraft (a deduction or
    expiry below zero, or a balance long back above zero), each with how it ended."""
    conn = store.conn
    if conn.execute("SELECT 1 FROM sale_balance LIMIT 1").fetchone() is not None:
        return
    if conn.execute("SELECT 1 FROM account_balance LIMIT 1").fetchone() is None:
        return
    not_spending = ", ".join(f"'{kind}'" for kind in NOT_SPENDING)
    with store.write() as conn:
        # asked again under the write lock: another server process opening the same database
        # (or a push) may have filled them since the look above
        if conn.execute("SELECT 1 FROM sale_balance LIMIT 1").fetchone() is not None:
            return
        conn.execute(
            "INSERT INTO sale_balance (village_id, account_id, hundredths)"
            " SELECT village_id, json_extract(body, '$.account_id'),"
            f" SUM(CASE WHEN json_extract(body, '$.hundredths') > 0 OR COALESCE(json_extract(body, '$.kind'), '')"
            f" NOT IN ({not_spending}) THEN json_extract(body, '$.hundredths') ELSE 0 END)"
            " FROM record WHERE type = 'entry' AND village_id IS NOT NULL GROUP BY 1, 2"
            " ON CONFLICT (village_id, account_id) DO NOTHING")
        conn.execute(
            "INSERT OR IGNORE INTO sale_spender (village_id, account_id, terminal_id)"
            " SELECT DISTINCT village_id, json_extract(body, '$.account_id'), CASE WHEN terminal_id != ?"
            " AND json_type(body, '$.terminal_id') = 'text' AND length(json_extract(body, '$.terminal_id'))"
            f" BETWEEN 1 AND 64 AND instr(json_extract(body, '$.terminal_id'), '{BOOKS}') = 0"
            f" THEN terminal_id || '{BOOKS}' || json_extract(body, '$.terminal_id') ELSE terminal_id END FROM record"
            " WHERE type = 'entry' AND village_id IS NOT NULL AND json_extract(body, '$.hundredths') < 0"
            f" AND COALESCE(json_extract(body, '$.kind'), '') NOT IN ({not_spending})", (TOWNSHIP,))
        for held in conn.execute("SELECT * FROM incident WHERE kind = 'overdraft' AND resolved_at IS NULL"
                                 " AND village_id IS NOT NULL AND account_id IS NOT NULL").fetchall():
            balance, sales = sums(conn, held["village_id"], held["account_id"])
            if balance >= 0 or sales >= 0 or _spenders(conn, held["village_id"], held["account_id"]) < 2:
                _release(store, conn, held, balance, "overdraft_lifted" if balance >= 0 else "overdraft_never")
