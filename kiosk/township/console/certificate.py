"""积分证明: a household's figures in a statement signed by the township (Ed25519).

The text form is `JFZM1.<statement>.<signature>` (base64url, no padding): the statement is
canonical JSON (sorted keys, no spaces), so one changed byte anywhere breaks the signature.
A statement names the township key it was signed with (the first 16 hex digits of its public
key) and how long it is valid; verifying checks the signature against this township's key,
then the date, then whether the figures are still the household's figures now.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from kiosk.township.console import queries
from kiosk.township.store import Store

PREFIX, VALID_DAYS = "JFZM1", 30


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


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
    return _key(store).public_key().public_bytes_raw().hex()[:16]


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
    statement = figures(store, village, home) | {
        "v": 1, "key": key_id(store), "issued": store.now_text(),
        "valid_until": datetime.fromtimestamp(now + VALID_DAYS * 86400, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")}
    body = json.dumps(statement, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return f"{PREFIX}.{_b64(body)}.{_b64(_key(store).sign(body))}"


@dataclass(frozen=True)
class Verdict:
    code: str                   # genuine_current, genuine_changed, expired, forged, other_township, unreadable
    statement: dict | None = None
    now: dict | None = None     # the household's figures now, when they changed

    @property
    def genuine(self) -> bool:
        return self.code in ("genuine_current", "genuine_changed")


FOUND = re.compile(PREFIX + r"\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


def verify(store: Store, text: str) -> Verdict:
    """The statement in `text` (the bare text, the QR's link, or a page that holds it) judged."""
    found = FOUND.search(text)
    parts = found.group(0).split(".") if found else []
    if len(parts) != 3 or parts[0] != PREFIX:
        return Verdict("unreadable")
    try:
        body, signature = _unb64(parts[1]), _unb64(parts[2])
        statement = json.loads(body.decode("utf-8"))
    except (binascii.Error, ValueError):
        return Verdict("forged")
    if not isinstance(statement, dict):
        return Verdict("forged")
    public: Ed25519PublicKey = _key(store).public_key()
    try:
        public.verify(signature, body)
    except InvalidSignature:
        other = statement.get("key") != key_id(store)
        return Verdict("other_township" if other else "forged")
    if str(statement.get("valid_until", "")) < store.now_text():
        return Verdict("expired", statement)
    return _current(store, statement)


def _current(store: Store, statement: dict) -> Verdict:
    village = store.village_by_name(str(statement.get("village", "")))
    home = None if village is None else next(
        (h for h in queries.households(store, village["id"]) if h.house_no == statement.get("house_no")), None)
    if village is None or home is None:
        return Verdict("genuine_changed", statement)
    now = figures(store, dict(village), home)
    same = all(now[k] == statement.get(k) for k in ("balance", "this_year", "last_year", "on_hold"))
    return Verdict("genuine_current" if same else "genuine_changed", statement, None if same else now)
