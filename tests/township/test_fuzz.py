"""Fuzz every township endpoint listed by app.openapi(), signed by a real enrolled terminal
and unsigned: no answer is a 500, and an unsigned request writes nothing to disk."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kiosk.core.ids import new_id
from kiosk.sync.wire import (
    SIGNATURE_HEADER,
    TERMINAL_HEADER,
    TIME_HEADER,
    Record,
    body_hash,
    signed_headers,
)
from kiosk.township.app import create_app
from kiosk.township.store import Store
from tests.township.conftest import NOW

ROUTES = {("/v1/enrol", "POST"), ("/v1/push", "POST"), ("/v1/pull", "GET"), ("/v1/state", "GET"),
          ("/v1/cross/resident", "GET"), ("/v1/cross/redeem", "POST"), ("/v1/cross/villages", "GET"),
          ("/v1/reidentify", "POST"), ("/v1/anchor", "POST"), ("/v1/certificates", "POST")}
CARD = "TY000007"
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SIGNED_FUZZ = settings(FUZZ, max_examples=400)


class Township:
    """One server for the whole module: a 青石村 terminal that fuzzes, and 桃源村 with a resident."""

    def __init__(self, folder) -> None:
        self.db_path = folder / "township.sqlite3"
        admin = Store(self.db_path, lambda: NOW)
        for village in ("青石村", "桃源村"):
            admin.add_village(village, "积分")
        codes = [admin.issue_code(v)["code"] for v in ("青石村", "桃源村")]
        self.client = TestClient(create_app(self.db_path, lambda: NOW), raise_server_exceptions=False)
        self.client.__enter__()
        me, home = (self.client.post("/v1/enrol", json={"code": c, "name": "收银台"}).json() for c in codes)
        self.id, self.secret = me["terminal_id"], me["secret"]
        self.routes = {(path, method.upper()) for path, item in self.client.app.openapi()["paths"].items()
                       for method in item}
        self._seed(home, admin)
        admin.close()

    def _seed(self, home: dict, admin: Store) -> None:
        bodies = [("resident", {"id": "res-chen", "household_id": "hh-1", "name": "陈美玲", "card_code": CARD,
                                "status": "active"}),
                  ("account", {"id": "acct-1", "household_id": "hh-1", "resident_id": None}),
                  ("entry", {"account_id": "acct-1", "hundredths": 10000})]
        records = [Record.make(new_id(), home["terminal_id"], i + 1, t, b).as_json() for i, (t, b) in enumerate(bodies)]
        raw = json.dumps({"records": records}).encode()
        headers = signed_headers(home["terminal_id"], home["secret"], "POST", "/v1/push", raw, NOW)
        assert self.client.post("/v1/push", content=raw, headers=headers).status_code == 200
        a, b = admin.village("桃源村"), admin.village("青石村")
        with admin.write() as conn:
            admin.publish(conn, "rate", {"from_village": a["id"], "to_village": b["id"], "rate": "0.8"}, None)

    def disk(self) -> tuple:
        files = sorted((p.name, p.stat().st_size) for p in self.db_path.parent.glob(self.db_path.name + "*"))
        return self.client.app.state.store.conn.total_changes, files


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    server = Township(tmp_path_factory.mktemp("fuzz"))
    yield server
    server.client.__exit__(None, None, None)


# ---- what a stranger or a broken counter may send

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from([CARD, "JF000001", "签名", "../x", "", "0" * 64]))
SPECIALS = st.sampled_from([2**63, 2**64, -(2**63) - 1, 10**30, 2**63 - 1, float("nan"), float("inf"),
                            -float("inf"), 1e308, "\ud800", "\udfff"])
VALUES = st.recursive(SCALARS | SPECIALS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)
WEIRD = SPECIALS | st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                                | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=8)


def mostly(valid, weird=WEIRD):
    """Seven times in eight what a counter would send, else anything."""
    return st.integers(0, 7).flatmap(lambda k: weird if k == 7 else valid)


ENTRY_BODY = st.fixed_dictionaries(
    {"account_id": mostly(st.sampled_from(["acct-1", "acct-2"])),
     "hundredths": st.one_of(st.integers(-20000, 20000), SPECIALS, st.integers(2**40, 2**64))},
    optional={"card_code": st.just(CARD) | VALUES, "id": st.text(max_size=10), "household_id": st.just("hh-1"),
              "village_id": st.none() | VALUES, "note": VALUES, "when": SCALARS})


@st.composite
def a_record(draw, me: str) -> dict:
    body = draw(ENTRY_BODY)
    record = {"id": draw(mostly(st.uuids().map(str))), "terminal_id": draw(mostly(st.just(me))),
              "seq": draw(mostly(st.integers(1, 8))),
              "type": draw(mostly(st.sampled_from(["entry", "resident", "account", "hold", "price", "rate"]))),
              "body": draw(mostly(st.just(body))), "sha256": draw(mostly(st.just("right")))}
    if draw(st.integers(0, 9)) == 9:
        del record[draw(st.sampled_from(sorted(record)))]
    if record.get("sha256") == "right":
        try:
            record["sha256"] = body_hash(record.get("body"))
        except (ValueError, TypeError, AttributeError):
            record["sha256"] = "0" * 64
    return record


def bodies(me: str):
    known = st.fixed_dictionaries({}, optional={
        "records": st.lists(a_record(me), max_size=4) | VALUES, "credits": VALUES, "code": VALUES, "name": VALUES,
        "number": VALUES, "id": st.uuids().map(str) | VALUES, "card": st.just(CARD) | VALUES,
        "amount": st.integers(-5, 20000) | VALUES, "summary": VALUES, "village_id": VALUES,
        "village": VALUES, "home_village": VALUES, "nonce": st.uuids().map(str) | VALUES, "reason": st.sampled_from(["rollback", "restore"]) | VALUES,
        "position": st.integers(-3, 10**6) | VALUES, "link": st.just("0" * 64) | VALUES,
        "links": st.dictionaries(st.integers(1, 99).map(str), st.just("a" * 64) | VALUES, max_size=3) | VALUES})
    credits = st.dictionaries(mostly(st.sampled_from(["acct-1", "acct-2"]), st.text(max_size=8)),
                              mostly(st.integers(0, 10**6)), max_size=3) | VALUES
    pushes = st.fixed_dictionaries({"records": st.lists(a_record(me), max_size=4)}, optional={"credits": credits})
    redeems = st.fixed_dictionaries(
        {"id": mostly(st.uuids().map(str)), "card": mostly(st.just(CARD)), "amount": mostly(st.integers(1, 9000))},
        optional={"summary": VALUES, "village_id": VALUES})
    deep = st.integers(1, 3000).map(lambda n: "[" * n + "]" * n)
    return st.one_of(st.binary(max_size=200), VALUES.map(json.dumps), known.map(json.dumps), deep, st.just(""),
                     pushes.map(json.dumps), pushes.map(json.dumps), redeems.map(json.dumps)
                     ).map(lambda b: b if isinstance(b, bytes) else b.encode("utf-8", "surrogatepass"))


QUERIES = st.dictionaries(st.sampled_from(["since", "limit", "card", "village", "x"]), st.one_of(
    st.integers(-(2**70), 2**70).map(str), st.integers(0, 50).map(str), st.text(max_size=12), st.just(CARD)),
    max_size=3).map(lambda q: "?" + urlencode(q) if q else "")
HEADER_VALUES = st.one_of(
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e), max_size=70).map(str.encode),
    st.lists(st.integers(0x21, 0xFF).filter(lambda c: c != 0x7F), min_size=1, max_size=70).map(bytes),
    st.sampled_from(["签名".encode(), b"0" * 64, b"1790000000"]))
HEADERS = st.fixed_dictionaries({}, optional={TERMINAL_HEADER: HEADER_VALUES, TIME_HEADER: HEADER_VALUES,
                                              SIGNATURE_HEADER: HEADER_VALUES})


def _send(township: Township, route, query: str, body: bytes, headers: dict):
    path, method = route
    return township.client.request(method, path + query, content=body, headers=headers)


def test_the_fuzz_covers_every_route_of_the_openapi_schema(township):
    assert township.routes == ROUTES


@FUZZ
@given(data=st.data())
def test_unsigned_requests_never_answer_500_and_write_nothing(township, data):
    route = data.draw(st.sampled_from(sorted(township.routes)))
    query, body, headers = data.draw(QUERIES), data.draw(bodies(township.id)), data.draw(HEADERS)
    if data.draw(st.booleans()):
        headers[TERMINAL_HEADER] = township.id.encode()
    before = township.disk()
    answer = _send(township, route, query, body, headers)
    assert answer.status_code in (400, 401, 403, 413), answer.text
    assert answer.json()["message"]
    assert township.disk() == before


@SIGNED_FUZZ
@given(data=st.data())
def test_signed_requests_never_answer_500(township, data):
    pushes_twice = sorted(township.routes) + [("/v1/push", "POST"), ("/v1/cross/redeem", "POST")]
    route = data.draw(st.sampled_from(pushes_twice))
    query, body = data.draw(QUERIES), data.draw(bodies(township.id))
    path, method = route
    headers = signed_headers(township.id, township.secret, method, path + query, body, NOW)
    answer = _send(township, route, query, body, headers)
    event(f"{method} {path}: {answer.status_code}")   # --hypothesis-show-statistics: how deep it went
    assert answer.status_code < 500, answer.text
    assert answer.status_code == 200 or answer.json()["error"]   # a refusal, or per-record conflicts
