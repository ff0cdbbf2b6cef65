"""Weighed goods from the command line: kiosk product step, then redeem CODEx1.5."""

from __future__ import annotations


def _eggs(kiosk, village) -> str:
    code = kiosk("--json", "product", "add", "散装鸡蛋", "--price", "6.33", "--unit", "斤",
                 *village).json()["code"]
    step = kiosk("--json", "product", "step", code, "0.1", *village)
    assert step.code == 0 and step.json()["step"] == "0.1", step.err
    assert kiosk("stock", "receive", code, "12.5", "--source", "采购", *village).code == 0
    return code


def test_redeem_one_and_a_half_jin(kiosk, village):
    code = _eggs(kiosk, village)
    assert kiosk("award", "JF000001", "ddzf", *village).code == 0
    sale = kiosk("--json", "redeem", "JF000001", f"{code}x1.5", *village)
    assert sale.code == 0, sale.err
    body = sale.json()
    assert body["lines"][0]["qty"] == "1.5" and body["total"] == "9.5"
    assert kiosk("--json", "product", "show", code).json()["stock"] == "11"


def test_a_weight_with_too_many_decimals_is_refused_plainly(kiosk, village):
    code = _eggs(kiosk, village)
    assert kiosk("award", "JF000001", "ddzf", *village).code == 0
    result = kiosk("redeem", "JF000001", f"{code}x1.55", *village)
    assert result.code == 1 and "小数位太多" in result.err


def test_pieces_stay_whole_numbers_in_json(kiosk, village):
    assert kiosk("award", "JF000001", "ddzf", *village).code == 0
    body = kiosk("--json", "redeem", "JF000001", "香皂x2", *village).json()
    assert body["lines"][0]["qty"] == 2
