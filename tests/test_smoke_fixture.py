from tests.conftest import fingerprint


def test_fixture_village_is_consistent(shop):
    from kiosk.services.audit.check import run_check

    assert run_check(shop.db).ok
    assert fingerprint(shop.db) == fingerprint(shop.db)
