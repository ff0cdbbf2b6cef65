"""积分互认 on the township: look up a visiting resident by card, and redeem at another village.

A card is found only within the village it is asked for. Every village numbers its cards
from JF000001 (kiosk.core.card_range), and thousands are printed with that plain code as
text, Code128 and QR, and typed into every village's own books; renumbering them, or a
township prefix, would mean reprinting every card and breaking the home counter's own
look-ups. So a card's identity in the township is the pair (village, card code): the
counter's 外村村民 window asks which village the visitor comes from (a list of the
township's villages, GET /v1/cross/villages, learnt at sync) and sends the village's id
with the card; a look-up or redemption without a village is refused, and the queries
below read only that village's records, so another village's JF000001 is never found
and every printed card keeps working unchanged. The card's QR keeps the plain code too:
a village inside it would have to be read in two forms by every place that scans cards
(counter, self-service, manager pages), cards printed before enrolment could not carry
it, and the volunteer checks the masked name and village the township answers anyway.

Look-ups are signed (an enrolled terminal only: a stranger gets 401 and learns nothing),
kept and rate-limited per terminal in the township's database (kiosk.township.tables.card_lookups).

Cards and accounts are read from the `resident` and `account` records the villages push
(versioned: the latest commit wins), through expression indexes made here. A redemption
writes ONE `entry` record for the home village's account, authored by the township, which
the home village's terminals pull and apply like any other entry. It is idempotent by the
terminal's id: the same id again gets the same answer and no second debit. Every answer found
(the villages, a visitor, an approval) and every "no" once the terminal is known (a CrossRefused, a
body of the wrong shape: any 4xx) is signed with the township's key for the request it answers
(kiosk/township/word.py signed_for_request): the terminal's secret, which the village's
database file holds, cannot make up an approval nor pass one off as another exchange's.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from kiosk.core import township_word
from kiosk.core.clock import stamp
from kiosk.core.entry_record import NewEntry, body_of
from kiosk.i18n import word
from kiosk.township import merge
from kiosk.township.auth import authenticate as _authenticate
from kiosk.township.parsing import ERRORS as _ERRORS
from kiosk.township.parsing import json_object as _json_object
from kiosk.township.parsing import off_loop
from kiosk.township.parsing import read_body as _body
from kiosk.township.store import Store
from kiosk.township.tables import card_lookups, holds, terminals
from kiosk.township.tables import cross as tables
from kiosk.township.word import signed_for_request
from kiosk.township.words import TownshipRefused
from kiosk.messages.township import CROSS_WORDS as WORDS   # the HTTP answer's words; the counter has its own


class CrossRefused(TownshipRefused):
    def words(self, lang: str | None = None) -> str:
        return word(WORDS, self.code, lang).format(**self.params)


def masked(name: str) -> str:
    """王小明 → 王*明, 王明 → 王*: enough for the volunteer, not a list of names to copy."""
    if len(name) <= 1:
        return name
    return name[0] + "*" * max(1, len(name) - 2) + (name[-1] if len(name) > 2 else "")


def points(hundredths: int) -> str:
    return f"{Decimal(hundredths) / 100:.2f}"


def _resident(conn: sqlite3.Connection, home: sqlite3.Row, card: str) -> dict:
    """The resident of `home` whose latest version carries this card (a reissued card's old
    code is not theirs); only `home`'s records are read, whatever other villages pushed."""
    for resident_id in tables.resident_ids_with_card(conn, home["id"], card):
        latest = tables.latest_resident(conn, home["id"], resident_id)
        if latest and latest.get("card_code") == card and not latest.get("removed"):
            return latest
    raise CrossRefused("cross_card_unknown", 404, card=card, village=home["name"])


def _account(conn: sqlite3.Connection, home: sqlite3.Row, resident: dict) -> dict:
    """The resident's own account if the village keeps one per person, else the household's."""
    own = tables.latest_account_of_resident(conn, home["id"], resident["id"])
    found = own or tables.latest_account_of_household(conn, home["id"], resident.get("household_id"))
    if found is None:
        raise CrossRefused("cross_card_unknown", 404, card=resident["card_code"], village=home["name"])
    return found


