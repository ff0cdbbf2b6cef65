"""积分互认 calls to the township: the villages, look up a visiting resident, redeem for them.

Every village numbers its cards from JF000001, so a card is always asked for with the
card holder's village (its township id, from the list `learn_villages` keeps); the
township never answers with another village's resident.

Signed like every other call (kiosk.sync.client.Township). Online only: any failure to
reach the township becomes Refused("cross_offline"); a refusal of the township comes back
as Refused with its own `cross_*` code and values, worded by kiosk/messages/sync.py. What it
found (its villages, a visitor, an approval) not signed by the township for this request, once
it signs, is Refused("cross_not_township"): the terminal's secret alone (in the village's
file) makes none, and nothing is written or handed out on it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

import httpx

from kiosk.core import township_word
from kiosk.core.errors import Refused
from kiosk.store import township_villages
from kiosk.store.db import Database
from kiosk.sync import state, township_answer
from kiosk.sync.calls import refusal_words
from kiosk.sync.client import SyncFailed, Township

# The township's refusal codes the counter has its own words for (params as sent).
KNOWN = {"cross_card_unknown": ("card", "village"), "cross_village_needed": (), "cross_village_unknown": ("village",),
         "cross_too_many": ("minutes", "most", "seconds"), "cross_same_village": ("name",), "cross_inactive": ("name", "status"),
         "cross_no_rate": ("home", "here"), "cross_on_hold": ("name", "reason"),
         "cross_short": ("balance", "needed", "home"), "cross_id_reused": ("id",), "cross_wrong_village": ()}


# The township does not know this terminal (removed by its clerk, its secret changed): it answers 401,
# unsigned, before it reads the request. Taken as it comes only where nothing rests on it (a look-up, a
# township not signing yet); an exchange asked of a township that signs waits (kiosk/services/sync/cross_pending.py).
NOT_KNOWN = 401
TERMINAL_NOT_KNOWN = "cross_terminal_not_known"


@dataclass(frozen=True)
class Visitor:
    """A resident of another village, as the township describes them (name masked)."""
    name: str
    card: str
    home_village: str
    home_currency: str
    currency: str
    rate: str
    balance_home: int
    balance_here: int
    home_village_id: str = ""      # the township's id of their village: what a redemption names


def _township(current: state.SyncState, http: httpx.Client, now: datetime) -> Township:
    if not (current.enrolled and current.server_url):
        raise Refused("cross_not_enrolled")
    return Township(http, current.server_url, current.terminal_id, current.secret, now)


def _answer(db: Database, township: Township, purpose: str, method: str, path: str, body: bytes | None = None,
            exchange: bool = False) -> dict:
    """What the township found, or its own "no" (a `cross_*` code), taken only as its word for this
    request (`purpose`: what it is; kiosk/sync/township_answer.py), else Refused("cross_not_township").
    For an `exchange` (a redemption: points may be taken) every answer but a server error is judged so,
    a made-up 400 or 429 too: closed on it, a debit forwarded by a middle would stay with no sale. For a
    look-up, other failures (401, a server error) are taken as they come: nothing is written on them."""
    try:
        response = township.call(method, path, body)
    except SyncFailed as failed:  # `how`: the httpx error, to tell "never sent" from "answer lost"
        raise Refused("cross_offline", how=failed.detail) from None
    try:
        data = response.json()
    except ValueError:
        data = None
    code = data.get("error") if isinstance(data, dict) and response.status_code >= 400 else None
    judged = response.status_code < 500 if exchange else (response.status_code < 400 or code in KNOWN)
    if judged and not township_answer.taken(
            db, township.terminal_id, purpose, method, path, body or b"", response, township.now):
        raise Refused("cross_not_township", status=response.status_code)   # a 401 has words of its own
    if code in KNOWN:
        raise Refused(code, **{k: str(data.get(k, "")) for k in KNOWN[code]})
    if response.status_code == NOT_KNOWN:
        raise Refused(TERMINAL_NOT_KNOWN)
    if response.status_code >= 400:
        raise Refused("cross_refused", detail=refusal_words(response), status=str(response.status_code))
    if not isinstance(data, dict):
        raise Refused("cross_bad_answer")
    return data


def _visitor(data: dict) -> Visitor:
    try:
        return Visitor(str(data["name"]), str(data["card"]), str(data["home_village"]),
                       str(data["home_currency"]), str(data["currency"]), str(data["rate"]),
                       int(data["balance_home"]), int(data["balance_here"]), str(data.get("home_village_id", "")))
    except (KeyError, TypeError, ValueError):
        raise Refused("cross_bad_answer") from None


def look_up(db: Database, http: httpx.Client, village_id: str, card: str, now: datetime) -> Visitor:
    """The resident of `village_id` (a township id) with this card; never another village's."""
    township = _township(state.load(db), http, now)
    return _visitor(_answer(db, township, township_word.CROSS_RESIDENT, "GET",
                            "/v1/cross/resident?" + urlencode({"village": village_id, "card": card})))


def learn_villages(db: Database, http: httpx.Client, now: datetime) -> list:
    """Ask the township for its villages and keep them for the 外村村民 list; the list kept."""
    data = _answer(db, _township(state.load(db), http, now), township_word.CROSS_VILLAGES, "GET", "/v1/cross/villages")
    try:
        villages = [(str(v["id"]), str(v["name"]), str(v["currency"])) for v in data["villages"]
                    if str(v["id"]) and str(v["name"])]
    except (KeyError, TypeError):
        raise Refused("cross_bad_answer") from None
    with db.write() as conn:
        township_villages.replace(conn, villages, now.strftime("%Y-%m-%d %H:%M:%S"))
    return township_villages.listed(db)


@dataclass(frozen=True)
class Approval:
    id: str
    visitor: Visitor
    amount: int          # this village's hundredths
    home_amount: int     # the home village's hundredths, taken off there
    home_balance_after: int
    entry_record: str


@dataclass(frozen=True)
class Reach:
    """What asking the township for an exchange needs from these books: its address, this terminal's
    id and secret, this village."""
    township: Township
    village_id: str


def reach(db: Database, http: httpx.Client, now: datetime) -> Reach:
    """Read before an exchange is written down: between its writing down and its request leaving, the
    books are not read (a failure there could not tell whether anything left)."""
    current = state.load(db)
    return Reach(_township(current, http, now), current.village_id)


def redeem(db: Database, reached: Reach, *, id: str, card: str, amount: int, summary: dict,
           home_village_id: str | None) -> Approval:
    """Ask the township to debit the visitor's home account; the same id again is answered the same.
    The approval is taken only as signed by the township for this very request, once it signs."""
    township = reached.township
    asked = json.dumps({"id": id, "card": card, "amount": amount, "summary": summary,
                        "village_id": reached.village_id, "home_village": home_village_id},
                       ensure_ascii=False).encode("utf-8")
    data = _answer(db, township, township_word.CROSS_REDEEM, "POST", "/v1/cross/redeem", asked, exchange=True)
    try:
        if data.get("approved") is not True or data.get("id") != id or int(data["amount"]) != amount:
            raise ValueError("not this exchange")
        return Approval(id, _visitor(data), amount, int(data["home_amount"]), int(data["balance_home"]),
                        str(data["entry_record"]))
    except (KeyError, TypeError, ValueError):
        raise Refused("cross_bad_answer") from None
