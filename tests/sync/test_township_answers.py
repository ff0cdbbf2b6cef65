"""The township's answers a counter acts on are signed (kiosk/core/township_word.py PUSH, STATE,
ANCHOR), bound to what was asked: an insider who has the shop's file (so the terminal's secret)
and runs a server on the township's address, or sits in the middle, cannot make the counter forget
records the township never got, go back to a new identity, or keep the heads of rewritten books
as seen by the township. A township not yet signing its answers is still synced with."""

from __future__ import annotations

import json

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kiosk.core import township_word
from kiosk.services.audit.check import run_check
from kiosk.store import certificates as certificates_store
from kiosk.store import chain, township_key_chained
from kiosk.store.migrations import open_database
from kiosk.sync import client, rollback, state
from kiosk.sync.calls import Township
from tests.conftest import give
from tests.services.audit.test_chain_anchor import rewrite_first_award_and_rehash
from tests.services.audit.test_chain_tamper import tamper
from tests.sync.real_township import (  # noqa: F401  (township: a fixture)
    NOW,
    enrol_with_an_older_township,
    enrol_with_awards,
    township,
)


def _middle(http, answer_for) -> httpx.Client:
    """A server in the middle: `answer_for(request)` gives its own answer (an httpx.Response), or
    None to pass the request to the township and its answer back as it was."""
    def handle(request: httpx.Request) -> httpx.Response:
        forged = answer_for(request)
        if forged is not None:
            return forged
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        headers = {k: v for k, v in answer.headers.items() if k.lower() not in ("content-length", "content-encoding")}
        return httpx.Response(answer.status_code, content=answer.content, headers=headers)
    return httpx.Client(transport=httpx.MockTransport(handle))


def _json(data: dict, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=json.dumps(data).encode(), headers={"content-type": "application/json"})


def _at_township(store, shop) -> int:
    terminal_id = state.load(shop.db).terminal_id
    return store.one("SELECT COUNT(*) AS n FROM record WHERE terminal_id = ?", (terminal_id,))["n"]


def _journaled(shop) -> int:
    return shop.db.scalar("SELECT COUNT(*) FROM journal WHERE terminal_id = ?", (state.load(shop.db).local_terminal_id,))


def _frozen(shop) -> int:
    return shop.db.scalar("SELECT COUNT(*) FROM sync_outbox")


@pytest.fixture
def synced(shop, township):  # noqa: F811
    """A counter that synced once with its township (so has seen it sign its answers), then gave
    three more awards, not yet sent."""
    _, http = township
    enrol_with_awards(shop, township)
    assert township_key_chained.trusted_answers(shop.db.conn) == (certificates_store.township_key(shop.db), True)
    assert client.sync_once(shop.db, http, NOW).ok
    give(shop, "JF000001", 3)
    return shop


# --- attack 1: a forged push answer, so that records never delivered are forgotten ---------------

def _forged_push(kind: str):
    """The insider's server keeps the push from the township and answers it itself: every record
    "stored" and the high water at the last (or a gap far ahead, to make the counter skip them)."""
    def answer_for(request: httpx.Request) -> httpx.Response | None:
        if request.url.path != "/v1/push":
            return None
        records = json.loads(request.content)["records"]
        if kind == "gap":
            return _json({"error": "gap", "message": "缺号", "expected": records[-1]["seq"] + 1}, 409)
        return _json({"results": [{"id": r["id"], "status": "stored"} for r in records],
                      "high_water": records[-1]["seq"]})
    return answer_for


@pytest.mark.parametrize("kind", ["stored", "gap"])
def test_a_forged_push_answer_forgets_nothing_and_the_real_township_gets_every_record(synced, township, kind):  # noqa: F811
    store, http = township
    before, at_township, frozen = state.load(synced.db).pushed_high_water, _at_township(store, synced), _frozen(synced)
    result = client.sync_once(synced.db, _middle(http, _forged_push(kind)), NOW)
    assert not result.ok and result.error == "sync_push_not_township", result
    assert state.load(synced.db).pushed_high_water == before               # nothing counted as delivered
    assert _frozen(synced) >= frozen and _frozen(synced) > 0                # the bodies to send are kept
    assert _at_township(store, synced) == at_township                       # the township got none of them
    assert client.sync_once(synced.db, http, NOW).ok
    assert _at_township(store, synced) == _journaled(synced) > at_township  # every record delivered at last