def _rate(conn: sqlite3.Connection, home: sqlite3.Row, here: sqlite3.Row) -> Decimal:
    """How many of this village's points one home point is worth (the latest published rate)."""
    for body in tables.rates_newest_first(conn):
        a = (body.get("from_village"), body.get("from_name"))
        b = (body.get("to_village"), body.get("to_name"))
        try:
            rate = Decimal(str(body.get("rate")))
        except ArithmeticError:
            continue
        if not rate.is_finite() or rate <= 0:
            continue
        if home["id"] in a or home["name"] in a:
            if here["id"] in b or here["name"] in b:
                return rate
        elif (here["id"] in a or here["name"] in a) and (home["id"] in b or home["name"] in b):
            return 1 / rate
    raise CrossRefused("cross_no_rate", 409, home=home["name"], here=here["name"])


def _home(conn: sqlite3.Connection, village_id: object) -> sqlite3.Row:
    """The card holder's village, as the counter named it (its township id)."""
    if not isinstance(village_id, str) or not village_id.strip():
        raise CrossRefused("cross_village_needed", 400)
    home = tables.village_by_id(conn, village_id.strip())
    if home is None:
        raise CrossRefused("cross_village_unknown", 404, village=village_id.strip()[:64])
    return home


def _visitor(store: Store, conn: sqlite3.Connection, terminal: sqlite3.Row, village_id: object, card: str) -> dict:
    home = _home(conn, village_id)
    resident = _resident(conn, home, card)
    here = tables.village_by_id(conn, terminal["village_id"])
    name = masked(str(resident.get("name") or ""))
    if home["id"] == here["id"]:
        raise CrossRefused("cross_same_village", 409, name=name)
    if resident.get("status", "active") != "active":
        raise CrossRefused("cross_inactive", 409, name=name, status=str(resident.get("status")))
    account = _account(conn, home, resident)
    hold = account.get("hold_reason") or _open_overdraft(conn, home["id"], account["id"])
    if hold:
        raise CrossRefused("cross_on_hold", 409, name=name, reason=str(hold))
    rate = _rate(conn, home, here)
    balance = tables.merged_balance(conn, home["id"], account["id"])
    here_balance = int((Decimal(balance) * rate).to_integral_value(ROUND_DOWN))
    return {"name": name, "card": card, "resident_id": resident["id"], "account_id": account["id"],
            "home_village": home["name"], "home_village_id": home["id"], "home_currency": home["currency"],
            "here_village": here["name"], "currency": here["currency"], "rate": str(rate.normalize()),
            "balance_home": balance, "balance_here": max(here_balance, 0), "_rate": rate}


def _open_overdraft(conn: sqlite3.Connection, village_id: str, account_id: str) -> str | None:
    return holds.open_hold_reason(conn, village_id, account_id)


def _public(visitor: dict) -> dict:
    return {k: v for k, v in visitor.items() if not k.startswith("_") and k not in ("resident_id", "account_id")}


MAX_CARD = 32          # a card code is 8 to 9 characters; anything longer is not one


