"""kiosk product list|show|add|edit|retire|import|export|picture, as a manager types them."""

from __future__ import annotations

from openpyxl import Workbook
from PIL import Image

from kiosk.store.migrations import open_database
from tests.conftest import fingerprint

RICE = "6901382002504"       # 东北大米 5kg in the `village` fixture, 50 points
NEW = "6902088005073"


def _fingerprint(tmp_path) -> str:
    db = open_database(tmp_path / "cli.sqlite")
    try:
        return fingerprint(db)
    finally:
        db.close()


def test_add_show_edit_and_list(kiosk, village):
    added = kiosk("--json", "product", "add", "洗衣液 2kg", "--price", "20", "--barcode", NEW,
                  "--category", "洗护用品", "--unit", "桶", "--extra-barcode", "6948195005797", *village)
    assert added.code == 0, added.err
    assert added.json()["barcodes"] == [NEW, "6948195005797"] and added.json()["pinyin"] == "xyy2kg"
    edited = kiosk("product", "edit", NEW, "--price", "22", "--reorder-level", "4", *village)
    assert edited.code == 0 and "改了价格、预警数量" in edited.out
    shown = kiosk("--json", "product", "show", "xyy2kg").json()
    assert shown["price"] == "22" and shown["reorder_level"] == 4
    assert shown["prices"][0]["old"] == "20" and shown["prices"][0]["new"] == "22"
    text = kiosk("product", "show", NEW).out
    assert "20 → 22 分  刘建军" in text and "其他条码 6948195005797" in text
    found = kiosk("--json", "product", "list", "--find", "xyy").json()["products"]
    assert [p["product"] for p in found] == ["洗衣液 2kg"]
    assert kiosk("product", "edit", NEW, "--price", "22", *village).out.strip() == "洗衣液 2kg 没有改动"


def test_extra_barcodes_by_command(kiosk, village, tmp_path):
    assert kiosk("product", "edit", RICE, "--add-barcode", NEW, *village).code == 0
    assert kiosk("--json", "product", "show", NEW).json()["code"] == RICE
    before = _fingerprint(tmp_path)
    wrong = kiosk("product", "edit", RICE, "--remove-barcode", RICE, *village)
    assert wrong.code == 1 and "不是“东北大米 5kg”的其他条码" in wrong.err
    assert _fingerprint(tmp_path) == before
    assert kiosk("product", "edit", RICE, "--remove-barcode", NEW, *village).code == 0
    assert kiosk("product", "show", NEW).code == 1


def test_retire_takes_a_product_off_the_list_and_undo_brings_it_back(kiosk, village):
    retired = kiosk("product", "retire", "香皂", *village)
    assert retired.code == 0 and "已下架 香皂" in retired.out
    assert "香皂" not in kiosk("product", "list").out
    assert "已下架" in kiosk("product", "list", "--all").out
    assert kiosk("product", "retire", "香皂", "--undo", *village).code == 0
    assert "香皂" in kiosk("product", "list").out


def test_picture_from_a_file(kiosk, village, tmp_path):
    path = tmp_path / "大米.jpg"
    Image.new("RGB", (1200, 900), "#e8d7a9").save(path)
    result = kiosk("--json", "product", "picture", RICE, str(path), *village)
    assert result.code == 0 and (result.json()["width"], result.json()["height"]) == (512, 384)
    assert kiosk("--json", "product", "show", RICE).json()["picture"] is True
    assert kiosk("product", "picture", RICE, "--remove", *village).code == 0
    assert kiosk("--json", "product", "show", RICE).json()["picture"] is False


def test_a_picture_that_is_not_an_image(kiosk, village, tmp_path):
    path = tmp_path / "notes.png"
    path.write_text("not a picture", encoding="utf-8")
    before = _fingerprint(tmp_path)
    result = kiosk("product", "picture", RICE, str(path), *village)
    assert result.code == 1 and "不是图片" in result.err
    assert _fingerprint(tmp_path) == before


