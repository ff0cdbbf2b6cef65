"""The village committee's people commands, as a manager types them."""

from __future__ import annotations

from openpyxl import Workbook

from kiosk.services.setup import create as setup
from kiosk.services.audit.check import run_check
from tests.cli.conftest import SUPPLIER
from tests.conftest import fingerprint


def db_of(kiosk):
    import os

    return setup.open_shop(os.environ["KIOSK_DB"])


def unchanged(kiosk, *args):
    """Run a command that must be refused; the database must be as before."""
    db = db_of(kiosk)
    before = fingerprint(db)
    db.close()
    result = kiosk(*args)
    db = db_of(kiosk)
    try:
        assert fingerprint(db) == before
    finally:
        db.close()
    assert result.code == 1, result
    return result


def books_balance(kiosk) -> None:
    db = db_of(kiosk)
    try:
        assert run_check(db).ok
    finally:
        db.close()


def test_edit_move_split_merge_and_leave(kiosk, village):
    m = village
    assert kiosk("resident", "add", "李秀英", "--house", "3组12号", "--relation", "配偶", *m).code == 0
    assert kiosk("resident", "add", "王晓明", "--house", "5组1号", *m).code == 0
    done = kiosk("--json", "resident", "edit", "李秀英", "--phone", "13812345678", "--id-last4", "123x", *m)
    assert done.code == 0 and done.json()["id_last4"] == "123X"
    split = kiosk("--json", "household", "split", "3组12号", "--members", "李秀英", "--new-house", "3组13号", *m)
    assert split.code == 0 and split.json()["new_household"] == "3组13号"
    moved = kiosk("--json", "resident", "move", "王晓明", "--to", "3组13号", "--relation", "儿子", *m)
    assert moved.code == 0 and moved.json()["household"] == "3组13号"
    merged = kiosk("household", "merge", "3组13号", "--into", "3组12号", *m)
    assert merged.code == 0 and "并入 3组12号" in merged.out
    left = kiosk("resident", "leave", "王晓明", "--moved", *m)
    assert left.code == 0 and "已停用" in left.out
    assert kiosk("redeem", "王晓明", "香皂", *m).code == 1
    back = kiosk("resident", "return", "王晓明", *m)
    assert back.code == 0 and "恢复在册" in back.out
    books_balance(kiosk)


def test_bad_household_changes_are_refused_and_change_nothing(kiosk, village):
    m = village
    r = unchanged(kiosk, "household", "merge", "3组12号", "--into", "3组12号", *m)
    assert "它自己" in r.err
    r = unchanged(kiosk, "resident", "move", "王小明", "--to", "9组9号", *m)
    assert "找不到门牌号“9组9号”" in r.err
    r = unchanged(kiosk, "resident", "edit", "王小明", "--id-last4", "12345", *m)
    assert "身份证后四位" in r.err
    assert kiosk("resident", "leave", "王小明", *m).code == 2      # --moved or --deceased is required


def test_operators(kiosk, village):
    m = village
    assert kiosk("operator", "add", "张晓燕", "--role", "volunteer", "--new-pin", "4826", *m).code == 0
    assert kiosk("operator", "reset-pin", "张晓燕", "--new-pin", "1357", *m).code == 0
    assert kiosk("stock", "receive", "香皂", "1", "--source", SUPPLIER, "--operator", "张晓燕", "--pin", "1357").code == 0
    r = unchanged(kiosk, "operator", "deactivate", "刘建军", *m)
    assert "最后一位在用的管理员" in r.err
    assert kiosk("operator", "deactivate", "张晓燕", *m).code == 0
    listed = kiosk("--json", "operator", "list").json()["operators"]
    assert {o["name"]: o["active"] for o in listed} == {"刘建军": True, "张晓燕": False}
    refused = kiosk("stock", "receive", "香皂", "1", "--source", SUPPLIER, "--operator", "张晓燕", "--pin", "1357")
    assert refused.code == 1 and "已停用" in refused.err


def _sheet(path, rows):
    book = Workbook()
    book.active.append(["姓名", "门牌号", "与户主关系", "身份证后四位"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_import_preview_then_import_then_export(kiosk, village, tmp_path):
    m = village
    path = _sheet(tmp_path / "名册.xlsx", [["赵德明", "2组5号", "户主", "1234"], ["钱玉兰", "2组5号", "配偶", ""]])
    preview = kiosk("resident", "import", str(path), "--preview", *m)
    assert preview.code == 0 and "全部可以导入" in preview.out
    assert kiosk("--json", "household", "list").json()["households"][0]["household"] == "3组12号"
    done = kiosk("--json", "resident", "import", str(path), *m)
    assert done.code == 0 and done.json() == {"imported": 2, "households": 1}
    out = tmp_path / "导出.csv"
    exported = kiosk("resident", "export", str(out), *m)
    assert exported.code == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "赵德明" in out.read_text(encoding="utf-8-sig")


def test_an_import_with_errors_writes_nothing(kiosk, village, tmp_path):
    m = village
    path = _sheet(tmp_path / "bad.xlsx", [["赵德明", "2组5号", "户主", "12a4"], ["赵德明", "2组5号", "", ""],
                                          ["周强", "", "", ""]])
    preview = kiosk("--json", "resident", "import", str(path), "--preview", *m)
    assert preview.code == 0 and preview.json()["errors"] == 3
    r = unchanged(kiosk, "resident", "import", str(path), *m)
    assert "3 行出错" in r.err and "第 4 行" in r.err and "没有门牌号" in r.err
    other = tmp_path / "地址.xlsx"
    book = Workbook()
    book.active.append(["名字", "家庭住址"])
    book.active.append(["孙立", "2组7号"])
    book.save(other)
    assert "缺少这些列：门牌号" in unchanged(kiosk, "resident", "import", str(other), *m).err
    assert kiosk("resident", "import", str(other), "--map", "家庭住址=门牌号", *m).code == 0
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a spreadsheet")
    assert "不是 Excel" in unchanged(kiosk, "resident", "import", str(fake), *m).err


def test_expiry_and_grades(kiosk, village):
    m = village
    status = kiosk("expiry", "status")
    assert status.code == 0 and "长期有效" in status.out
    assert kiosk("--json", "expiry", "run", *m).json()["period"] is None
    done = kiosk("grade", "set", "五星=60", "四星=40", "三星=20", "二星", "--perk", "五星=节日礼包", *m)
    assert done.code == 0 and "五星 > 四星" in done.out
    listed = kiosk("--json", "grade", "list", "--households").json()
    assert listed["grades"][0] == {"grade": "五星", "minimum": "60", "perks": "节日礼包"}
    assert listed["households"] == [{"household": "3组12号", "head": "王小明", "score": "0", "grade": "二星"}]
    r = unchanged(kiosk, "grade", "set", "A=10", "B=20", "C", *m)
    assert "从高到低" in r.err
    r = unchanged(kiosk, "grade", "set", "A=10", "C", "--perk", "Z=礼包", *m)
    assert "不在等次表里" in r.err
