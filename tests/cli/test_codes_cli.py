"""The command line takes codes as people type them: any letter case, full width, spaces."""

from __future__ import annotations


def test_balance_finds_a_card_typed_in_lower_case(kiosk, village):
    body = kiosk("--json", "balance", "jf000001").json()
    assert body["resident"] == "王小明"


def test_redeem_and_receipt_take_codes_as_typed(kiosk, village, tmp_path):
    assert kiosk("award", "jf000001", "ddzf", *village).code == 0
    sale = kiosk("--json", "redeem", "Jf000001", "6901382002504", *village)
    assert sale.code == 0, sale.err
    number = sale.json()["receipt"]
    for typed in (number, number.replace("-", ""), number.translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))):
        out = kiosk("--json", "receipt", typed, "--pdf", str(tmp_path / "r.pdf"))
        assert out.code == 0, out.err
        assert out.json()["receipt"] == number


def test_an_imported_card_code_is_kept_upper_case(kiosk, village, tmp_path):
    roster = tmp_path / "名册.csv"
    roster.write_text("门牌号,姓名,卡号\n8组2号,周五, jf700001 \n", encoding="utf-8")
    assert kiosk("resident", "import", str(roster), *village).code == 0
    shown = kiosk("--json", "balance", "周五").json()
    assert shown["resident"] == "周五"
    assert kiosk("--json", "balance", "JF700001").json()["resident"] == "周五"
    listed = kiosk("resident", "list")
    assert "JF700001" in listed.out and "jf700001" not in listed.out