def _card(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > MAX_CARD:
        raise TownshipRefused("body_bad_shape", 400, detail=f"need a 'card' string of 1 to {MAX_CARD} characters")
    return value.strip()


def _redeem_request(data: dict, terminal: sqlite3.Row) -> tuple[str, str, int, object]:
    rid, amount, summary = data.get("id"), data.get("amount"), data.get("summary", "")
    if not (isinstance(rid, str) and 0 < len(rid) <= 64):
        raise TownshipRefused("body_bad_shape", 400, detail="need 'id' and 'card' strings")
    card = _card(data.get("card"))
    if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
        raise TownshipRefused("body_bad_shape", 400, detail="'amount' must be a whole number of hundredths above 0")
    if data.get("village_id") not in (None, terminal["village_id"]):
        raise CrossRefused("cross_wrong_village", 403)
    return rid, card, amount, summary


def counted(store: Store, terminal: sqlite3.Row, village_id: object, card: str, look, kept_refused=None,
            answered=None):
    """`look(conn)` in one write transaction, refused past the terminal's limit, and kept;
    `answered(conn)` first, in the same transaction: what was answered before (a redemption asked
    again), never counted nor refused for the limit.

    A refusal of `look` rolls back what it wrote (a savepoint) but the look-up row stays, with
    the refusal's code as its outcome. `kept_refused(conn, refusal)` is called on every refusal,
    past the limit too (a redemption keeps its "no": asked again later, it is never approved);
    past the limit nothing else is written."""
    failure = None
    with store.write() as conn:
        before = answered(conn) if answered is not None else None
        if before is not None:
            return before
        now = store.clock()
        full = card_lookups.too_many(conn, terminal["id"], now)
        if full is not None:
            failure = CrossRefused("cross_too_many", 429, most=full.most, seconds=full.window_s, minutes=full.minutes)
        else:
            tables.begin_look(conn)
            try:
                result, outcome = look(conn), card_lookups.FOUND
            except CrossRefused as refused:
                tables.undo_look(conn)
                failure, outcome = refused, refused.code
            tables.end_look(conn)
            card_lookups.record(conn, terminal=terminal, home_village_id=village_id, card=card, outcome=outcome, now=now)
        if failure is not None and kept_refused is not None:
            kept_refused(conn, failure)
    if failure is not None:
        raise failure
    return result


def _replayed(conn: sqlite3.Connection, terminal: sqlite3.Row, rid: str, card: str, amount: int,
              village_id: object) -> dict | None:
    """The stored answer to this redemption id, if it was asked before (the same id, the same ask):
    its approval, or its "no" raised again."""
    held = tables.stored_redemption(conn, rid)
    refused = None if held is not None else tables.stored_refusal(conn, rid)
    if held is None and refused is None:
        return None
    kept = held if held is not None else refused
    same = (kept["village_id"], kept["card"], kept["amount"]) == (terminal["village_id"], card, amount)
    if not same or village_id not in (None, kept["home_village_id"]):
        raise CrossRefused("cross_id_reused", 409, id=rid)
    if refused is not None:
        raise CrossRefused(refused["code"], refused["status"], **json.loads(refused["params"]))
    return json.loads(held["answer"])


def redeem(store: Store, terminal: sqlite3.Row, data: dict) -> dict:
    """One exchange: the points taken once, or the township's "no", kept and answered the same for
    ever. Asked again (an answer lost), what was answered before comes first, in the transaction
    that would count the look-up: never counted, never refused for the limit in its place."""
    rid, card, amount, summary = _redeem_request(data, terminal)
    village_id = data.get("home_village")

    def again(conn) -> dict | None:
        return _replayed(conn, terminal, rid, card, amount, village_id)

    def keep(conn, refused: CrossRefused) -> None:
        if refused.code != "cross_id_reused":      # that one is another exchange's id: not this one's "no"
            tables.keep_refusal(conn, redemption_id=rid, terminal=terminal, home_village_id=village_id, card=card,
                                amount=amount, status=refused.status, code=refused.code,
                                params=_plain(refused.params), at=store.now_text())

    def debit(conn) -> dict:
        return _debit(store, conn, terminal, village_id, rid, card, amount, summary)
    return counted(store, terminal, village_id, card, debit, keep, again)


def _plain(params: dict) -> dict:
    return {key: value if isinstance(value, (int, str)) else str(value) for key, value in params.items()}


def _debit(store: Store, conn: sqlite3.Connection, terminal: sqlite3.Row, village_id: object, rid: str,
           card: str, amount: int, summary: object) -> dict:
    visitor = _visitor(store, conn, terminal, village_id, card)
    home_amount = max(1, int((Decimal(amount) / visitor["_rate"]).to_integral_value(ROUND_HALF_UP)))
    if home_amount > visitor["balance_home"]:
        raise CrossRefused("cross_short", 409, balance=points(visitor["balance_home"]),
                           needed=points(home_amount), home=visitor["home_village"])
    at = stamp(datetime.fromtimestamp(store.clock()))
    note = f"外村兑换：{visitor['here_village']} {_summary_text(summary)}".strip()[:200]
    entry = NewEntry(id=rid, account_id=visitor["account_id"], resident_id=visitor["resident_id"], kind="redeem",
                     hundredths=-home_amount, note=note, terminal_id="township", activity_date=at[:10], at=at)
    record = store.publish(conn, "entry", body_of(entry), visitor["home_village_id"])
    merge._merge_entries(store, conn, visitor["home_village_id"], [record])
    answer = {**_public(visitor), "id": rid, "approved": True, "amount": amount, "home_amount": home_amount,
              "balance_home": visitor["balance_home"] - home_amount, "entry_record": record.id, "at": at}
    tables.keep_redemption(conn, redemption_id=rid, terminal=terminal, visitor=visitor, card=card, amount=amount,
                           home_amount=home_amount, summary=summary, answer=answer, at=store.now_text())
    return answer


def _summary_text(summary: object) -> str:
    if isinstance(summary, dict):
        return str(summary.get("receipt") or summary.get("text") or "")
    return str(summary)


_LOOK_UP_DOC = {"parameters": [
    {"name": "village", "in": "query", "required": True, "schema": {"type": "string"},
     "description": "the township id of the card holder's village (GET /v1/cross/villages)"},
    {"name": "card", "in": "query", "required": True, "schema": {"type": "string", "maxLength": MAX_CARD}}]}
_REDEEM_DOC = {"requestBody": {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "required": ["id", "card", "home_village", "amount"],
    "properties": {"id": {"type": "string", "maxLength": 64}, "card": {"type": "string", "maxLength": MAX_CARD},
                   "home_village": {"type": "string"}, "amount": {"type": "integer", "minimum": 1},
                   "village_id": {"type": "string"}, "summary": {}}}}}}}
