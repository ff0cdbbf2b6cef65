"""A real township app (SQLite or PostgreSQL, the `backend` parameter) with 青石村, and a counter
enrolled there with two awards to 张桂兰: shared by the chain tests that sync for real."""

from __future__ import annotations

from datetime import datetime

import pytest
from fastapi.testclient import TestClient

from kiosk.sync import enrolment
from kiosk.township.app import create_app
from tests.conftest import give

NOW = datetime(2026, 11, 3, 10, 30, 0)
URL = "http://township.test"


@pytest.fixture
def township(township_db):
    app = create_app(township_db, clock=lambda: NOW.timestamp())
    with TestClient(app) as http:
        app.state.store.add_village("青石村", "美德积分")
        yield app.state.store, http


def enrol_with_awards(shop, township) -> None:
    store, http = township
    enrolment.enrol(shop.db, http, URL, store.issue_code("青石村")["code"], NOW)
    give(shop, "JF000004", 2)


def enrol_with_an_older_township(shop, township, monkeypatch, signs: str = "pages only") -> None:
    """`enrol_with_awards` with a township of an older version: one that signs its pull pages but
    not yet its answers, or ("nothing") one that signs nothing at all."""
    from kiosk.store import certificates as certificates_store
    monkeypatch.setattr(certificates_store, "note_signing_answers", lambda conn, at: None)   # its enrolment
    if signs == "nothing":
        monkeypatch.setattr(certificates_store, "note_signing", lambda conn, at: None)
    enrol_with_awards(shop, township)


def forged_reply(shop, township, folder, keep_signature: bool = False):
    """A genuine reply to `shop`'s bundle (folder/reply.zip), and one written beside it with the
    terminal's secret from the file alone (folder/forged.zip): the genuine manifest (its township
    signature too, with `keep_signature`) over a 1,000-point award 'from another counter'."""
    from kiosk.sync import state, usb
    from kiosk.sync.bundle import read_manifest, write_bundle
    from kiosk.township import usb as township_usb
    from tests.sync import remote

    store, _ = township
    out = usb.export_bundle(shop.db, folder / "a.zip", NOW)
    township_usb.import_bundle(store, out.path, folder / "reply.zip")
    dropped = ("count", "records_bytes", "certificates_sha256") + (() if keep_signature else ("township_signature",))
    manifest = {key: value for key, value in read_manifest(folder / "reply.zip").items() if key not in dropped}
    return write_bundle(folder / "forged.zip", manifest, [remote.entry(shop.db, hundredths=100000)],
                        state.load(shop.db).secret)
