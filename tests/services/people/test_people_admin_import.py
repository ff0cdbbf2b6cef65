"""The village's list of residents in from Excel or CSV (preview, mapping, row errors) and out again."""

from __future__ import annotations

import csv

import pytest
from openpyxl import Workbook, load_workbook

from kiosk.core.errors import Refused
from kiosk.services.people import households, resident_import, residents
from kiosk.services.setup import create as setup
from kiosk.services.audit.check import run_check
from tests.conftest import MANAGER_PIN, fingerprint
from tests.services._support import assert_english, refuse

HEADER = ["户主", "姓名", "门牌号", "与户主关系", "身份证后四位", "电话"]
GOOD = [["赵德明", "赵德明", "2组5号", "户主", "1234", "13812345678"],
        ["赵德明", "钱玉兰", "2组5号", "配偶", "567X", ""],
        ["孙大勇", "孙小丽", "2组6号", "女儿", "", ""],
        ["孙大勇", "孙大勇", "2组6号", "", "0021", "0531-1234567"]]


def xlsx(path, rows, title: str | None = "青石村村民花名册", header=HEADER):
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def errors(plan) -> dict[int, str]:
    return {r.number: r.error for r in plan.errors}


def test_preview_writes_nothing_then_the_import_writes_it_all(shop, tmp_path):
    path = xlsx(tmp_path / "名册.xlsx", GOOD)
    before = fingerprint(shop.db)
    plan = resident_import.plan(shop, path)
    assert fingerprint(shop.db) == before
    assert plan.ok and [r.number for r in plan.rows] == [3, 4, 5, 6]
    assert plan.new_households == ("2组5号", "2组6号")
    assert plan.field_of_column(0) == "head" and plan.field_of_column(2) == "house_no"
    done = resident_import.import_residents(shop, path)
    assert (done.residents, done.households) == (4, 2)
    heads = {h.house_no: (h.head, h.members) for h in households.listing(shop, "2组")}
    assert heads == {"2组5号": ("赵德明", 2), "2组6号": ("孙大勇", 2)}
    sun = residents.resolve(shop, "孙大勇")
    assert (sun.relation, sun.id_last4, sun.phone) == ("户主", "0021", "0531-1234567")
    assert residents.resolve(shop, "钱玉兰").id_last4 == "567X"
    assert run_check(shop.db).ok


def test_headers_mapped_by_hand(shop, tmp_path):
    path = xlsx(tmp_path / "list.xlsx", [["2组5号", "赵德明", "无"]], header=["家庭住址", "名字", "备注"])
    with pytest.raises(Refused) as refused:
        resident_import.plan(shop, path)
    assert refused.value.code == "csv_columns" and "门牌号" in refused.value.message("zh")
    plan = resident_import.plan(shop, path, ["家庭住址=门牌号", "备注=-"])
    assert plan.ok and plan.mapping.by_hand == {"house_no"} and plan.rows[0].values["name"] == "赵德明"
    assert resident_import.import_residents(shop, path, {"家庭住址": "house_no"}).residents == 1
    exc = refuse(shop.db, "import_map_no_column", resident_import.plan, shop, path, ["地址=门牌号"])
    assert "家庭住址" in exc.message("zh")
    refuse(shop.db, "import_map_no_field", resident_import.plan, shop, path, ["家庭住址=生日"])
    refuse(shop.db, "import_map_bad", resident_import.plan, shop, path, ["家庭住址"])


def test_row_errors_name_each_row_and_nothing_is_written(shop, tmp_path):
    rows = GOOD + [["", "周强", "", "", "", ""],                    # 7: no house number
                   ["", "吴芳", "3组1号", "", "12345", ""],         # 8: id last four too long
                   ["赵德明", "钱玉兰", "2组5号", "配偶", "", ""],   # 9: the same person twice
                   ["", "王小明", "3组12号", "", "", ""],           # 10: already registered
                   ["", "郑好", "3组2号", "", "", "电话坏了"]]       # 11: bad phone
    path = xlsx(tmp_path / "名册.xlsx", rows)
    plan = resident_import.plan(shop, path)
    found = errors(plan)
    assert set(found) == {7, 8, 9, 10, 11}
    assert "门牌号" in found[7] and "身份证后四位" in found[8] and "第 4 行" in found[9]
    assert "JF000001" in found[10] and "电话" in found[11]
    exc = refuse(shop.db, "csv_rows", resident_import.import_residents, shop, path)
    assert "5 行出错" in exc.message("zh") and "第 8 行" in exc.message("zh")
    assert_english(exc)


