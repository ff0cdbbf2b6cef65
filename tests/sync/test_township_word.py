"""The township's word is signed with its own key (kiosk/core/township_word.py): a server that has
only the terminal's secret (copied from the village's file) cannot pass pull pages off as the
township's, and a genuine page changed on the way is refused before anything is applied."""

from __future__ import annotations

import hashlib
import json

import httpx
import pytest

from kiosk.core import township_word
from kiosk.services.audit.check import run_check
from kiosk.store import certificates as certificates_store
from kiosk.store import township_key_chained
from kiosk.sync import client, state, usb
from kiosk.sync.bundle import read_manifest, write_bundle
from kiosk.township import usb as township_usb
from kiosk.sync.calls import Township
from tests.conftest import give
from tests.services._support import balance_of
from tests.services.audit.test_chain_tamper import tamper
from tests.sync import remote
from tests.sync.real_township import NOW, enrol_with_awards, township  # noqa: F401  (township: a fixture)


@pytest.fixture
def enrolled(shop, township):  # noqa: F811
    enrol_with_awards(shop, township)
    assert certificates_store.township_key(shop.db) is not None      # learnt at enrolment
    return shop


def _between(http, change_pull) -> httpx.Client:
    """A server in the middle: the township's answers, its pull answers changed by `change_pull`."""
    def handle(request: httpx.Request) -> httpx.Response:
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        headers = {k: v for k, v in answer.headers.items() if k.lower() not in ("content-length", "content-encoding")}
        if request.url.path == "/v1/pull":
            body, headers = change_pull(answer.content, headers)
            return httpx.Response(answer.status_code, content=body, headers=headers)
        return httpx.Response(answer.status_code, content=answer.content, headers=headers)
    return httpx.Client(transport=httpx.MockTransport(handle))


def _with_forged_award(shop):
    def change(body: bytes, headers: dict) -> tuple[bytes, dict]:
        page = json.loads(body)
        page["records"].append(remote.entry(shop.db, hundredths=100000).as_json())
        return json.dumps(page).encode(), headers               # the township's signature kept as it was
    return change


def _unsigned(body: bytes, headers: dict) -> tuple[bytes, dict]:
    return body, {k: v for k, v in headers.items() if k.lower() != township_word.HEADER.lower()}


def _as_it_was(http) -> httpx.Client:
    """A township not yet upgraded: no answer of it carries a signature."""
    def handle(request: httpx.Request) -> httpx.Response:
        answer = http.request(request.method, str(request.url), content=request.content, headers=request.headers)
        headers = {k: v for k, v in answer.headers.items()
                   if k.lower() not in ("content-length", "content-encoding", township_word.HEADER.lower())}
        return httpx.Response(answer.status_code, content=answer.content, headers=headers)
    return httpx.Client(transport=httpx.MockTransport(handle))


@pytest.mark.parametrize("change", ["forged-award", "unsigned"])
def test_a_pull_page_not_signed_by_the_township_is_refused_and_nothing_applied(enrolled, township, change):  # noqa: F811
    _, http = township
    assert township_key_chained.trusted(enrolled.db.conn)[1] is True     # the township said so at enrolment
    before, kept = balance_of(enrolled, "JF000001"), enrolled.db.scalar("SELECT COUNT(*) FROM sync_remote")
    middle = _between(http, _with_forged_award(enrolled) if change == "forged-award" else _unsigned)
    result = client.sync_once(enrolled.db, middle, NOW)
    assert not result.ok and result.error == "sync_not_township", result
    assert balance_of(enrolled, "JF000001") == before
    assert enrolled.db.scalar("SELECT COUNT(*) FROM sync_remote") == kept


def test_the_townships_own_pages_pass_through_a_server_in_the_middle_that_changes_nothing(enrolled, township):  # noqa: F811
    _, http = township
    middle = _between(http, lambda body, headers: (body, headers))
    assert client.sync_once(enrolled.db, middle, NOW).ok


def test_a_pull_answer_is_signed_for_the_terminal_that_asked(enrolled, township):  # noqa: F811
    _, http = township
    assert client.sync_once(enrolled.db, http, NOW).ok
    key, current = certificates_store.township_key(enrolled.db), state.load(enrolled.db)
    answer = Township(http, current.server_url, current.terminal_id, current.secret, NOW).call("GET", "/v1/pull?since=0")
    digest = hashlib.sha256(answer.content).hexdigest()
    signature = answer.headers[township_word.HEADER]
    assert township_word.genuine(key, township_word.PULL, current.terminal_id, digest, signature)
    assert not township_word.genuine(key, township_word.PULL, "another-terminal", digest, signature)
    assert not township_word.genuine(key, township_word.REPLY, current.terminal_id, digest, signature)


# --- a township not yet upgraded signs nothing: taken until this one has been seen to sign ----

def test_a_township_not_yet_signing_is_still_synced_with_until_it_signs(shop, township, monkeypatch):  # noqa: F811
    monkeypatch.setattr(certificates_store, "note_signing", lambda conn, at: None)   # the enrolment of an older township
    monkeypatch.setattr(certificates_store, "note_signing_answers", lambda conn, at: None)   # (it signed nothing)
    enrol_with_awards(shop, township)
    monkeypatch.undo()
    _, http = township
    assert township_key_chained.trusted(shop.db.conn)[1] is False
    assert client.sync_once(shop.db, _as_it_was(http), NOW).ok                 # the township as it was: no header
    give(shop, "JF000001")
    assert client.sync_once(shop.db, http, NOW).ok                              # upgraded: a signed page
    assert township_key_chained.trusted(shop.db.conn)[1] is True
    give(shop, "JF000001")                                                      # something to push, and a pull after it
    result = client.sync_once(shop.db, _between(http, _unsigned), NOW)
    assert not result.ok and result.error == "sync_not_township", result


def test_the_flag_put_back_to_not_signing_with_sqlite3_changes_nothing_trusted_and_is_found(enrolled, township):  # noqa: F811
    _, http = township
    assert client.sync_once(enrolled.db, http, NOW).ok
    tamper(enrolled.db.path, "DELETE FROM township_signs", drop=("chain_township_signs_gone",))
    give(enrolled, "JF000001")
    assert client.sync_once(enrolled.db, _between(http, _unsigned), NOW).error == "sync_not_township"
    assert any("乡镇公钥" in problem for problem in run_check(enrolled.db).problems)


def test_a_reply_from_a_township_not_yet_signing_still_imports(shop, township, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setattr(certificates_store, "note_signing", lambda conn, at: None)   # the enrolment of an older township
    monkeypatch.setattr(certificates_store, "note_signing_answers", lambda conn, at: None)   # (it signed nothing)
    enrol_with_awards(shop, township)
    store, _ = township
    monkeypatch.setattr(township_usb, "write_bundle", lambda *a, township=None, **k: write_bundle(*a, **k))
    out = usb.export_bundle(shop.db, tmp_path / "a.zip", NOW)
    township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    monkeypatch.undo()
    assert "township_signature" not in read_manifest(tmp_path / "reply.zip")
    assert usb.import_reply(shop.db, tmp_path / "reply.zip", NOW).received >= 0
    assert township_key_chained.trusted(shop.db.conn)[1] is False
