"""Codes in any letter case: card codes, product codes, on every path that looks one up,
and card codes written in one form (trimmed, upper case) whatever a file or a hand typed."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from kiosk.core.codes import normal_code
from kiosk.core.errors import Refused
from kiosk.services.people import cards, resident_import, residents
from kiosk.services.selfservice import screen as selfservice
from kiosk.services.shop import catalogue, products
from kiosk.store import goods


def _legacy_lower_case_card(ctx, resident_name: str, code: str) -> None:
    """What an older counter (or a synced record from one) may have stored."""
    rid = residents.resolve(ctx, resident_name).id
    with ctx.db.write() as conn:
        conn.execute("UPDATE resident SET card_code = ? WHERE id = ?", (code, rid))


def _roster(path, cards_by_name: dict[str, str]):
    book = Workbook()
    sheet = book.active
    sheet.append(["门牌号", "姓名", "与户主关系", "卡号"])
    for n, (name, card) in enumerate(cards_by_name.items()):
        sheet.append(["7组1号", name, "户主" if n == 0 else "", card])
    book.save(path)
    return path


@pytest.mark.parametrize("typed", ["JF000001", " ＪＦ０００００１ ", "jf 000001", "Jf000001"])
def test_normal_code_is_trimmed_plain_and_upper_case(typed):
    assert normal_code(typed) == "JF000001"


@pytest.mark.parametrize("typed", ["jf000003", "Jf000003", "ｊｆ000003"])
def test_a_card_code_in_any_case_finds_the_resident(shop, typed):
    assert residents.resolve(shop, typed).name == "王晓明"
    assert selfservice.find_by_card(shop, typed).name == "王晓明"


def test_the_suggestions_find_a_card_in_any_case(shop):
    assert [r.name for r in residents.suggest(shop, "jf000004")] == ["张桂兰"]


def test_a_card_stored_in_lower_case_by_an_older_counter_is_found_and_stays_taken(shop):
    _legacy_lower_case_card(shop, "张桂兰", "jf000004")
    assert residents.resolve(shop, "JF000004").name == "张桂兰"
    assert residents.suggest(shop, "JF000004")[0].name == "张桂兰"
    assert selfservice.find_by_card(shop, "JF000004").name == "张桂兰"
    with pytest.raises(Refused) as refused:
        residents.add_resident(shop, name="赵六", house_no="9组9号", card_code="JF000004")
    assert refused.value.code == "card_exists" and "张桂兰" in refused.value.message("zh")


def test_a_retired_card_is_refused_in_any_case(shop):
    cards.reissue(shop, "JF000001", "丢失")
    for typed in ("jf000001", "ｊｆ000001"):
        with pytest.raises(Refused) as refused:
            residents.resolve(shop, typed)
        assert refused.value.code == "card_retired"
    with pytest.raises(Refused) as refused:
        residents.add_resident(shop, name="赵六", house_no="9组9号", card_code="jf000001")
    assert refused.value.code == "card_code_retired"


def test_a_card_code_typed_by_hand_is_stored_upper_case_and_trimmed(shop):
    added = residents.add_resident(shop, name="赵六", house_no="9组9号", card_code=" jf120001 ")
    assert added.card_code == "JF120001"
    assert residents.resolve(shop, "JF120001").name == "赵六"


def test_a_card_already_given_is_refused_in_another_case(shop):
    with pytest.raises(Refused) as refused:
        residents.add_resident(shop, name="赵六", house_no="9组9号", card_code="jf000003")
    assert refused.value.code == "card_exists" and "王晓明" in refused.value.message("zh")


def test_imported_card_codes_are_stored_in_one_form(shop, tmp_path):
    path = _roster(tmp_path / "名册.xlsx", {"周一": "jf500001", "周二": " ＪＦ500002 ", "周三": ""})
    plan = resident_import.plan(shop, path)
    assert plan.ok and [r.values["card_code"] for r in plan.rows] == ["JF500001", "JF500002", ""]
    resident_import.import_residents(shop, path)
    assert residents.resolve(shop, "周一").card_code == "JF500001"
    assert residents.resolve(shop, "周二").card_code == "JF500002"
    assert residents.resolve(shop, "jf500002").name == "周二"


def test_an_import_refuses_a_card_twice_or_taken_in_another_case(shop, tmp_path):
    plan = resident_import.plan(shop, _roster(tmp_path / "a.xlsx", {"周一": "JF500001", "周二": "jf500001"}))
    assert [r.number for r in plan.errors] == [3] and "JF500001" in plan.errors[0].error
    plan = resident_import.plan(shop, _roster(tmp_path / "b.xlsx", {"周一": "jf000002"}))
    assert len(plan.errors) == 1 and "JF000002" in plan.errors[0].error


def test_a_product_code_with_letters_is_found_in_any_case(shop):
    soap = products.resolve(shop, "香皂")
    with shop.db.write() as conn:
        goods.insert_barcode(conn, "XZ-Soap", soap.id)
    for typed in ("XZ-SOAP", "xz-soap", "XZ-Soap"):
        assert products.resolve(shop, typed).id == soap.id
        assert products.by_scan(shop, typed).id == soap.id
        assert catalogue.scan(shop, typed).detail.product.id == soap.id
    with pytest.raises(Refused) as refused:
        products.refuse_taken(shop, "xz-soap")
    assert refused.value.code == "barcode_exists"


def test_the_goods_search_finds_a_code_with_letters_in_any_case(shop):
    from kiosk.services.shop import catalogue_search

    soap = products.resolve(shop, "香皂")
    with shop.db.write() as conn:
        goods.insert_barcode(conn, "XZ-Soap", soap.id)
    for typed in ("xz-soap", "XZ-SOAP", "ｘｚ-ｓｏａｐ"):
        assert [e.name for e in catalogue_search.search(shop, typed).entries] == ["香皂"]
    assert catalogue_search.load_index(shop).by_code("xz-SOAP").id == soap.id


def test_a_new_card_never_differs_from_an_old_lower_case_one_only_in_case(shop):
    _legacy_lower_case_card(shop, "张桂兰", "jf000009")            # above every upper-case code
    added = residents.add_resident(shop, name="赵六", house_no="9组9号")
    assert added.card_code == "JF000010"
