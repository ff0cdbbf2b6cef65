"""Topping the ledger up to half a million entries with bulk SQL, in one transaction.

Each added entry is a manager's award under one of the demo's earning rules, for a
random active resident on a random day of the past year, written as `awards._post`
writes it: the entry (whose trigger moves the cached balance), its journal row
(the gap-free sequence continues) and its hash-chained audit row, chained right after it
as the program's transactions chain them; an award to the acting manager's own household
names the other manager who confirmed it (回避: `kiosk check` replays it from the chain).
`meta.audit_head` ends on the last one. Rows go in in time order, as a real counter appends them.
"""

from __future__ import annotations

import json
import random
from bisect import bisect
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import points_for
from kiosk.services.context import Context
from kiosk.services.setup.demo_data import DemoData
from kiosk.store import audit
from kiosk.store.ledger import NewEntry
from kiosk.store.rules import to_rule

# The columns of NewEntry an award fills in (the rule-version ones stay NULL: the rule's own name shows)
COLUMNS = tuple(NewEntry.__dataclass_fields__)[:16]
ENTRY_INSERT = f"INSERT INTO entry ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
JOURNAL_INSERT = "INSERT INTO journal (terminal_id, seq, record_type, record_id) VALUES (?, ?, ?, ?)"
AUDIT_INSERT = ("INSERT INTO audit (seq, at, operator_id, operator_name, action, target_type,"
                " target_id, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
DAYS, OPEN_SECONDS, OPENS = 365, 10 * 3600, 8 * 3600  # awards happen 08:00–17:59


def _choices(ctx: Context, data: DemoData) -> tuple[list[tuple], list[float]]:
    """Every (rule, quantity) the demo's earning activities produce, and cumulative weights."""
    options, weights = [], []
    for act in data.activity:
        row = ctx.db.one("SELECT * FROM rule WHERE code = ?", (act.code,))
        if row is None or row["points"] <= 0 or not row["active"]:
            continue
        rule = to_rule(row)
        span = act.qty_max - act.qty_min + 1
        for n in range(act.qty_min, act.qty_max + 1):
            qty = Measure(n * 100)
            amount = points_for(rule, qty)
            options.append((row["id"], rule.code, qty.hundredths, str(qty), amount.hundredths,
                            str(amount)))
            weights.append(act.monthly_chance / span)
    return options, list(accumulate(weights))


def _uuid7(ms: int, rand: int) -> str:
    """A UUIDv7 born at `ms` (Unix milliseconds) with 74 random bits."""
    value = (ms << 80) | (7 << 76) | ((rand >> 62) << 64) | (2 << 62) | (rand & ((1 << 62) - 1))
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def plan(ctx: Context, data: DemoData, missing: int, rng: random.Random):
    """The entry, journal and audit rows to append, and the new audit head."""
    db = ctx.db
    people = [(r[0], r[1], json.dumps(r[2], ensure_ascii=False), r[3]) for r in db.all(
        "SELECT r.id, a.id, r.name, r.household_id FROM resident r JOIN account a"
        " ON a.household_id = r.household_id OR a.resident_id = r.id WHERE r.status = 'active'")]
    options, cumulative = _choices(ctx, data)
    total_weight = cumulative[-1]
    balances = dict(db.all("SELECT account_id, hundredths FROM balance"))
    op_id, op_name = db.one(
        "SELECT id, name FROM operator WHERE role = 'manager' ORDER BY created_at")
    own, confirmed = _own_household(ctx, op_id)
    terminal = ctx.terminal.id
    first = date.today() - timedelta(days=DAYS)
    days = [first + timedelta(days=n) for n in range(DAYS)]
    day_text = [d.isoformat() for d in days]
    day_ms = [int(datetime.combine(d, time(0)).timestamp() * 1000) for d in days]

    moments = sorted(rng.randrange(DAYS * OPEN_SECONDS) for _ in range(missing))
    seq = db.scalar("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal_id = ?", (terminal,))
    last = db.one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
    audit_seq, prev = (last[0], last[1]) if last else (0, audit.GENESIS)
    entries, journal_rows, audit_rows = [], [], []
    for moment in moments:
        day, second = divmod(moment, OPEN_SECONDS)
        second += OPENS
        hour, rest = divmod(second, 3600)
        at = f"{day_text[day]} {hour:02d}:{rest // 60:02d}:{rest % 60:02d}"
        entry_id = _uuid7(day_ms[day] + second * 1000 + rng.randrange(1000), rng.getrandbits(74))
        resident_id, account_id, name_json, household_id = people[int(rng.random() * len(people))]
        rule_id, code, qty, qty_text, amount, amount_text = \
            options[bisect(cumulative, rng.random() * total_weight)]
        # the columns of NewEntry, in order
        entries.append((entry_id, account_id, "award", amount, terminal, at, day_text[day],
                        resident_id, rule_id, qty, None, None, None, None, "", op_id))
        seq += 1
        journal_rows.append((terminal, seq, "entry", entry_id))
        balance = balances[account_id] = balances.get(account_id, 0) + amount
        after = (f'{{"balance":"{Points(balance)}","points":"{amount_text}","qty":"{qty_text}",'
                 f'"resident":{name_json},"rule":"{code}"' + (confirmed if household_id == own else "") + "}")
        audit_seq += 1
        digest = audit.row_hash(prev, audit_seq, at, op_id, op_name, "points.award", "entry",
                                entry_id, "", after)
        audit_rows.append((audit_seq, at, op_id, op_name, "points.award", "entry", entry_id,
                           "", after, prev, digest))
        prev = digest
    return entries, journal_rows, audit_rows, f"{audit_seq}:{prev}"


def _own_household(ctx: Context, op_id: str) -> tuple[str | None, str]:
    """The acting manager's household, and the audit JSON naming the other manager who confirms
    an award to it (the demo's second manager: of another household)."""
    own = ctx.db.scalar("SELECT r.household_id FROM operator o JOIN resident r ON r.id = o.resident_id"
                        " WHERE o.id = ?", (op_id,))
    second = ctx.db.scalar("SELECT name FROM operator WHERE role = 'manager' AND id <> ? ORDER BY created_at",
                           (op_id,))
    return own, f',"second_manager":{json.dumps(second, ensure_ascii=False)}'


def _check_shapes(entries: list[tuple], audit_rows: list[tuple]) -> None:
    """The hand-made rows are what the services would write (column order, audit JSON)."""
    assert COLUMNS == ("id", "account_id", "kind", "hundredths", "terminal_id", "at",
                       "activity_date", "resident_id", "rule_id", "qty", "claim_id", "sale_id",
                       "refund_id", "reverses_id", "note", "operator_id"), COLUMNS
    assert len(entries[0]) == len(COLUMNS)
    for after in {audit_rows[0][8], next((row[8] for row in audit_rows if "second_manager" in row[8]), "{}")}:
        assert after == audit._json(json.loads(after)), after


def top_up_ledger(ctx: Context, data: DemoData, target: int, rng: random.Random) -> int:
    """Append awards until the ledger holds `target` entries; returns how many were added."""
    db = ctx.db
    missing = target - db.scalar("SELECT COUNT(*) FROM entry")
    if missing <= 0:
        return 0
    entries, journal_rows, audit_rows, head = plan(ctx, data, missing, rng)
    _check_shapes(entries, audit_rows)
    db.execute("PRAGMA cache_size = -400000")  # 400 MB: the big transaction stays in memory
    try:
        with db.write() as conn:
            conn.executemany(ENTRY_INSERT, entries)
            for journal_row, audit_row in zip(journal_rows, audit_rows):   # each entry, then its audit row
                conn.execute(JOURNAL_INSERT, journal_row)
                conn.execute(AUDIT_INSERT, audit_row)
            conn.execute("INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (head,))
    finally:
        db.execute("PRAGMA cache_size = -2000")
    return missing