def test_bad_prices_and_barcodes_by_command(kiosk, village, tmp_path):
    before = _fingerprint(tmp_path)
    for args, words in [(("add", "肥皂", "--price", "-3"), "必须大于 0"),
                        (("add", "肥皂", "--price", "0"), "必须大于 0"),
                        (("add", "肥皂", "--price", "999999"), "太高"),
                        (("add", "肥皂", "--price", "3", "--barcode", "6902088005074"), "校验位"),
                        (("add", "肥皂", "--price", "3", "--barcode", RICE), "已属于商品“东北大米 5kg”"),
                        (("edit", RICE, "--price", "-1"), "必须大于 0")]:
        result = kiosk("product", *args, *village)
        assert result.code == 1 and words in result.err, (args, result.err)
    assert _fingerprint(tmp_path) == before


def test_a_township_item_cannot_be_edited_here(kiosk, village, tmp_path):
    db = open_database(tmp_path / "cli.sqlite")
    db.execute("UPDATE product SET owner = 'township' WHERE code = ?", (RICE,))
    db.close()
    before = _fingerprint(tmp_path)
    for args in (("edit", RICE, "--price", "45"), ("retire", RICE)):
        result = kiosk("product", *args, *village)
        assert result.code == 1 and "乡镇统一的商品" in result.err
    assert _fingerprint(tmp_path) == before


def _goods_xlsx(path, rows) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["名称", "积分", "条码", "单位"])
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_import_preview_then_import(kiosk, village, tmp_path):
    path = tmp_path / "goods.xlsx"
    _goods_xlsx(path, [["洗衣液 2kg", 20, NEW, "桶"], ["玉米油 5L", 85, "6948195005797", "桶"]])
    before = _fingerprint(tmp_path)
    preview = kiosk("--json", "product", "import", str(path), "--preview", *village)
    assert preview.code == 0 and preview.json()["ok"] is True and len(preview.json()["rows"]) == 2
    assert _fingerprint(tmp_path) == before
    done = kiosk("product", "import", str(path), *village)
    assert done.code == 0 and "已导入：新增 2 种，修改 0 种，不变 0 种" in done.out
    assert kiosk("product", "show", "6948195005797").code == 0


def test_an_import_with_errors_writes_nothing(kiosk, village, tmp_path):
    path = tmp_path / "goods.xlsx"
    _goods_xlsx(path, [["洗衣液 2kg", 20, NEW, "桶"], ["玉米油 5L", "=B2*4", "6948195005797", "桶"],
                       ["肥皂", 3, NEW, "块"]])
    before = _fingerprint(tmp_path)
    preview = kiosk("product", "import", str(path), "--preview", *village)
    assert preview.code == 1 and "第 3 行" in preview.out and "公式" in preview.out
    assert "和第 2 行的重复" in preview.out
    result = kiosk("product", "import", str(path), *village)
    assert result.code == 1 and "第 3 行" in result.err and "第 4 行" in result.err
    assert _fingerprint(tmp_path) == before


def test_export_to_excel_and_csv(kiosk, village, tmp_path):
    for name in ("out.xlsx", "out.csv"):
        result = kiosk("--json", "product", "export", str(tmp_path / name))
        assert result.code == 0 and result.json()["exported"] == 2
    assert "东北大米 5kg" in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    wrong = kiosk("product", "export", str(tmp_path / "out.pdf"))
    assert wrong.code == 1 and ".xlsx 或 .csv" in wrong.err


def test_export_change_a_price_import(kiosk, village, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "x.xlsx"
    assert kiosk("product", "export", str(path)).code == 0
    book = load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    first = sheet[2]
    code, old = first[0].value, first[header.index("积分")].value
    first[header.index("积分")].value = 77
    book.save(path)
    preview = kiosk("product", "import", str(path), "--preview", *village)
    assert preview.code == 0 and f"✎ 修改：价格 {old} → 77" in preview.out
    assert "修改 1 种" in preview.out
    done = kiosk("--json", "product", "import", str(path), *village)
    assert done.code == 0 and done.json()["updated"] == 1
    shown = kiosk("product", "show", code)
    assert f"{old} → 77 分" in shown.out and "价格 77 分" in shown.out