@pytest.fixture
def upgraded_before(shop, township, monkeypatch):  # noqa: F811
    """A counter upgraded before its township (not yet seen to sign its answers), pushing one record a batch."""
    enrol_with_an_older_township(shop, township, monkeypatch)
    monkeypatch.undo()
    monkeypatch.setattr(client, "PUSH_BATCH", 1)
    return shop


def _after_the_first_push(answer):
    """The middle: the first push passed to the township, every later one answered by `answer(request)`."""
    pushes = []

    def answer_for(request: httpx.Request) -> httpx.Response | None:
        if request.url.path == "/v1/push":
            pushes.append(request)
            if len(pushes) > 1:
                return answer(request)
        return None
    return answer_for


def test_once_an_answer_came_signed_in_a_round_every_answer_after_it_must_be(upgraded_before, township):  # noqa: F811
    """A counter that has not yet seen its township sign an answer (upgraded before it) learns it
    from the first one: the batches after it, stripped of the signature, are refused at once."""
    store, http = township
    shop = upgraded_before
    stripped = _after_the_first_push(lambda request: _unsigned_answers(request, http, ("/v1/push",)))
    result = client.sync_once(shop.db, _middle(http, stripped), NOW)
    assert not result.ok and result.error == "sync_push_not_township", result
    assert state.load(shop.db).pushed_high_water == 1                      # the first batch's signed answer only
    assert client.sync_once(shop.db, http, NOW).ok
    assert _at_township(store, shop) == _journaled(shop)


def test_a_signed_answer_seen_in_a_round_that_then_broke_is_remembered(upgraded_before, township):  # noqa: F811
    """Found by review: the first batch's answer came signed, the second met a busy township (503)
    and the round ended; the next round, a forged unsigned push answer must still be refused."""
    store, http = township
    shop = upgraded_before
    busy = _after_the_first_push(lambda request: _json({"error": "db_unavailable"}, 503))
    assert not client.sync_once(shop.db, _middle(http, busy), NOW).ok
    assert township_key_chained.trusted_answers(shop.db.conn)[1] is True
    give(shop, "JF000001", 2)
    before, at_township = state.load(shop.db).pushed_high_water, _at_township(store, shop)
    result = client.sync_once(shop.db, _middle(http, _forged_push("stored")), NOW)
    assert not result.ok and result.error == "sync_push_not_township", result
    assert state.load(shop.db).pushed_high_water == before and _at_township(store, shop) == at_township
    assert client.sync_once(shop.db, http, NOW).ok
    assert _at_township(store, shop) == _journaled(shop)


def test_the_push_refusal_says_the_records_stay_here_in_plain_words(synced, township):  # noqa: F811
    from kiosk.messages.sync import MESSAGES
    words = MESSAGES["sync_push_not_township"]
    assert "没有乡镇的签章" in words and "记录都还留在本机" in words and "联系乡镇管理员核对服务器地址" in words
    anchor = MESSAGES["sync_anchor_not_township"]      # the round's push and pull stood: it must not say "nothing changed"
    assert "核对结果没有记下" in anchor and "照常同步" in anchor and "什么也没改" not in anchor


# --- attack 2: a forged state high water: records forgotten, or a rollback to a new identity -----

def _forged_state(shop, kind: str):
    """The insider's server answers every state itself (the one asked signed too), unsigned."""
    current = state.load(shop.db)

    def answer_for(request: httpx.Request) -> httpx.Response | None:
        if request.url.path != "/v1/state":
            return None
        said = {"terminal_id": current.terminal_id, "high_water": current.pushed_high_water, "to_settle": False}
        if kind == "higher":                # the three awards waiting "delivered": forgotten, never sent
            said["high_water"] = current.pushed_high_water + 3
        elif kind == "beyond":              # more than the books hold: they "went back", a new identity
            said["high_water"] = current.pushed_high_water + 100
        elif kind == "lower":               # a record other than ours at our last: "went back" too
            said |= {"high_water": current.pushed_high_water - 1, "last_id": "not-ours"}
        else:                               # a chain head beyond the books' (kept after ours): "went back"
            said["anchor"] = {"position": chain.head(shop.db.conn)[0] + 50, "link": "f" * 64}
        return _json(said)
    return answer_for


