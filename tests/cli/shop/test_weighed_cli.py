"""Weighed goods from the command line: kiosk product step, then redeem CODEx1.5."""

from __future__ import annotations

from tests.cli.conftest import SUPPLIER


def _eggs(kiosk, village) -> str:
    code = kiosk("--json", "product", "add", "散装鸡蛋", "--price", "6.33", "--unit", "斤",
                 *village).json()["code"]
    step = kiosk("--json", "product", "step", code, "0.1", *village)
    assert step.code == 0 and step.json()["step"] == "0.1", step.err
    assert kiosk("stock", "receive", code, "12.5", "--source", SUPPLIER, *village).code == 0
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


def _table(body: dict, key: str) -> dict:
    table = next(t for t in body["tables"] if t["key"] == key)
    named = [dict(zip(table["columns"], row)) for row in table["rows"]]
    return {next(v for k, v in row.items() if k == "商品"): row for row in named}


def test_reports_in_json_give_weights_as_decimal_strings_and_pieces_as_numbers(kiosk, village):
    code = _eggs(kiosk, village)
    stock = _table(kiosk("--json", "report", "stock", *village).json(), "stock")
    assert stock["散装鸡蛋"]["库存"] == "12.5" and stock["香皂"]["库存"] == 10
    value = kiosk("--json", "report", "value", *village)
    assert value.code == 0, value.err
    assert _table(value.json(), "value")["散装鸡蛋"]["期末数"] == "12.5"
    moved = kiosk("--json", "report", "movements", *village)
    assert _table(moved.json(), "movements")["散装鸡蛋"]["入库"] == "12.5"
    assert kiosk("--json", "stock", "moves", "--product", code).json()["moves"][0]["qty"] == "12.5"
    text = kiosk("stock", "moves", "--product", code).out
    assert "+12.5斤" in text and "+125" not in text


def test_product_add_and_edit_take_a_step_and_a_limit(kiosk, village):
    added = kiosk("--json", "product", "add", "散装黄豆", "--price", "4", "--unit", "斤", "--step", "0.1",
                  "--limit", "2", "--per", "月", *village)
    assert added.code == 0, added.err
    body = added.json()
    assert (body["step"], body["limit"], body["per"]) == ("0.1", "2", "month")
    edited = kiosk("--json", "product", "edit", body["code"], "--limit", "1.5", "--per", "周", *village)
    assert edited.code == 0 and (edited.json()["limit"], edited.json()["per"]) == ("1.5", "week")
    assert kiosk("stock", "receive", body["code"], "3.5", "--source", SUPPLIER, *village).code == 0
    refused = kiosk("product", "edit", body["code"], "--step", "1", *village)
    assert refused.code == 1 and "散装黄豆" in refused.err
    listed = kiosk("--json", "product", "list", "--find", "散装黄豆").json()["products"]
    assert listed[0]["stock"] == "3.5"
