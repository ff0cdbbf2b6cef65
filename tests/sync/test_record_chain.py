"""The township keeps an equal chain of each counter's records: the counter's link for the
records the township acknowledged is the township's for the records it stored, online and
by USB stick; a township that rewrote a village's records, even with its own chain worked
out again, is flagged at the counter's next sync, in plain words."""

from __future__ import annotations

import hashlib
import json

import pytest

from kiosk.core.record_link import GENESIS, next_link
from kiosk.store import record_chain as counter_chain
from kiosk.sync import client, outbox, state, usb
from kiosk.township.tables import record_chain
from kiosk.township import usb as township_usb
from tests.conftest import give
from tests.sync import test_rollback
from tests.sync.real_township import NOW, URL, enrol_with_awards, township  # noqa: F401  (township: a fixture)


@pytest.fixture
def synced(shop, township):
    enrol_with_awards(shop, township)
    store, http = township
    assert client.sync_once(shop.db, http, NOW).ok
    return shop


def _heads(db, store) -> tuple[tuple[int, str], str]:
    """The counter's (seq, link) of the records sent, and the township's link at that seq."""
    tid = state.load(db).terminal_id
    mine = counter_chain.head(db.conn, tid)
    with store.write() as conn:
        return mine, record_chain.link_at(conn, tid, mine[0])


def _differs(store) -> list[dict]:
    rows = store.all("SELECT detail FROM incident WHERE detail LIKE '%records_chain_differs%'")
    return [json.loads(row[0]) for row in rows]


def test_a_sync_leaves_the_same_chain_of_records_on_both_sides(synced, township):
    store, http = township
    mine, theirs = _heads(synced.db, store)
    high = store.one("SELECT high_water FROM terminal")[0]
    assert mine[0] == high > 0 and mine[1] == theirs
    give(synced, "JF000001")
    assert client.sync_once(synced.db, http, NOW).ok
    mine2, theirs2 = _heads(synced.db, store)
    assert mine2[0] > mine[0] and mine2[1] == theirs2 and _differs(store) == []
    assert record_chain.verify(store) == []


def test_the_same_chain_by_usb_stick(synced, township, tmp_path):
    store, _ = township
    give(synced, "JF000001", 2)
    out = usb.export_bundle(synced.db, tmp_path / "a.zip", NOW)
    result = township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    usb.import_reply(synced.db, tmp_path / "reply.zip", NOW)
    mine, theirs = _heads(synced.db, store)
    assert mine[0] == result["high_water"] == out.last_seq and mine[1] == theirs
    assert _differs(store) == []


def _drop_the_guards(store, conn) -> None:
    """The append-only triggers on record and record_chain, dropped as a database owner could."""
    if store.dialect == "sqlite":
        for name in ("record_no_update", "record_chain_no_update"):
            conn.execute(f"DROP TRIGGER {name}")
    else:
        for table in ("record", "record_chain"):
            conn.execute(f"DROP TRIGGER {table}_is_kept ON {table}")


def _rewrite_at_township(store, rechain: bool) -> None:
    """An entry the counter sent made 500 points at the township; with `rechain`, its hash
    and the township's own chain of that terminal worked out again to match."""
    with store.write() as conn:
        _drop_the_guards(store, conn)    # an insider with the database can; the chains still tell
        rid, tid, body = conn.execute("SELECT id, terminal_id, body FROM record WHERE type = 'entry'"
                                      " ORDER BY seq LIMIT 1").fetchone()
        data = json.loads(body)
        data["hundredths"] = 50000
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest() if rechain else None
        conn.execute("UPDATE record SET body = ?, sha256 = COALESCE(?, sha256) WHERE id = ?", (text, digest, rid))
        if rechain:
            link = GENESIS
            for seq, kind, record_id, sha256 in conn.execute(
                    "SELECT seq, type, id, sha256 FROM record WHERE terminal_id = ? ORDER BY seq", (tid,)).fetchall():
                link = next_link(link, seq, kind, record_id, sha256)
                conn.execute("UPDATE record_chain SET link = ? WHERE terminal_id = ? AND seq = ?", (link, tid, seq))


def test_a_township_that_rewrote_a_record_and_its_chain_is_flagged_at_the_next_sync(synced, township):
    store, http = township
    _rewrite_at_township(store, rechain=True)
    assert record_chain.verify(store) == []            # consistent with itself …
    assert client.sync_once(synced.db, http, NOW).ok   # … not with the counter
    found = _differs(store)
    assert len(found) == 1
    assert "青石村" in found[0]["words"] and "对不上" in found[0]["words"] and "乡镇服务器上被改过" in found[0]["words"]


