"""积分证明: a household's figures in a statement signed by the township (Ed25519).

The text form is `JFZM1.<statement>.<signature>` (base64url, no padding): the statement is
canonical JSON (sorted keys, no spaces), so one changed byte anywhere breaks the signature.
A statement names the township key it was signed with (the first 16 hex digits of its public
key) and how long it is valid; verifying checks the signature against this township's key,
then the date, then whether the figures are still the household's figures now.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core import statements
from kiosk.township.console import queries
from kiosk.township.store import Store

PREFIX, VALID_DAYS = statements.PREFIX, 30


def _key(store: Store) -> Ed25519PrivateKey:
    """The township's signing key, made once and kept in its database."""
    row = store.one("SELECT private_hex FROM township_key WHERE id = 'ed25519'")
    if row is None:
        seed = secrets.token_bytes(32)
        public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw().hex()
        with store.write() as conn:
            conn.execute("INSERT INTO township_key (id, private_hex, public_hex, created_at) VALUES ('ed25519', ?, ?, ?)"
                         " ON CONFLICT (id) DO NOTHING", (seed.hex(), public, store.now_text()))
        row = store.one("SELECT private_hex FROM township_key WHERE id = 'ed25519'")
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row["private_hex"]))


def key_id(store: Store) -> str:
    return statements.key_id(public_key(store))


def public_key(store: Store) -> str:
    """The township's public key (hex): counters learn it at enrolment to check their snapshots."""
    return statements.public_hex(_key(store))


def figures(store: Store, village: dict, home: queries.Household) -> dict:
    """What a certificate says: this year's and last year's points, by category, holds."""
    year = datetime.fromtimestamp(store.clock(), UTC).year
    history = queries.household_history(store, village["id"], home, limit=100000)
    earned = {year: 0, year - 1: 0}
    for entry in history:
        when = entry["at"][:4]
        amount = round(float(entry["points"]) * 100)
        if when.isdigit() and int(when) in earned and amount > 0 and entry["kind"] == "award":
            earned[int(when)] += amount
    held = {r["account_id"] for r in store.all("SELECT account_id FROM incident WHERE kind = 'overdraft'"
                                                " AND village_id = ? AND resolved_at IS NULL", (village["id"],))}
    holds = held & set(home.accounts)
    return {"village": village["name"], "currency": village["currency"], "house_no": home.house_no,
            "head": home.head, "balance": queries.points(home.balance), "earned_total": queries.points(home.earned),
            "this_year": queries.points(earned[year]), "last_year": queries.points(earned[year - 1]),
            "year": year, "on_hold": bool(holds)}


def sign(store: Store, village: dict, home: queries.Household) -> str:
    now = store.clock()
    return sign_statement(store, figures(store, village, home) | {
        "v": 1, "issued": store.now_text(),
        "valid_until": datetime.fromtimestamp(now + VALID_DAYS * 86400, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")})


def sign_statement(store: Store, statement: dict) -> str:
    """`statement` with this township's key id, signed."""
    return statements.sign(_key(store), statement | {"key": key_id(store)})


@dataclass(frozen=True)
class Verdict:
    code: str                   # genuine_current, genuine_changed, expired, forged, other_township, unreadable
    statement: dict | None = None
    now: dict | None = None     # the household's figures now, when they changed

    @property
    def genuine(self) -> bool:
        return self.code in ("genuine_current", "genuine_changed")


def verify(store: Store, text: str) -> Verdict:
    """The statement in `text` (the bare text, the QR's link, or a page that holds it) judged:
    a console certificate or a counter's snapshot (kind "snapshot", kiosk.township.console.snapshots)."""
    read = statements.check(text, statements.public_hex(_key(store)))
    if read.code != "genuine":
        return Verdict({"other_key": "other_township"}.get(read.code, read.code))
    statement = read.statement or {}
    if statements.expired(statement, store.now_text()):
        return Verdict("expired", statement)
    if statement.get("kind") == "snapshot":
        from kiosk.township.console import snapshots
        return _compared(statement, snapshots.figures_now(store, statement))
    return _current(store, statement)


def _compared(statement: dict, now: dict | None) -> Verdict:
    if now is None:
        return Verdict("genuine_changed", statement)
    same = all(now[k] == statement.get(k) for k in ("balance", "this_year", "last_year", "on_hold"))
    return Verdict("genuine_current" if same else "genuine_changed", statement, None if same else now)


def _current(store: Store, statement: dict) -> Verdict:
    village = store.village_by_name(str(statement.get("village", "")))
    home = None if village is None else next(
        (h for h in queries.households(store, village["id"]) if h.house_no == statement.get("house_no")), None)
    if village is None or home is None:
        return Verdict("genuine_changed", statement)
    return _compared(statement, figures(store, dict(village), home))