def test_heads_must_be_clear(shop, tmp_path):
    rows = [["", "甲", "6组1号", "户主", "", ""], ["", "乙", "6组1号", "户主", "", ""],
            ["", "丙", "3组12号", "户主", "", ""], ["丁", "戊", "6组2号", "", "", ""],
            ["己", "己", "6组3号", "", "", ""], ["庚", "辛", "6组3号", "", "", ""]]
    found = errors(resident_import.plan(shop, xlsx(tmp_path / "h.xlsx", rows)))
    assert "两个户主" in found[4] and "王小明" in found[5] and "不在" in found[6] and "统一" in found[8]


def test_not_an_excel_file(shop, tmp_path):
    path = tmp_path / "名册.xlsx"
    path.write_text("这不是表格", encoding="utf-8")
    exc = refuse(shop.db, "import_not_xlsx", resident_import.plan, shop, path)
    assert "不是 Excel" in exc.message("zh")
    zipped = tmp_path / "坏的.xlsx"
    zipped.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    refuse(shop.db, "import_not_xlsx", resident_import.import_residents, shop, zipped)


def test_merged_header_cells(shop, tmp_path):
    path = xlsx(tmp_path / "m.xlsx", GOOD, title=None)
    book = load_workbook(path)
    book.active.merge_cells("A1:B1")
    book.save(path)
    exc = refuse(shop.db, "import_merged_header", resident_import.plan, shop, path)
    assert "合并" in exc.message("zh")


def test_formulas_and_merged_cells_in_rows_are_row_errors(shop, tmp_path):
    path = xlsx(tmp_path / "f.xlsx", GOOD, title=None)
    book = load_workbook(path)
    book.active["E3"] = "=1000+234"
    book.active.merge_cells("C4:C5")
    book.save(path)
    found = errors(resident_import.plan(shop, path))
    assert "公式" in found[3] and "合并" in found[4] and "合并" in found[5]
    refuse(shop.db, "csv_rows", resident_import.import_residents, shop, path)


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(shop, tmp_path):
    path = xlsx(tmp_path / "b.xlsx", [GOOD[0], [None] * 6, [""] * 6, GOOD[1]])
    plan = resident_import.plan(shop, path)
    assert plan.ok and [r.number for r in plan.rows] == [3, 6]


def test_twenty_thousand_rows_are_refused_plainly(shop, tmp_path):
    rows = [["", f"村民{n}", f"{n // 4}号", "", "", ""] for n in range(20000)]
    path = xlsx(tmp_path / "big.xlsx", rows)
    exc = refuse(shop.db, "import_too_many_rows", resident_import.plan, shop, path)
    assert "10000" in exc.message("zh")


def test_a_csv_in_gbk(shop, tmp_path):
    path = tmp_path / "名册.csv"
    with path.open("w", encoding="gb18030", newline="") as handle:
        csv.writer(handle).writerows([HEADER] + GOOD)
    assert resident_import.import_residents(shop, path).residents == 4


def test_export_then_import_into_a_new_village(shop, tmp_path, clock):
    resident_import.import_residents(shop, xlsx(tmp_path / "in.xlsx", GOOD))
    saved, count = resident_import.export_residents(shop, tmp_path / "out.xlsx")
    assert count == 8
    text, csv_count = resident_import.export_residents(shop, tmp_path / "out.csv")
    raw = text.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "门牌号,户主,姓名".encode() in raw and csv_count == 8
    db = setup.create_database(tmp_path / "other.sqlite")
    other = setup.init_village(db, village="南山村", manager="李华", pin=MANAGER_PIN, clock=clock)
    assert resident_import.import_residents(other, saved).residents == 8
    assert {(h.house_no, h.head, h.members) for h in households.listing(other)} == {
        (h.house_no, h.head, h.members) for h in households.listing(shop)}
    again = resident_import.plan(shop, saved)
    assert len(again.errors) == 8 and "已经登记" in again.errors[0].error


def test_an_export_can_include_those_who_left(shop, tmp_path):
    from kiosk.services.people import resident_changes

    resident_changes.leave(shop, "JF000004", "moved")
    _, count = resident_import.export_residents(shop, tmp_path / "now.xlsx")
    path, everyone = resident_import.export_residents(shop, tmp_path / "all.xlsx", include_left=True)
    assert (count, everyone) == (3, 4)
    values = [row for row in load_workbook(path).active.iter_rows(values_only=True)]
    assert values[0][-1] == "状态" and ("1组8号", None, "张桂兰") == values[1][:3] and "已迁出" in values[1]
