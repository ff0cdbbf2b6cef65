"""The status bar of a village that syncs by USB stick says when the last reply came in,
not 尚未同步 (never synced) for ever; an online round after it, or a failing one, says so again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kiosk.core.clock import stamp
from kiosk.core.errors import Refused
from kiosk.sync import state, status, usb
from kiosk.township import usb as township_usb
from tests.conftest import fingerprint
from tests.sync.real_township import NOW, enrol_with_awards, township  # noqa: F401  (township: a fixture)


def _by_stick(shop, store, tmp_path, name: str, now) -> None:
    store.clock = lambda: now.timestamp()       # the township makes its reply at the same moment
    out = usb.export_bundle(shop.db, tmp_path / f"{name}.zip", now)
    township_usb.import_bundle(store, out.path, tmp_path / f"{name}-reply.zip")
    usb.import_reply(shop.db, tmp_path / f"{name}-reply.zip", now)


def test_a_reply_by_stick_is_what_the_status_bar_says_until_a_round_online(shop, township, tmp_path):
    enrol_with_awards(shop, township)
    store, _ = township
    assert status.status(shop.db, NOW).text.startswith("尚未同步")
    _by_stick(shop, store, tmp_path, "a", NOW)
    shown = status.status(shop.db, NOW)
    assert shown.kind == "usb" and shown.text == f"U盘同步 {stamp(NOW)[5:16]} · 待上传 0"
    state.record_ok(shop.db, stamp(NOW + timedelta(minutes=5)))
    assert status.status(shop.db, NOW).kind == "ok"
    state.record_error(shop.db, "sync_offline", stamp(NOW + timedelta(minutes=10)))
    assert status.status(shop.db, NOW).kind == "offline"
    _by_stick(shop, store, tmp_path, "b", NOW + timedelta(minutes=20))     # the network down, the stick went
    assert status.status(shop.db, NOW).text.startswith(f"U盘同步 {stamp(NOW + timedelta(minutes=20))[5:16]}")
    state.record_error(shop.db, "sync_offline", stamp(NOW + timedelta(minutes=25)))   # and still down after
    assert status.status(shop.db, NOW).text.startswith(f"离线，自 {stamp(NOW + timedelta(minutes=10))[5:16]} 起")


def test_a_reply_that_is_refused_is_not_taken_for_a_sync(shop, township, tmp_path):
    enrol_with_awards(shop, township)
    (tmp_path / "junk.zip").write_bytes(b"PK\x03\x04 not a reply")
    with pytest.raises(Refused):
        usb.import_reply(shop.db, tmp_path / "junk.zip", NOW)
    assert status.status(shop.db, NOW).kind == "never"


def test_the_same_reply_imported_again_is_not_a_new_sync(shop, township, tmp_path):
    enrol_with_awards(shop, township)
    store, _ = township
    _by_stick(shop, store, tmp_path, "a", NOW)
    before = fingerprint(shop.db)
    usb.import_reply(shop.db, tmp_path / "a-reply.zip", NOW)
    assert fingerprint(shop.db) == before
    usb.import_reply(shop.db, tmp_path / "a-reply.zip", NOW + timedelta(hours=2))   # the old file, found later
    assert status.status(shop.db, NOW).last_reply_at == stamp(NOW)
