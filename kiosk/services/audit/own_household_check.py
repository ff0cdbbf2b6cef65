"""`kiosk check`: 回避 replayed from the books' chain (invariant 11).

The program asks for a second manager when the acting operator's linked resident
(operator.resident_id) is of the household touched (kiosk/services/permissions.py
`require_second_if_own`); the audit row then names that manager ("second_manager"). Someone
who takes his link off with sqlite3 (the operator's chain trigger dropped), decides alone on
his own household through the program and puts the link back leaves every chained body equal
to its record; but the chain still says whom he was linked to when he decided.

So each decision that needs 回避 is held to the chain as it stood at the decision's position:
awards and deductions posted at once, adjustments and reversals (entries), claim approvals and
rejections, and objection decisions (their chained bodies carry the deciding operator); not a
sale's redeem or refund, expiry, a claim's later credit (its approval is the decision) or
household changes. The operator's link is the last chained operator body before that position;
the household of the resident he is, and of a resident who holds an account of their own, is
the last chained resident body before it (the chain's membership then, as the program read it
at that moment). A household's account is its own; a resident's account counts for the
household the resident is in now or was in (as chained) whenever the operator was linked to it
(one who has since left every such household is not looked at). Such a decision's audit row (the
transaction's, chained right after its records) must name a second manager. Only positions after
the chain's milestone (migration 0033) are replayed; before it, operators' bodies did not carry
their link.

Cheap on half a million entries: only operators ever linked (a few), only their households'
accounts, entries by account (index entry_account), chain positions by (record_type, record_id)
(index chain_record), claims and objections by deciding operator (small tables).
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass

from kiosk.services.audit.check_words import Found, said
from kiosk.store import chain_milestone, chain_own
from kiosk.store.chain_verify import house_no

Timeline = list[tuple[int, str | None]]    # (position, value from then on), in chain order


@dataclass(frozen=True)
class Decision:
    position: int          # of the record that carries it
    operator_id: str
    account_id: str
    at: str
    act: str               # own_award, own_deduct, own_adjust, own_revoke, own_claim, own_objection


def problems(conn) -> list[str]:
    """One line per operator and household decided on alone while the chain linked them."""
    links, names = _links(conn)
    linked = {value for line in links.values() for _, value in line if value}
    if not linked:
        return []
    homes = _homes(conn, linked)
    deciders = _deciders(links, homes)
    accounts = chain_own.household_accounts(conn, sorted(deciders))
    homes |= _homes(conn, {resident for _, _, resident, _ in accounts if resident} - homes.keys())
    holders = {account: (household, resident) for account, household, resident, _ in accounts}
    by_account = {account: sorted(deciders[of]) for account, _, _, of in accounts}
    found: dict[tuple[str, str], list[tuple[Decision, str]]] = {}
    done: set[int] = set()
    start = chain_milestone.position(conn)
    for decision in _decisions(conn, sorted(links), by_account):
        own = _own_household(decision, links, homes, holders) if decision.position > start else None
        if own is not None and not _confirmed(conn, decision, done):
            found.setdefault((decision.operator_id, own), []).append((decision, _at(names, decision)))
    return [_words(conn, own, alone) for (_, own), alone in found.items()]


def _deciders(links: dict[str, Timeline], homes: dict[str, Timeline]) -> dict[str, set[str]]:
    """The operators whose linked resident was ever in each household, as chained."""
    deciders: dict[str, set[str]] = {}
    for operator_id, line in links.items():
        for resident in {value for _, value in line if value}:
            for _, household in homes.get(resident, []):
                if household:
                    deciders.setdefault(household, set()).add(operator_id)
    return deciders


def _links(conn) -> tuple[dict[str, Timeline], dict[str, Timeline]]:
    """Each operator's chained link (resident id; None: none, or a body from before links were
    chained) and name over the chain, read by key name (bodies may carry more keys)."""
    links: dict[str, Timeline] = {}
    names: dict[str, Timeline] = {}
    for position, operator_id, body in chain_own.operator_bodies(conn):
        data = _body(body)
        links.setdefault(operator_id, []).append((position, data.get("resident_id") or None))
        names.setdefault(operator_id, []).append((position, data.get("name") or None))
    return links, names


def _homes(conn, resident_ids: set[str]) -> dict[str, Timeline]:
    """Each resident's household over the chain."""
    homes: dict[str, Timeline] = {}
    for position, resident_id, body in chain_own.chained_bodies(conn, "resident", resident_ids):
        homes.setdefault(resident_id, []).append((position, _body(body).get("household_id") or None))
    return homes