_LOOK_UP_ERRORS = {**_ERRORS, 404: {"description": "no such village, or no such card in it"},
                   429: {"description": "too many card look-ups from this terminal: {error, message, minutes}"}}


def villages(store: Store) -> dict:
    """The township's villages, for the counter's 外村村民 list (ids are what a look-up names)."""
    return {"villages": [{"id": row["id"], "name": row["name"], "currency": row["currency"]}
                         for row in terminals.villages_by_name(store)]}


def _signed(store: Store, purpose: str, request: Request, raw: bytes, find) -> JSONResponse:
    """What `find(terminal)` answers, or the township's "no" to it (any 4xx refusal once the request is
    known to be the terminal's: a CrossRefused, a body of the wrong shape; a counter ends a waiting
    exchange on it), signed for this request and terminal (kiosk/township/word.py). A counter that knows
    its township signs takes no unsigned answer to an exchange: it waits. Unsigned are only what comes
    before the terminal is known (401: the signature check failed; 413: the body was never read whole),
    for they could not be bound to this request, and what is not a refusal (a 5xx: the counter waits)."""
    terminal = _authenticate(store, request, raw)
    try:
        found, status = find(terminal), 200
    except TownshipRefused as refused:
        if not 400 <= refused.status < 500:
            raise
        found, status = refused.answer(), refused.status
    return signed_for_request(store, purpose, terminal["id"], request, raw, found, status)


def _villages_asked(store: Store, request: Request, raw: bytes) -> JSONResponse:
    return _signed(store, township_word.CROSS_VILLAGES, request, raw, lambda terminal: villages(store))


def _resident_asked(store: Store, request: Request, raw: bytes) -> JSONResponse:
    def look_up(terminal: sqlite3.Row) -> dict:
        card, village_id = _card(request.query_params.get("card")), request.query_params.get("village")
        return counted(store, terminal, village_id, card,
                       lambda conn: _public(_visitor(store, conn, terminal, village_id, card)))
    return _signed(store, township_word.CROSS_RESIDENT, request, raw, look_up)


def _redeem_asked(store: Store, request: Request, raw: bytes) -> JSONResponse:
    """The answer signed for this request (its card, amount, id) and terminal: an approval
    cannot be made up, nor passed off as another exchange's (kiosk/core/township_asked.py)."""
    return _signed(store, township_word.CROSS_REDEEM, request, raw,
                   lambda terminal: redeem(store, terminal, _json_object(raw)))


def register(app: FastAPI, store: Store) -> None:
    # cross.sql is one of the store's schema files (kiosk.township.store.schema_files)
    @app.get("/v1/cross/villages", responses=_ERRORS)
    async def cross_villages(request: Request) -> JSONResponse:
        """The township's villages {villages: [{id, name, currency}]}: a card is asked for with its village."""
        raw = await _body(request)
        return await off_loop(_villages_asked, store, request, raw)

    @app.get("/v1/cross/resident", openapi_extra=_LOOK_UP_DOC, responses=_LOOK_UP_ERRORS)
    async def cross_resident(request: Request) -> JSONResponse:
        """A visiting resident by village and card: masked name, balance there and here (积分互认).

        Only an enrolled terminal's signed request is answered; look-ups are kept and limited
        per terminal (429 with a plain reason past the limit)."""
        raw = await _body(request)
        return await off_loop(_resident_asked, store, request, raw)

    @app.post("/v1/cross/redeem", openapi_extra=_REDEEM_DOC, responses=_LOOK_UP_ERRORS)
    async def cross_redeem(request: Request) -> JSONResponse:
        """Debit a visiting resident's home account (`home_village` and `card`), converted;
        idempotent by the terminal's id."""
        raw = await _body(request)
        return await off_loop(_redeem_asked, store, request, raw, writing=True)
