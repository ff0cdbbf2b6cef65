"""限购 from the command line: set it, see it said plainly, lift it."""

from __future__ import annotations

from tests.cli.conftest import SUPPLIER

RICE = "6901382002504"


def test_a_limit_is_said_and_holds(kiosk, village):
    done = kiosk("--json", "product", "limit", RICE, "1", "--per", "周", *village)
    assert done.code == 0 and done.json()["per"] == "week", done.err
    assert kiosk("award", "JF000001", "ddzf", *village).code == 0
    assert kiosk("stock", "receive", RICE, "5", "--source", SUPPLIER, *village).code == 0
    assert kiosk("redeem", "JF000001", RICE, *village).code == 0
    again = kiosk("redeem", "JF000001", RICE, *village)
    assert again.code == 1 and "每户每周限换 1袋" in again.err and "本周已换满" in again.err
    assert kiosk("product", "limit", RICE, "--none", *village).code == 0
    assert kiosk("redeem", "JF000001", RICE, *village).code == 0


def test_limit_words_that_are_wrong_are_refused(kiosk, village):
    bad = kiosk("product", "limit", RICE, "2", "--per", "年", *village)
    assert bad.code == 1 and "周 或 月" in bad.err
    assert kiosk("product", "limit", RICE, *village).code == 2
