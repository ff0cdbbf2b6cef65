"""The books' chain head is anchored by USB stick as online: the push bundle's signed
manifest shows the head (and the links at the heads kept here), the township keeps it and
its answer comes back in the reply's signed manifest. A bundle or reply whose anchor was
changed on the stick is refused whole."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import pytest

from kiosk.core.errors import Refused
from kiosk.services.audit.check import run_check
from kiosk.store import chain
from kiosk.store.migrations import open_database
from kiosk.sync import usb
from kiosk.sync.bundle import read_manifest
from kiosk.township import usb as township_usb
from kiosk.township.words import TownshipRefused
from tests.conftest import fingerprint, give
from tests.services.audit.test_chain_anchor import rewrite_first_award_and_rehash
from tests.sync.real_township import NOW, URL, enrol_with_awards, township  # noqa: F401  (township: a fixture)


@pytest.fixture
def enrolled(shop, township):
    enrol_with_awards(shop, township)
    store, http = township
    return shop


def _round(db, store, tmp_path, name="a"):
    """Export, import at the township, import the reply: (township's result, counter's result)."""
    out = usb.export_bundle(db, tmp_path / f"{name}.zip", NOW)
    result = township_usb.import_bundle(store, out.path, tmp_path / f"{name}-reply.zip")
    return result, usb.import_reply(db, tmp_path / f"{name}-reply.zip", NOW)


def _held(store) -> list[tuple[int, str]]:
    return [(row[0], row[1]) for row in store.all("SELECT position, link FROM chain_anchor ORDER BY position")]


def _rewritten(store) -> int:
    return store.one("SELECT COUNT(*) FROM incident WHERE detail LIKE '%chain_rewritten%'")[0]


def test_the_push_bundle_shows_the_head_and_the_reply_brings_the_answer(enrolled, township, tmp_path):
    store, _ = township
    head = chain.head(enrolled.db.conn)
    out = usb.export_bundle(enrolled.db, tmp_path / "a.zip", NOW)
    assert read_manifest(out.path)["anchor"] == {"position": head[0], "link": head[1], "links": {}}
    result = township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    assert result["books_extend"] is True and _held(store) == [head]
    answer = read_manifest(tmp_path / "reply.zip")["anchor"]
    assert answer["extends"] is True and answer["anchors"] == [{"position": head[0], "link": head[1]}]
    done = usb.import_reply(enrolled.db, tmp_path / "reply.zip", NOW)
    assert done.books_extend is True
    assert [row[:2] for row in chain.anchors(enrolled.db.conn, "township")] == [head]
    assert run_check(enrolled.db).problems == []


def test_the_next_bundle_shows_the_links_at_the_heads_kept(enrolled, township, tmp_path):
    store, _ = township
    first = chain.head(enrolled.db.conn)
    _round(enrolled.db, store, tmp_path, "a")
    give(enrolled, "JF000001")
    out = usb.export_bundle(enrolled.db, tmp_path / "b.zip", NOW)
    assert read_manifest(out.path)["anchor"]["links"] == {str(first[0]): first[1]}
    result = township_usb.import_bundle(store, out.path, tmp_path / "b-reply.zip")
    assert result["books_extend"] is True and len(_held(store)) == 2 and _rewritten(store) == 0
    assert usb.import_reply(enrolled.db, tmp_path / "b-reply.zip", NOW).books_extend is True
    assert len(chain.anchors(enrolled.db.conn, "township")) == 2


def test_a_rewrite_after_a_usb_round_is_found_offline_and_by_the_next_bundle(enrolled, township, tmp_path, db_path):
    store, _ = township
    _round(enrolled.db, store, tmp_path, "a")
    enrolled.db.close()
    rewrite_first_award_and_rehash(db_path)
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DELETE FROM chain_anchor")     # the insider wipes the heads kept here too
    conn.close()
    db = open_database(db_path)
    try:
        assert run_check(db).problems == []
        result, done = _round(db, store, tmp_path, "b")
        assert result["books_extend"] is False and _rewritten(store) == 1
        assert done.books_extend is False
        assert any("乡镇记下的第" in problem for problem in run_check(db).problems)
    finally:
        db.close()


def _retouched(path, member: str, change) -> None:
    """The zip at `path` with one member's JSON changed by `change`, not signed again."""
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    data = json.loads(parts[member])
    change(data)
    parts[member] = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    with zipfile.ZipFile(path, "w") as zf:
        for name, raw in parts.items():
            zf.writestr(name, raw)


def test_a_push_bundle_whose_anchor_was_changed_is_refused(enrolled, township, tmp_path):
    store, _ = township
    out = usb.export_bundle(enrolled.db, tmp_path / "a.zip", NOW)
    _retouched(out.path, "manifest.json", lambda m: m["anchor"].update(link="0" * 64))
    with pytest.raises(TownshipRefused) as refused:
        township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    assert refused.value.code == "bundle_tampered"
    assert _held(store) == [] and store.one("SELECT COUNT(*) FROM record")[0] == 0
    assert not (tmp_path / "reply.zip").exists()


def test_a_reply_whose_anchor_was_changed_is_refused(enrolled, township, tmp_path):
    store, _ = township
    out = usb.export_bundle(enrolled.db, tmp_path / "a.zip", NOW)
    township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    forged = [{"position": 1, "link": "f" * 64}]
    _retouched(tmp_path / "reply.zip", "manifest.json", lambda m: m["anchor"].update(anchors=forged, extends=True))
    before = fingerprint(enrolled.db)
    with pytest.raises(Refused) as refused:
        usb.import_reply(enrolled.db, tmp_path / "reply.zip", NOW)
    assert refused.value.code == "sync_bundle_tampered"
    assert fingerprint(enrolled.db) == before and chain.anchors(enrolled.db.conn) == []


def test_an_older_bundle_imported_again_is_answered_not_judged(enrolled, township, tmp_path):
    store, _ = township
    old = usb.export_bundle(enrolled.db, tmp_path / "old.zip", NOW)
    township_usb.import_bundle(store, old.path, tmp_path / "old-reply.zip")
    usb.import_reply(enrolled.db, tmp_path / "old-reply.zip", NOW)
    give(enrolled, "JF000001")
    _round(enrolled.db, store, tmp_path, "new")
    again = township_usb.import_bundle(store, old.path, tmp_path / "again-reply.zip")
    assert again["books_extend"] is None and _rewritten(store) == 0 and len(_held(store)) == 2
    assert usb.import_reply(enrolled.db, tmp_path / "again-reply.zip", NOW).books_extend is None
    assert run_check(enrolled.db).problems == []


def test_an_older_bundle_never_imported_after_a_newer_one_is_not_taken_for_books_cut_short(enrolled, township, tmp_path):
    store, _ = township
    older = usb.export_bundle(enrolled.db, tmp_path / "older.zip", NOW)
    give(enrolled, "JF000001")
    newer = usb.export_bundle(enrolled.db, tmp_path / "newer.zip", NOW)
    township_usb.import_bundle(store, newer.path, tmp_path / "newer-reply.zip")
    late = township_usb.import_bundle(store, older.path, tmp_path / "older-reply.zip")
    assert late["books_extend"] is None and _rewritten(store) == 0 and len(_held(store)) == 1