@pytest.mark.parametrize("kind", ["higher", "beyond", "lower", "anchor"])
def test_a_forged_state_changes_nothing_on_a_counter_that_has_seen_its_township_sign(synced, township, kind):  # noqa: F811
    store, http = township
    before, local_id, frozen = state.load(synced.db), synced.db.scalar(
        "SELECT value FROM meta WHERE key = 'terminal_id'"), _frozen(synced)
    result = client.sync_once(synced.db, _middle(http, _forged_state(synced, kind)), NOW)
    assert not result.ok and result.error == "sync_not_township", result
    after = state.load(synced.db)
    assert (after.pushed_high_water, after.seq_base, after.local_terminal_id, after.terminal_id) == \
        (before.pushed_high_water, before.seq_base, before.local_terminal_id, before.terminal_id)
    assert synced.db.scalar("SELECT value FROM meta WHERE key = 'terminal_id'") == local_id   # no new identity
    assert not state.resume_flag(synced.db) and _frozen(synced) == frozen
    assert client.sync_once(synced.db, http, NOW).ok
    assert _at_township(store, synced) == _journaled(synced)


def test_a_genuine_state_played_back_later_is_refused(shop, township):  # noqa: F811
    """A signed state is bound to the counter's nonce: one recorded earlier (its high water then)
    cannot be played back to move the high water now."""
    _, http = township
    enrol_with_awards(shop, township)
    current = state.load(shop.db)
    old = Township(http, current.server_url, current.terminal_id, current.secret, NOW).call("GET", "/v1/state?sign=old")
    assert township_word.HEADER in old.headers and json.loads(old.content)["high_water"] == 0
    assert client.sync_once(shop.db, http, NOW).ok
    delivered = state.load(shop.db).pushed_high_water
    assert delivered > 0

    def answer_for(request: httpx.Request) -> httpx.Response | None:
        if request.url.path != "/v1/state":
            return None
        return httpx.Response(200, content=old.content, headers={"content-type": "application/json",
                                                                 township_word.HEADER: old.headers[township_word.HEADER]})
    result = client.sync_once(shop.db, _middle(http, answer_for), NOW)
    assert result.error == "sync_not_township", result
    assert state.load(shop.db).pushed_high_water == delivered


def test_a_round_with_nothing_new_asks_no_signed_state_and_one_that_moved_asks_it(synced, township):  # noqa: F811
    store, http = township
    asked = []
    assert client.sync_once(synced.db, _middle(http, lambda r: asked.append(str(r.url)) and None), NOW).ok
    assert not any("sign=" in url for url in asked)                     # pushed: the push answer is signed
    asked.clear()
    assert client.sync_once(synced.db, _middle(http, lambda r: asked.append(str(r.url)) and None), NOW).ok
    assert [url.split("/", 3)[3] for url in asked] == ["v1/state"]      # nothing new: one unsigned state
    with synced.db.write() as conn:                                     # an answer lost: the state is ahead
        state.update(conn, pushed_high_water=state.load(synced.db).pushed_high_water - 1)
    asked.clear()
    assert client.sync_once(synced.db, _middle(http, lambda r: asked.append(str(r.url)) and None), NOW).ok
    assert any("v1/state?sign=" in url for url in asked)
    assert state.load(synced.db).pushed_high_water == _at_township(store, synced)