def test_a_township_rewrite_is_flagged_by_the_next_usb_bundle_too(synced, township, tmp_path):
    store, _ = township
    _rewrite_at_township(store, rechain=True)
    out = usb.export_bundle(synced.db, tmp_path / "a.zip", NOW)
    township_usb.import_bundle(store, out.path, tmp_path / "reply.zip")
    assert len(_differs(store)) == 1
    assert (tmp_path / "reply.zip").exists()          # the reply is written all the same


def test_a_record_changed_at_the_township_alone_is_named_by_verify(synced, township):
    store, _ = township
    _rewrite_at_township(store, rechain=False)
    seq = store.one("SELECT seq FROM record WHERE type = 'entry' ORDER BY seq LIMIT 1")[0]
    found = record_chain.verify(store)
    assert len(found) == 1 and f"第 {seq} 条记录" in found[0] and "已经不是收到时的样子" in found[0]


def test_a_counter_showing_records_the_township_does_not_hold_yet_is_not_flagged(synced, township):
    store, _ = township
    tid = state.load(synced.db).terminal_id
    with store.write() as conn:
        high = conn.execute("SELECT high_water FROM terminal WHERE id = ?", (tid,)).fetchone()[0]
        shown = {"seq": high + 5, "link": "0" * 64}
        assert record_chain.compare(store, conn, tid, "v", shown) is None
        assert record_chain.compare(store, conn, tid, "v", {"seq": "x", "link": 1}) is None
    assert _differs(store) == []


def test_a_record_the_township_refused_is_left_out_on_both_sides(synced, township):
    """An entry whose frozen body lost its account: the township rejects it (stores none), the
    counter quarantines it; their chains of the records stored still agree."""
    store, http = township
    give(synced, "JF000001")
    tid = state.load(synced.db).terminal_id
    sent = outbox.for_township(synced.db, state.load(synced.db))
    entry = next(r for r in sent if r.type == "entry")
    body = {key: value for key, value in entry.body.items() if key != "account_id"}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    with synced.db.write() as conn:
        conn.execute("UPDATE sync_outbox SET body = ?, sha256 = ? WHERE id = ?",
                     (text, hashlib.sha256(text.encode("utf-8")).hexdigest(), entry.id))
    assert client.sync_once(synced.db, http, NOW).ok
    assert synced.db.scalar("SELECT status FROM sync_reject WHERE record_id = ?", (entry.id,)) == "rejected"
    assert store.one("SELECT COUNT(*) FROM record WHERE id = ?", (entry.id,))[0] == 0
    mine, theirs = _heads(synced.db, store)
    assert mine[0] == store.one("SELECT high_water FROM terminal WHERE id = ?", (tid,))[0]
    assert mine[1] == theirs and _differs(store) == []


def test_the_township_command_checks_every_counters_records(synced, township, township_db, capsys):
    from kiosk.township import cli

    store, _ = township
    assert cli.main(["--db", str(township_db), "check-records"]) == 0
    assert "都还和收到时一样" in capsys.readouterr().out
    _rewrite_at_township(store, rechain=False)
    assert cli.main(["--db", str(township_db), "check-records"]) == 1
    assert "已经不是收到时的样子" in capsys.readouterr().err


@pytest.fixture
def counter(shop, db_path, tmp_path):
    """An enrolled counter whose copies can be put back (tests/sync/test_rollback.py)."""
    yield from test_rollback.enrolled_counter(shop, db_path, tmp_path, test_rollback.NOW,
                                              lambda: test_rollback.NOW.timestamp())


def test_a_counter_put_back_to_an_older_copy_keeps_an_equal_chain_under_its_new_identity(counter, tmp_path):
    """Healed, it sends the records the township already held under its old identity again:
    taken as duplicates, they are linked on both sides all the same."""
    counter.sell(2)                                   # not synced yet when the copy is taken
    copy = tmp_path / "copy.sqlite"
    counter.copy_without_wal(copy)
    counter.sell(1)
    assert counter.sync().ok
    counter.put_back(copy)
    assert counter.sync().healed
    counter.sell(1)
    assert counter.sync().ok
    mine, theirs = _heads(counter.db, counter.store)
    assert mine[0] == counter.store.one("SELECT high_water FROM terminal WHERE id = ?",
                                        (state.load(counter.db).terminal_id,))[0]
    assert mine[1] == theirs and _differs(counter.store) == []
    assert record_chain.verify(counter.store) == []
