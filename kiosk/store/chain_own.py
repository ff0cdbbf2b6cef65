"""What the books' chain says about 回避, for `kiosk check` (kiosk/services/audit/own_household_check.py):
which resident each operator was linked to and which household each resident was in at each point
of the chain, and the decisions an operator made on a household's points, each with its chain
position and the audit row of the transaction that made it.

Every query naming chain rows by type says BY_TYPE, so SQLite finds them through the index
chain_record (record_type, record_id); entries are found by account (entry_account).
"""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.store.chain import BY_TYPE

# A decision's audit row follows its records in the transaction that wrote them (trail.audit_row,
# last); an activity's lines each come with their own. A decision chains a few rows at most
# before its audit row (an objection decided: its reversal and each objection's two rows).
AUDIT_WITHIN = 256
# What an operator may decide alone unless it touches their own household: awards and deductions
# posted at once, adjustments and reversals (a claim's credit is the claim's decision; a sale's
# redeem and refund, expiry and transfers between households are not points decided on).
DECIDED_KINDS = ("award", "deduct", "adjust")

_CHAINED = (f"SELECT position, record_id, body FROM chain WHERE record_type = ? AND {BY_TYPE}"
            " AND record_id IN ({marks}) ORDER BY position")
_ACCOUNTS = ("SELECT a.id, a.household_id, a.resident_id, a.household_id FROM account a"
             " WHERE a.household_id IN ({marks})"
             " UNION SELECT a.id, a.household_id, a.resident_id, r.household_id FROM resident r"
             " JOIN account a ON a.resident_id = r.id WHERE r.household_id IN ({marks})")
_ENTRIES = ("SELECT e.id, e.account_id, e.operator_id, e.kind, e.reverses_id, e.at,"
            f" (SELECT c.position FROM chain c WHERE c.record_type = 'entry' AND c.{BY_TYPE}"
            "  AND c.record_id = e.id) FROM entry e"
            " WHERE e.account_id = ? AND e.claim_id IS NULL"
            f" AND e.kind IN ({', '.join(repr(kind) for kind in DECIDED_KINDS)})"
            " AND e.operator_id IN ({marks})")
_CLAIMS = ("SELECT id, account_id FROM claim WHERE status <> 'pending' AND decided_by IN ({marks})")
_OBJECTIONS = ("SELECT o.id, COALESCE(e.account_id, c.account_id) FROM objection o"
               " LEFT JOIN entry e ON e.id = o.entry_id LEFT JOIN claim c ON c.id = o.claim_id"
               " WHERE o.status <> 'open' AND o.decided_by IN ({marks})")
_AUDIT_AFTER = ("SELECT c.position, a.action, a.operator_id, a.after FROM chain c"
                " JOIN audit a ON a.seq = CAST(c.record_id AS INTEGER)"
                " WHERE c.position > ? AND c.position <= ? AND c.record_type = 'audit'"
                " ORDER BY c.position LIMIT 1")


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def _tuples(cursor) -> list[tuple]:
    cursor.row_factory = None
    return cursor.fetchall()


def operator_bodies(conn) -> list[tuple[int, str, str | None]]:
    """(position, operator id, stored body) of every chained operator row, in chain order."""
    return _tuples(conn.execute(f"SELECT position, record_id, body FROM chain WHERE record_type = 'operator'"
                                f" AND {BY_TYPE} ORDER BY position"))


def chained_bodies(conn, kind: str, record_ids: Iterable[str]) -> list[tuple[int, str, str | None]]:
    """(position, id, stored body) of every chain row of these records of one type, in chain order."""
    ids = sorted(set(record_ids))
    found = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found += _tuples(conn.execute(_CHAINED.format(marks=_marks(chunk)), (kind, *chunk)))
    return sorted(found)


def household_accounts(conn, household_ids: list[str]) -> list[tuple[str, str | None, str | None, str]]:
    """(account, its household, its resident, which of these households) of each account held by
    these households or by a resident who is in one of them now."""
    if not household_ids:
        return []
    marks = _marks(household_ids)
    return _tuples(conn.execute(_ACCOUNTS.format(marks=marks), (*household_ids, *household_ids)))


def decided_entries(conn, account_id: str, operator_ids: list[str]) -> list[tuple]:
    """(id, account, operator, kind, reversed entry, at, chain position) of each award, deduction,
    adjustment or reversal these operators posted on an account, not as a claim's credit."""
    return _tuples(conn.execute(_ENTRIES.format(marks=_marks(operator_ids)), (account_id, *operator_ids)))


def decided_claims(conn, operator_ids: list[str]) -> list[tuple[str, str]]:
    """(claim, account) of each claim these operators approved or rejected."""
    return _tuples(conn.execute(_CLAIMS.format(marks=_marks(operator_ids)), operator_ids))


def decided_objections(conn, operator_ids: list[str]) -> list[tuple[str, str | None]]:
    """(objection, account of the entry or claim objected to) of each objection these operators decided."""
    return _tuples(conn.execute(_OBJECTIONS.format(marks=_marks(operator_ids)), operator_ids))


def audit_after(conn, position: int) -> tuple[int, str, str | None, str] | None:
    """(position, action, operator, after) of the first audit row chained after `position` in the
    transaction that chained it (within AUDIT_WITHIN rows), or None."""
    row = conn.execute(_AUDIT_AFTER, (position, position + AUDIT_WITHIN)).fetchone()
    return None if row is None else tuple(row)