def test_a_forged_new_identity_is_not_taken_and_the_real_township_heals_the_books(synced, township):  # noqa: F811
    """Books put back (a restore) ask the township for a new identity: the insider's server answering
    with one of its own would leave the counter signing as a terminal the township does not know."""
    _, http = township
    rollback.start_healing(synced.db, "2026-11-03 10:30:00")      # what a restore does
    before = state.load(synced.db)

    def answer_for(request: httpx.Request) -> httpx.Response | None:
        if request.url.path != "/v1/reidentify":
            return None
        return _json({"terminal_id": "the-insiders", "secret": "known-to-him", "village_id": before.village_id,
                      "number": 9, "replaces": before.terminal_id, "old_high_water": before.pushed_high_water})
    result = client.sync_once(synced.db, _middle(http, answer_for), NOW)
    assert not result.ok and result.error == "sync_not_township", result
    after = state.load(synced.db)
    assert (after.terminal_id, after.secret) == (before.terminal_id, before.secret) and state.resume_flag(synced.db)
    healed = client.sync_once(synced.db, http, NOW)
    assert healed.ok and healed.healed, healed


# --- attack 3: a forged anchor answer, so that `kiosk check` passes on rewritten books -----------

def test_a_forged_anchor_answer_is_not_kept_and_the_rewrite_is_still_found(shop, township, db_path):  # noqa: F811
    store, http = township
    enrol_with_awards(shop, township)
    assert client.sync_once(shop.db, http, NOW).ok
    kept = chain.anchors(shop.db.conn, "township")
    assert kept                                                          # a genuine answer is kept
    shop.db.close()
    rewrite_first_award_and_rehash(db_path)
    db = open_database(db_path)
    try:
        def answer_for(request: httpx.Request) -> httpx.Response | None:
            if request.url.path != "/v1/anchor":
                return None                  # the rewritten books' links at the heads kept, "seen by the township"
            heads = [p for p, _, _ in kept] + [chain.head(db.conn)[0]]
            return _json({"extends": True, "mismatch": [], "need": [], "records": True,
                          "anchors": [{"position": p, "link": chain.link_at(db.conn, p)} for p in heads]})
        result = client.sync_once(db, _middle(http, answer_for), NOW)
        assert not result.ok and result.error == "sync_anchor_not_township", result
        assert chain.anchors(db.conn, "township") == kept
        assert any("乡镇记下的第" in problem for problem in run_check(db).problems)
    finally:
        db.close()


def test_the_townships_anchor_answer_is_signed_for_what_was_asked(synced, township):  # noqa: F811
    _, http = township
    current, key = state.load(synced.db), certificates_store.township_key(synced.db)
    asked = json.dumps({"position": 1, "link": chain.link_at(synced.db.conn, 1), "links": {}}).encode()
    answer = Township(http, current.server_url, current.terminal_id, current.secret, NOW).call(
        "POST", "/v1/anchor", asked)
    signature = answer.headers[township_word.HEADER]
    digest = township_word.answer_digest(asked, answer.content)
    assert township_word.genuine(key, township_word.ANCHOR, current.terminal_id, digest, signature)
    assert not township_word.genuine(key, township_word.PUSH, current.terminal_id, digest, signature)
    assert not township_word.genuine(key, township_word.ANCHOR, "another-terminal", digest, signature)
    assert not township_word.genuine(key, township_word.ANCHOR, current.terminal_id,
                                     township_word.answer_digest(asked + b" ", answer.content), signature)


# --- a township not yet signing its answers is still synced with ---------------------------------

def _unsigned_answers(request: httpx.Request, http, paths: tuple[str, ...]) -> httpx.Response | None:
    if request.url.path not in paths:
        return None
    answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
    headers = {k: v for k, v in answer.headers.items()
               if k.lower() not in ("content-length", "content-encoding", township_word.HEADER.lower())}
    return httpx.Response(answer.status_code, content=answer.content, headers=headers)


ANSWERS = ("/v1/push", "/v1/state", "/v1/anchor")


