"""A counter's new identity after a rollback is the township's signed word for the request
(kiosk/core/township_word.py answer_digest): a server holding only the terminal's secret (from the shop's
file) cannot hand the counter another id, secret or number, nor pass the identity the township
made for another request off as this one's. A township not yet signing still heals it.

The counter of tests/sync/real_township.py (SQLite and PostgreSQL townships), its books put
through what a restore does: a new local identity, the township to be asked for a new terminal.
"""

from __future__ import annotations

import httpx
import pytest

from kiosk.core import township_word
from kiosk.store import certificates as certificates_store
from kiosk.store import township_key_chained
from kiosk.sync import client, rollback, state
from kiosk.sync.state import resume_flag
from tests.conftest import fingerprint
from tests.sync import insider
from tests.sync.real_township import NOW, enrol_with_awards, township  # noqa: F401  (township: a fixture)


def went_back(shop, township) -> None:  # noqa: F811
    _, http = township
    assert client.sync_once(shop.db, http, NOW).ok
    rollback.start_healing(shop.db, "2026-11-03 10:31:00")      # as a restore leaves the books
    assert resume_flag(shop.db)


@pytest.fixture
def healing(shop, township):  # noqa: F811
    enrol_with_awards(shop, township)
    assert township_key_chained.trusted(shop.db.conn)[1] is True
    went_back(shop, township)
    return shop


def books(db) -> tuple:
    """Every row but the sync state's, and of that what the round would take from a new identity
    (its last error and attempt are noted, as after any refused round)."""
    kept = state.load(db)
    return (fingerprint(db, skip=("sync_state",)), kept.terminal_id, kept.secret, kept.local_terminal_id,
            kept.seq_base, kept.pushed_high_water, kept.pull_cursor)


def terminals(store) -> int:
    return store.one("SELECT COUNT(*) AS n FROM terminal")["n"]


def made_up_identity(request: httpx.Request) -> httpx.Response:
    """The insider's own server: a new identity of its choosing (its id, its secret, number 7)."""
    asked = request.headers["x-kiosk-terminal"]
    body = {"terminal_id": "insider-terminal", "secret": "ab" * 32, "village_id": "v", "number": 7,
            "replaces": asked, "old_high_water": 0}
    return httpx.Response(200, json=body, headers={township_word.HEADER: "00" * 64})


def another_nonce(asked: dict) -> None:
    asked["nonce"] = "a-nonce-of-the-insider"


@pytest.mark.parametrize("attack", ["made-up", "another-request"])
def test_a_new_identity_not_signed_for_this_request_changes_nothing(healing, township, attack):  # noqa: F811
    """Attack: a wrong identity. A fake township gives the counter an identity of its own making
    ("made-up"); or, in the middle, asks the township for another nonce and carries back its
    genuinely signed answer ("another-request"). The counter takes neither."""
    store, http = township
    secret = state.load(healing.db).secret
    before, held = books(healing.db), terminals(store)
    server = (insider.server(http, "/v1/reidentify", made_up_identity) if attack == "made-up"
              else insider.rewriting(http, "/v1/reidentify", secret, another_nonce))
    result = client.sync_once(healing.db, server, NOW)
    assert not result.ok and result.error == "sync_not_township", result
    assert books(healing.db) == before                  # the same id, secret, number; still to heal
    assert resume_flag(healing.db)
    assert terminals(store) == held + (attack == "another-request")
    healed = client.sync_once(healing.db, http, NOW)         # the township itself: healed as ever
    assert healed.ok and healed.healed
    assert state.load(healing.db).terminal_id != "insider-terminal" and not resume_flag(healing.db)


def test_the_new_identity_is_signed_for_the_request_and_terminal_that_asked(healing, township):  # noqa: F811
    _, http = township
    seen, asker = {}, state.load(healing.db).terminal_id

    def keep(request: httpx.Request) -> httpx.Response:
        answer = insider.relayed(insider.forward(http, request))
        seen.update(asked=request.content, answer=answer.content, signature=answer.headers[township_word.HEADER])
        return answer
    assert client.sync_once(healing.db, insider.server(http, "/v1/reidentify", keep), NOW).healed
    key = township_key_chained.trusted(healing.db.conn)[0]
    digest = township_word.answer_digest(seen["asked"], seen["answer"])
    assert township_word.genuine(key, township_word.REIDENTIFY, asker, digest, seen["signature"])
    other = township_word.answer_digest(seen["asked"].replace(b'"nonce": "', b'"nonce": "x'), seen["answer"])
    assert not township_word.genuine(key, township_word.REIDENTIFY, asker, other, seen["signature"])
    assert not township_word.genuine(key, township_word.REIDENTIFY, "another-terminal", digest, seen["signature"])
    assert not township_word.genuine(key, township_word.CROSS_REDEEM, asker, digest, seen["signature"])


def test_a_township_not_yet_signing_still_gives_a_new_identity(shop, township, monkeypatch):  # noqa: F811
    monkeypatch.setattr(certificates_store, "note_signing", lambda conn, at: None)   # an older township's enrolment
    monkeypatch.setattr(certificates_store, "note_signing_answers", lambda conn, at: None)
    enrol_with_awards(shop, township)
    store, http = township
    older = insider.unsigned(http)
    went_back(shop, (store, older))
    monkeypatch.undo()
    assert township_key_chained.trusted(shop.db.conn)[1] is False
    old_terminal = state.load(shop.db).terminal_id
    healed = client.sync_once(shop.db, older, NOW)
    assert healed.ok and healed.healed, healed
    assert state.load(shop.db).terminal_id != old_terminal and terminals(store) == 2