def _decisions(conn, operators: list[str], by_account: dict[str, list[str]]):
    """The decisions linked operators made on these accounts (entries: by an operator ever of the
    account's household), each at its chain position: claims and objections first (an upheld
    objection's reversal is named as the objection's decision)."""
    claims = [row for row in chain_own.decided_claims(conn, operators) if row[1] in by_account]
    yield from _decided(conn, "claim", {claim for claim, _ in claims}, "pending", "own_claim")
    objections = dict(row for row in chain_own.decided_objections(conn, operators) if row[1] in by_account)
    yield from _decided(conn, "objection", objections, "open", "own_objection", objections)
    for account_id, deciders in by_account.items():
        for _, account, operator, kind, reverses, at, position in \
                chain_own.decided_entries(conn, account_id, deciders):
            if position is not None:
                act = "own_revoke" if reverses else f"own_{kind}"
                yield Decision(position, operator, account, at, act)


# The audit actions of a claim's or an objection's decision: its decided body may be chained before
# (when it was filed in the same transaction, every row of it is sealed with the decided body).
DECIDED_BY_AUDIT = {"claim": ("claim.approve", "claim.reject"), "objection": ("notice.uphold", "notice.dismiss")}


def _decided(conn, kind: str, ids, undecided: str, act: str, accounts: dict | None = None):
    """Where each claim or objection was decided (its first decided chained row that its decision's
    audit row follows; else its first decided row), and by whom (its chained body)."""
    rows: dict[str, list[tuple[int, dict]]] = {}
    for position, record_id, body in chain_own.chained_bodies(conn, kind, ids):
        data = _body(body)
        if data.get("status") not in (None, undecided) and data.get("decided_by"):
            rows.setdefault(record_id, []).append((position, data))
    for record_id, decided in rows.items():
        position, data = next(((p, d) for p, d in decided if _audit_action(conn, p) in DECIDED_BY_AUDIT[kind]),
                              decided[0])
        account = accounts[record_id] if accounts else data.get("account_id")
        if account:
            yield Decision(position, data["decided_by"], account, str(data.get("decided_at") or ""), act)


def _audit_action(conn, position: int) -> str | None:
    row = chain_own.audit_after(conn, position)
    return None if row is None else row[1]


def _own_household(decision: Decision, links, homes, holders) -> str | None:
    """The household decided on, when the chain had the deciding operator in it then."""
    resident = _then(links.get(decision.operator_id, []), decision.position)
    home = _then(homes.get(resident, []), decision.position) if resident else None
    if home is None:
        return None
    if decision.account_id not in holders:
        return None
    household, holder = holders[decision.account_id]
    touched = household or (_then(homes.get(holder, []), decision.position) if holder else None)
    return home if touched == home else None


def _confirmed(conn, decision: Decision, done: set[int]) -> bool:
    """Its transaction's audit row names a second manager; or that act was already looked at
    (an upheld objection's reversal and the objection share one audit row)."""
    row = chain_own.audit_after(conn, decision.position)
    if row is None or row[2] != decision.operator_id:
        return False
    if row[0] in done:
        return True
    done.add(row[0])
    after = _body(row[3])
    return bool(after.get("second_manager"))


def _then(line: Timeline, position: int) -> str | None:
    """The value a timeline held just before `position`."""
    index = bisect_left(line, (position,))
    return line[index - 1][1] if index else None


def _at(names: dict[str, Timeline], decision: Decision) -> str:
    return _then(names.get(decision.operator_id, []), decision.position) or ""


def _body(text: str | None) -> dict:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _words(conn, household_id: str, alone: list[tuple[Decision, str]]) -> str:
    first, name = min(alone, key=lambda pair: pair[0].position)
    house = house_no(conn, household_id) or said("a_household")
    more = said("places", count=len(alone)) if len(alone) > 1 else ""
    return Found(said("own_alone", name=name, when=first.at[:16], act=said(first.act, house_no=house), more=more),
                 f"{first.act} by operator {first.operator_id} at chain position {first.position} on household"
                 f" {household_id} without a second manager ({len(alone)} in all)")
