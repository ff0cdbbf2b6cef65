"""The township's public key is in the books' chain (migration 0033): the counter takes a reply or a
pull page as the township's only when that key checks its signature, so a key replaced with
sqlite3 (to take replies signed with one's own key) must be found by `kiosk check`."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.services.audit.check import run_check
from kiosk.core.errors import Refused
from kiosk.store import certificates as certificates_store
from kiosk.store import migrations, township_key_chained
from kiosk.sync import usb
from tests import older_program
from tests.services.audit.test_chain_tamper import tamper
from tests.sync.real_township import NOW, enrol_with_awards, forged_reply, township  # noqa: F401  (township: a fixture)

OWN_KEY = Ed25519PrivateKey.generate().public_key().public_bytes_raw().hex()


@pytest.fixture
def program_before_0033(tmp_path, monkeypatch):
    """The program as it was before the township's key was chained: migrations up to 0032."""
    return older_program.before(33, tmp_path, monkeypatch)


def test_the_key_learnt_at_enrolment_is_chained_and_the_books_pass(shop, township):  # noqa: F811
    enrol_with_awards(shop, township)
    assert township_key_chained.trusted(shop.db.conn) == (certificates_store.township_key(shop.db), True)
    assert run_check(shop.db).problems == []


def test_a_key_learnt_before_the_upgrade_is_chained_by_it_and_the_books_pass(program_before_0033, shop):
    db = shop.db
    tamper(db.path, "INSERT INTO township_key (id, public_hex, learnt_at, learnt_by)"   # as the program then did
                    f" VALUES (1, '{OWN_KEY}', '2026-11-03 10:00:00', 'enrolment')")
    assert db.scalar("SELECT COUNT(*) FROM chain WHERE record_type = 'township_key'") == 0
    db.close()
    program_before_0033.undo()
    upgraded = migrations.open_database(db.path)
    try:
        assert upgraded.scalar("SELECT COUNT(*) FROM chain WHERE record_type = 'township_key'") == 1
        assert township_key_chained.trusted(upgraded.conn) == (OWN_KEY, False)   # signed word not yet required
        assert run_check(upgraded).problems == []
    finally:
        upgraded.close()


def test_a_key_deleted_for_one_import_and_put_back_as_it_was_changes_nothing_trusted(shop, township, tmp_path):  # noqa: F811
    """The reader trusts the chain's key, not the table's: a reply forged with the secret is refused
    even while the row is gone, so putting it back afterwards hides nothing."""
    enrol_with_awards(shop, township)
    forged_reply(shop, township, tmp_path)
    tamper(shop.db.path, "DELETE FROM township_key")
    with pytest.raises(Refused) as refused:
        usb.import_reply(shop.db, tmp_path / "forged.zip", NOW)
    assert refused.value.code == "sync_bundle_not_township"


@pytest.mark.parametrize("drop", [(), ("chain_township_key_changed",)], ids=["trigger-in-place", "trigger-dropped"])
def test_the_townships_key_replaced_with_sqlite3_is_found(shop, township, drop):  # noqa: F811
    enrol_with_awards(shop, township)
    tamper(shop.db.path, f"UPDATE township_key SET public_hex = '{OWN_KEY}'", drop=drop)
    assert certificates_store.township_key(shop.db) == OWN_KEY
    found = run_check(shop.db).problems
    assert found, found
    assert any("乡镇公钥" in problem for problem in found), found


def test_the_townships_key_deleted_with_sqlite3_to_take_unsigned_replies_is_found(shop, township):  # noqa: F811
    enrol_with_awards(shop, township)
    tamper(shop.db.path, "DELETE FROM township_key")
    assert certificates_store.township_key(shop.db) is None      # replies would be taken on the secret alone
    found = run_check(shop.db).problems
    assert any("乡镇公钥" in problem for problem in found), found


def test_a_key_put_in_by_hand_on_a_counter_that_had_none_is_found(shop):
    tamper(shop.db.path, "INSERT INTO township_key (id, public_hex, learnt_at, learnt_by)"
                         f" VALUES (1, '{OWN_KEY}', '2026-11-03 10:00:00', 'enrolment')",
           drop=("chain_township_key_learnt",))
    found = run_check(shop.db).problems
    assert any("乡镇公钥" in problem and "绕过程序" in problem for problem in found), found
