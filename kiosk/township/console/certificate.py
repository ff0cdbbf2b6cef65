"""积分证明: a household's figures in a statement signed by the township (Ed25519).

The text form is `JFZM1.<statement>.<signature>` (base64url, no padding): the statement is
canonical JSON (sorted keys, no spaces), so one changed byte anywhere breaks the signature.
A statement names the township key it was signed with (the first 16 hex digits of its public
key) and how long it is valid; verifying checks the signature against this township's key,
then the date, then whether the figures are still the household's figures now.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.core import statements
from kiosk.township.console import queries
from kiosk.township.store import Store
from kiosk.township.tables import console as tables
from kiosk.township.tables import terminals

PREFIX, VALID_DAYS = statements.PREFIX, 30


def signing_key(store: Store) -> Ed25519PrivateKey:
    """The township's signing key, made once and kept in its database (it also signs the
    township's word to its counters: kiosk/township/word.py)."""
    row = tables.signing_key(store)
    if row is None:
        seed = secrets.token_bytes(32)
        public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw().hex()
        with store.write() as conn:
            tables.keep_signing_key(conn, seed.hex(), public, store.now_text())
        row = tables.signing_key(store)
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row["private_hex"]))


def key_id(store: Store) -> str:
    return statements.key_id(public_key(store))


def public_key(store: Store) -> str:
    """The township's public key (hex): counters learn it at enrolment to check their snapshots."""
    return statements.public_hex(signing_key(store))


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
    held = {r["account_id"] for r in terminals.open_overdrafts(store, village["id"])}
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
    return statements.sign(signing_key(store), statement | {"key": key_id(store)})
