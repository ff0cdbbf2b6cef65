"""Refund slips from the command line: their own numbers, printed again, reprints marked 已退."""

from __future__ import annotations

from tests.printing.helpers import pdf_text


def _sale_with_two_refunds(kiosk, village):
    assert kiosk("award", "JF000001", "ddzf", *village).code == 0
    receipt = kiosk("--json", "redeem", "wxm", "6901382002504", "香皂x3", *village).json()["receipt"]
    slips = [kiosk("--json", "refund", receipt, "--line", "2", "--qty", "1", "--reason", "拿错了",
                   *village).json()["refund"] for _ in range(2)]
    return receipt, slips


def test_each_refund_of_a_sale_has_its_own_number(kiosk, village):
    receipt, slips = _sale_with_two_refunds(kiosk, village)
    assert slips == [f"退{receipt}-1", f"退{receipt}-2"]


def test_refund_slip_prints_again_by_its_number(kiosk, village, tmp_path):
    receipt, slips = _sale_with_two_refunds(kiosk, village)
    for typed in (slips[1], "T" + receipt.replace("-", "") + "02"):
        out = tmp_path / "slip.pdf"
        result = kiosk("--json", "receipt", typed, "--pdf", str(out), "--copy")
        assert result.code == 0, result.err
        assert result.json()["receipt"] == slips[1]
        text = pdf_text(out.read_bytes())
        assert slips[1] in text and f"原小票：{receipt}" in text and "重打" in text


def test_reprint_of_a_partly_refunded_sale_marks_what_was_given_back(kiosk, village, tmp_path):
    receipt, _ = _sale_with_two_refunds(kiosk, village)
    out = tmp_path / "copy.pdf"
    assert kiosk("receipt", receipt, "--pdf", str(out), "--copy").code == 0
    text = pdf_text(out.read_bytes())
    assert "已退" in text and "×2" in text and "-11" in text


def test_a_refund_slip_that_does_not_exist_is_refused_plainly(kiosk, village, tmp_path):
    receipt, _ = _sale_with_two_refunds(kiosk, village)
    result = kiosk("receipt", f"退{receipt}-3", "--pdf", str(tmp_path / "x.pdf"))
    assert result.code == 1 and "找不到退货单" in result.err
    assert not (tmp_path / "x.pdf").exists()
