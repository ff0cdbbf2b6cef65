"""kiosk stock delivery|writeoff|count|low|moves as typed; refusals leave the books as they were.

The `village` fixture has 东北大米 5kg (6901382002504) ×10 and 香皂 ×10.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest

from kiosk.store.migrations import open_read_only
from tests.cli.conftest import SUPPLIER
from tests.conftest import fingerprint

RICE = "6901382002504"


def books() -> str:
    db = open_read_only(os.environ["KIOSK_DB"])
    try:
        return fingerprint(db)
    finally:
        db.close()


def on_hand(kiosk) -> dict[str, int]:
    return {p["product"]: p["stock"] for p in kiosk("--json", "product", "list").json()["products"]}


def refused(kiosk, *args: str) -> str:
    """Run a command that must be refused: exit 1, the reason on stderr, nothing changed."""
    before = books()
    result = kiosk(*args)
    assert result.code == 1, result.out
    assert books() == before
    return result.err.strip()


def test_a_delivery_from_a_file_and_typed_lines_with_its_note(kiosk, village, tmp_path):
    sheet = tmp_path / "送货单.csv"
    sheet.write_text("条码,数量\n6901382002504,20\n", encoding="utf-8")
    pdf = tmp_path / "入库单.pdf"
    result = kiosk("--json", "stock", "delivery", str(sheet), "--line", "香皂:12", "--source", SUPPLIER,
                   "--note-no", "XS-0001", "--date", "2026-01-05", "--pdf", str(pdf), *village)
    assert result.code == 0, result.err
    data = result.json()
    assert data["delivery"].startswith("RK") and data["total"] == 32
    assert (data["source"], data["supplier"], data["note_no"], data["date"]) == \
        ("乡镇配送", SUPPLIER, "XS-0001", "2026-01-05")
    assert [(ln["product"], ln["qty"]) for ln in data["lines"]] == [("东北大米 5kg", 20), ("香皂", 12)]
    assert pdf.read_bytes().startswith(b"%PDF") and data["pdf"] == str(pdf)
    assert on_hand(kiosk) == {"东北大米 5kg": 30, "香皂": 22}


def test_a_delivery_in_plain_words(kiosk, village):
    assert kiosk("supplier", "add", "王大爷", "--kind", "donor", "--contact", "3组", *village).code == 0
    result = kiosk("stock", "delivery", "--line", "香皂：3", "--source", "王大爷", *village)
    assert result.code == 0
    assert "已入库：入库单 RK" in result.out and "王大爷" in result.out and "共 1 项 3 件" in result.out


@pytest.mark.parametrize(("line", "words"), [
    ("香皂:0", "第 2 行（香皂）：数量“0”不对"), ("香皂:-4", "第 2 行（香皂）：数量“-4”不对"),
    ("肥皂:3", "第 2 行：找不到商品“肥皂”"), ("香皂", "第 2 行（香皂）：数量“”不对"),
])
def test_a_bad_line_refuses_the_whole_delivery(kiosk, village, line, words):
    err = refused(kiosk, "stock", "delivery", "--line", f"{RICE}:5", "--line", line,
                  "--source", SUPPLIER, *village)
    assert err.startswith(words) and err.endswith("整张入库单都没有入库。")


def test_a_delivery_dated_tomorrow_is_refused(kiosk, village):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    err = refused(kiosk, "stock", "delivery", "--line", f"{RICE}:5", "--source", SUPPLIER,
                  "--date", tomorrow, *village)
    assert err == f"日期 {tomorrow} 还没到。"


def test_a_receipt_of_nothing_or_less_is_refused(kiosk, village):
    assert refused(kiosk, "stock", "receive", RICE, "0", "--source", SUPPLIER, *village) \
        == "第 1 行（东北大米 5kg）：数量“0”不对，要写 1 到 100000 的整数。整张入库单都没有入库。"
    assert "数量“-2”不对" in refused(kiosk, "stock", "receive", RICE, "-2", "--source", SUPPLIER, *village)


def test_the_same_delivery_note_twice_is_refused(kiosk, village):
    args = ("stock", "delivery", "--line", f"{RICE}:5", "--source", SUPPLIER, "--note-no", "XS-7", *village)
    assert kiosk(*args).code == 0
    assert "同一张送货单不能入两次" in refused(kiosk, *args)


def test_a_writeoff_and_one_of_more_than_is_on_hand(kiosk, village):
    result = kiosk("--json", "stock", "writeoff", "香皂", "2", "--why", "expired", "--reason", "过期", *village)
    assert result.code == 0 and (result.json()["stock_before"], result.json()["stock_after"]) == (10, 8)
    err = refused(kiosk, "stock", "writeoff", "香皂", "9", "--why", "lost", "--reason", "丢了", *village)
    assert err == "“香皂”只有 8件，不能报损 9件。请核对数量。"
    assert "损坏、过期或丢失" in refused(kiosk, "stock", "writeoff", "香皂", "1", "--why", "eaten",
                                    "--reason", "老鼠", *village)


def test_a_whole_stocktake_from_the_command_line(kiosk, village, tmp_path):
    started = kiosk("--json", "stock", "count", "start", *village)
    assert started.code == 0 and started.json()["products"] == 2
    sheet = tmp_path / "盘点表.pdf"
    assert kiosk("stock", "count", "sheet", "--pdf", str(sheet)).code == 0
    assert sheet.read_bytes().startswith(b"%PDF")
    entered = kiosk("--json", "stock", "count", "enter", "香皂", "8", *village).json()
    assert (entered["counted"], entered["on_hand_at_count"], entered["difference"]) == (8, 10, -2)
    assert kiosk("stock", "count", "enter", RICE, "10", *village).code == 0
    shown = kiosk("stock", "count", "show", "--all")
    assert "已盘 2 种，有差异 1 种" in shown.out and "-2" in shown.out
    posted = kiosk("--json", "stock", "count", "post", "--reason", "月底盘点", *village).json()
    assert posted["counted"] == 2 and posted["changes"] == [
        {"product": "香皂", "code": posted["changes"][0]["code"], "stock_before": 10, "stock_after": 8}]
    assert on_hand(kiosk) == {"东北大米 5kg": 10, "香皂": 8}
    assert kiosk("check").code == 0


def test_stocktake_refusals(kiosk, village):
    assert refused(kiosk, "stock", "count", "post", *village) == "现在没有进行中的盘点。请先点“开始盘点”。"
    assert kiosk("stock", "count", "start", *village).code == 0
    assert refused(kiosk, "stock", "count", "start", *village).startswith("已经有一次盘点在进行")
    assert kiosk("stock", "count", "enter", "香皂", "9", *village).code == 0
    err = refused(kiosk, "stock", "count", "enter", "香皂", "7", *village)
    assert err.startswith("“香皂”已经录过数了（9件") and "重新清点" in err
    assert kiosk("stock", "count", "enter", "香皂", "7", "--recount", *village).code == 0
    assert "正在盘点" in refused(kiosk, "stock", "take", "香皂", "5", *village)
    assert kiosk("stock", "count", "cancel", *village).code == 0
    assert on_hand(kiosk)["香皂"] == 10


def test_low_stock_and_the_movement_list(kiosk, village):
    m = village
    assert kiosk("product", "add", "酱油", "--price", "8", "--reorder-level", "3", *m).code == 0
    low = kiosk("--json", "stock", "low").json()["low"]
    assert [(i["product"], i["stock"], i["reorder_level"]) for i in low] == [("酱油", 0, 3)]
    assert "酱油" in kiosk("stock", "low").out
    kiosk("stock", "writeoff", "香皂", "1", "--why", "damaged", "--reason", "摔碎", *m)
    moves = kiosk("--json", "stock", "moves", "--product", "香皂").json()["moves"]
    assert [(mv["kind"], mv["qty"], mv["why"]) for mv in moves] == [("receive", 10, ""), ("damage", -1, "damaged")]
    text = kiosk("stock", "moves", "--since", date.today().isoformat()).out
    assert "损耗" in text and "损坏 摔碎" in text and "入库" in text


def test_suppliers_are_added_listed_and_edited(kiosk, village):
    assert kiosk("supplier", "add", "惠民超市", "--kind", "采购", "--contact", "李老板 139", *village).code == 0
    listed = kiosk("--json", "supplier", "list").json()["suppliers"]
    assert [(s["supplier"], s["kind"]) for s in listed] == [(SUPPLIER, "乡镇配送"), ("惠民超市", "采购")]
    assert "已经有叫“惠民超市”的供货方了" in refused(kiosk, "supplier", "add", "惠民超市", "--kind", "采购",
                                              *village)
    assert "供货方类别“朋友”不认识" in refused(kiosk, "supplier", "add", "老张", "--kind", "朋友", *village)
    edited = kiosk("--json", "supplier", "edit", "惠民超市", "--contact", "李老板 138", *village)
    assert edited.code == 0 and edited.json()["contact"] == "李老板 138"
    assert kiosk("supplier", "edit", "惠民超市", "--retire", *village).code == 0
    assert "惠民超市" not in kiosk("supplier", "list").out


def test_receiving_names_a_known_supplier(kiosk, village):
    assert kiosk("stock", "receive", RICE, "5", *village).code == 2          # --source is required
    err = refused(kiosk, "stock", "receive", RICE, "5", "--source", "乡镇配送", *village)
    assert err == (f"没有叫“乡镇配送”的供货方（最接近的是“{SUPPLIER}”）。已登记的：{SUPPLIER}。"
                   "新的供货方请先用 kiosk supplier add 添加。")


def test_a_purchase_keeps_its_cost_in_yuan(kiosk, village):
    assert kiosk("supplier", "add", "惠民超市", "--kind", "采购", *village).code == 0
    err = refused(kiosk, "stock", "receive", RICE, "5", "--source", "惠民超市", *village)
    assert err == "第 1 行“东北大米 5kg”：从“惠民超市”采购的货要填进价（每件多少元）。整张入库单都没有入库。"
    assert "最多精确到分" in refused(kiosk, "stock", "receive", RICE, "5", "--source", "惠民超市",
                                  "--cost", "31.005", *village)
    done = kiosk("--json", "stock", "delivery", "--line", f"{RICE}:5:31.5", "--line", "香皂:10:2",
                 "--source", "惠民超市", "--note-no", "HM-88", *village)
    assert done.code == 0, done.err
    data = done.json()
    assert data["value"] == "177.50" and [ln["unit_cost"] for ln in data["lines"]] == ["31.50", "2.00"]
    assert on_hand(kiosk) == {"东北大米 5kg": 15, "香皂": 20}


def test_a_donation_notice_and_thank_you_slip(kiosk, village, tmp_path):
    assert kiosk("supplier", "add", "王大爷", "--kind", "爱心捐赠", *village).code == 0
    gift = kiosk("--json", "stock", "delivery", "--line", "香皂:20:3", "--source", "王大爷", *village).json()
    done = kiosk("stock", "donation", gift["delivery"], "--pdf", str(tmp_path / "公示.pdf"),
                 "--escpos", str(tmp_path / "感谢.bin"))
    assert done.code == 0 and "王大爷 捐赠 1 项 20 件" in done.out
    assert (tmp_path / "公示.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "感谢.bin").stat().st_size > 100


def test_the_low_list_as_a_shopping_list(kiosk, village, tmp_path):
    assert kiosk("product", "edit", RICE, "--reorder-level", "20", *village).code == 0
    result = kiosk("stock", "low", "--shopping", "--out", str(tmp_path / "采购.csv"))
    assert result.code == 0, result.err
    assert SUPPLIER in result.out and "建议 11袋" in result.out
    text = (tmp_path / "采购.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[1].startswith(f"{SUPPLIER},{RICE},东北大米 5kg")