@pytest.mark.parametrize("signs", ["nothing", "pages only"])
def test_a_township_not_yet_signing_its_answers_is_still_synced_with(shop, township, monkeypatch, signs):  # noqa: F811
    store, http = township
    enrol_with_an_older_township(shop, township, monkeypatch, signs)
    old = ANSWERS + (("/v1/pull",) if signs == "nothing" else ())
    middle = _middle(http, lambda request: _unsigned_answers(request, http, old))
    assert client.sync_once(shop.db, middle, NOW).ok
    give(shop, "JF000001", 2)
    with shop.db.write() as conn:        # and a high water to take from its state, unsigned
        state.update(conn, pushed_high_water=state.load(shop.db).pushed_high_water - 1)
    assert client.sync_once(shop.db, middle, NOW).ok
    assert _at_township(store, shop) == _journaled(shop) == state.load(shop.db).pushed_high_water
    assert chain.anchors(shop.db.conn, "township")                      # its anchor answers kept
    assert township_key_chained.trusted_answers(shop.db.conn)[1] is False
    monkeypatch.undo()
    give(shop, "JF000001")
    assert client.sync_once(shop.db, http, NOW).ok                       # upgraded: its answers signed
    assert township_key_chained.trusted_answers(shop.db.conn)[1] is True
    give(shop, "JF000001")
    result = client.sync_once(shop.db, _middle(http, lambda request: _unsigned_answers(request, http, ANSWERS)), NOW)
    # its state asked signed first (no signed state had yet: kiosk/sync/freshness.py), refused unsigned
    assert not result.ok and result.error == "sync_not_township" and result.detail == "state", result


def test_the_flag_put_back_with_sqlite3_changes_nothing_trusted(synced, township, db_path):  # noqa: F811
    import sqlite3
    synced.db.close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DROP TRIGGER chain_township_answers_gone")
    conn.execute("DELETE FROM township_signs_answers")
    conn.close()
    db = open_database(db_path)
    try:
        assert township_key_chained.trusted_answers(db.conn)[1] is True
        assert any("乡镇公钥" in problem for problem in run_check(db).problems)
    finally:
        db.close()


def test_the_flag_deleted_with_sqlite3_stays_trusted_after_the_programs_next_write(synced, township, db_path):  # noqa: F811
    """Found by review: the flag deleted with its trigger left on; the shop's next ordinary write
    seals that change into the chain. A forged push answer is still refused, and the check finds it."""
    store, http = township
    tamper(db_path, "DELETE FROM township_signs_answers", "DELETE FROM township_signs")
    give(synced, "JF000001", 2)                                   # the next write: the change is sealed
    assert township_key_chained.trusted_answers(synced.db.conn) == (certificates_store.township_key(synced.db), True)
    assert township_key_chained.trusted(synced.db.conn)[1] is True
    before, at_township = state.load(synced.db).pushed_high_water, _at_township(store, synced)
    result = client.sync_once(synced.db, _middle(http, _forged_push("stored")), NOW)
    assert not result.ok and result.error == "sync_push_not_township", result
    assert state.load(synced.db).pushed_high_water == before and _at_township(store, synced) == at_township
    assert any("不是本程序写入的" in problem or "绕过程序" in problem for problem in run_check(synced.db).problems)


def test_a_key_of_ones_own_put_in_with_sqlite3_is_not_trusted_after_the_programs_next_write(synced, db_path):
    genuine = certificates_store.township_key(synced.db)
    own = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
    tamper(db_path, f"UPDATE township_key SET public_hex = '{own}'")
    give(synced, "JF000001", 2)
    assert certificates_store.township_key(synced.db) == own                # the table has the insider's
    assert township_key_chained.trusted(synced.db.conn) == (genuine, True)  # the counter still the township's
    assert township_key_chained.trusted_answers(synced.db.conn) == (genuine, True)


def test_a_township_seen_to_sign_its_answers_is_held_to_sign_its_pages(shop, township, monkeypatch):  # noqa: F811
    """A round cut between its push (answer signed) and its pull leaves `answers` without `signs`:
    its pages are then required signed all the same."""
    monkeypatch.setattr(certificates_store, "note_signing", lambda conn, at: None)
    enrol_with_awards(shop, township)
    monkeypatch.undo()
    with shop.db.write() as conn:
        conn.execute("DELETE FROM township_signs")
        certificates_store.note_signing_answers(conn, "2026-11-03 10:00:00")
    assert township_key_chained.trusted(shop.db.conn)[1] is True


def test_the_signed_state_is_described_in_openapi(township):  # noqa: F811
    _, http = township
    parameters = http.get("/openapi.json").json()["paths"]["/v1/state"]["get"]["parameters"]
    assert [p["name"] for p in parameters] == ["sign"] and parameters[0]["required"] is False
