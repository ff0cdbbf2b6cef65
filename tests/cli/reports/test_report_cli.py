"""`kiosk report NAME --period P --format pdf|csv|xlsx --out FILE` as a manager types it."""

from __future__ import annotations

import io
import sqlite3
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import fingerprint

TODAY = date.today()
MONTH = TODAY.strftime("%Y-%m")


@pytest.fixture
def books(kiosk, village, tmp_path):
    """环境清扫 (5 points, a rule every new village has) twice for 王小明, one 香皂, a volunteer."""
    assert kiosk("award", "王小明", "hjqs", "--qty", "1", *village).code == 0
    assert kiosk("award", "王小明", "hjqs", *village).code == 0
    assert kiosk("redeem", "王小明", "香皂x1", *village).code == 0
    assert kiosk("operator", "add", "张晓燕", "--role", "volunteer", "--new-pin", "4826", *village).code == 0
    return village


def _db(tmp_path) -> sqlite3.Connection:
    return sqlite3.connect(tmp_path / "cli.sqlite")


def test_monthly_report_in_every_format(kiosk, books, tmp_path):
    owed = _db(tmp_path).execute("SELECT SUM(hundredths) FROM entry").fetchone()[0]
    for kind in ("pdf", "csv", "xlsx"):
        out = tmp_path / f"月报.{kind}"
        result = kiosk("--json", "report", "monthly", "--period", MONTH, "--format", kind, "--out", str(out),
                       *books)
        assert result.code == 0, result.err
        info = result.json()
        assert info["report"] == "monthly" and info["period"] == MONTH and info["format"] == kind
        facts = {f["label"]: f["value"] for f in info["facts"]}
        assert facts["期末结余（村民未用的积分）"] == f"{owed / 100:g}" == "4.5"
        data = out.read_bytes()
        if kind == "pdf":
            text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
            assert "月度汇总" in text and "4.5" in text and "环境卫生" in text
        elif kind == "csv":
            assert data.startswith(b"\xef\xbb\xbf") and "环境卫生".encode() in data
        else:
            assert load_workbook(out)["加分（按类别）"]["C3"].value == 10


def test_format_from_the_file_name_and_text_on_screen(kiosk, books, tmp_path):
    assert kiosk("report", "stock", "--out", str(tmp_path / "库存.xlsx"), *books).code == 0
    assert (tmp_path / "库存.xlsx").exists()
    shown = kiosk("report", "statement", "--resident", "王小明", *books)
    assert shown.code == 0 and "积分对账单" in shown.out and "兑换 香皂" in shown.out
    shown = kiosk("report", "ranking", "--period", "year", *books)
    assert "3组12号" in shown.out and "王**" in shown.out


BAD = [
    (("report", "weekly"), "没有叫“weekly”的报表"),
    (("report", "monthly", "--period", f"{TODAY.year + 1}-01"), "还没到"),
    (("report", "daily", "--period", "明天"), "看不懂"),
    (("report", "roster", "--period", MONTH), "请写成"),
    (("report", "statement", "--resident", "赵无此人"), "找不到村民“赵无此人”"),
    (("report", "statement", "--household", "9组99号"), "9组99号"),
    (("report", "statement"), "对账单要说明是谁的"),
    (("report", "monthly", "--out", "x.docx"), "不能存成"),
]


def test_bad_input_is_refused_plainly(kiosk, books, tmp_path):
    before = fingerprint(_Db(tmp_path))
    for args, words in BAD:
        result = kiosk(*args, *books)
        assert result.code == 1 and words in result.err, (args, result.err)
        assert fingerprint(_Db(tmp_path)) == before, args
    assert not list(tmp_path.glob("x.*"))


def test_a_volunteer_cannot_make_reports(kiosk, books, tmp_path):
    result = kiosk("report", "monthly", "--out", str(tmp_path / "m.pdf"), "--operator", "张晓燕", "--pin", "4826")
    assert result.code == 1 and "不能查看报表" in result.err
    assert not (tmp_path / "m.pdf").exists()


def test_format_without_a_file_is_a_usage_error(kiosk, books):
    assert kiosk("report", "monthly", "--format", "pdf", *books).code == 2


class _Db:
    """Enough of kiosk.store.db.Database for `fingerprint`."""

    def __init__(self, folder) -> None:
        self.conn = sqlite3.connect(folder / "cli.sqlite")

    def all(self, sql, params=()):
        return self.conn.execute(sql, params).fetchall()
