"""Databases and files that are not what they should be: clear words, nothing written."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from tests.conftest import fingerprint


def _fingerprint(path) -> str:
    from kiosk.store.migrations import open_database

    db = open_database(path)
    try:
        return fingerprint(db)
    finally:
        db.close()


def test_database_locked_by_another_process(kiosk, village, tmp_path):
    path = tmp_path / "cli.sqlite"
    before = _fingerprint(path)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
         "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); sys.stdin.read()",
         str(path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = kiosk("award", "JF000001", "hjqs", *village)
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    assert result.code == 1
    assert "另一个程序" in result.err
    assert _fingerprint(path) == before


def test_a_file_that_is_not_a_kiosk_database(kiosk, tmp_path):
    for name, content in [("notes.txt", b"\xe6\x9d\x91\xe6\xb0\x91\xe5\x90\x8d\xe5\x8d\x95\n" * 50),
                          ("random.bin", bytes(range(256)) * 64)]:
        path = tmp_path / name
        path.write_bytes(content)
        result = kiosk("--db", str(path), "balance", "JF000001")
        assert result.code == 1 and "不是积分超市的数据库" in result.err
        assert path.read_bytes() == content


def test_another_programs_sqlite_file_is_left_untouched(kiosk, tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    content = path.read_bytes()
    result = kiosk("--db", str(path), "check")
    assert result.code == 1 and "不是积分超市的数据库" in result.err
    assert path.read_bytes() == content


def test_a_database_from_a_newer_program(kiosk, village, tmp_path):
    path = tmp_path / "cli.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    result = kiosk("balance", "JF000001")
    assert result.code == 1 and "更新版本" in result.err and "999" in result.err
    assert path.read_bytes() == before


def test_missing_database_says_how_to_start(kiosk, tmp_path):
    result = kiosk("--db", str(tmp_path / "nowhere.sqlite"), "balance", "wxm")
    assert result.code == 1 and "kiosk init" in result.err


def _write_csv(path, text: str, encoding: str) -> None:
    path.write_bytes(text.encode(encoding))


RESIDENTS_CSV = "姓名,门牌号,与户主关系,身份证后四位\n张桂兰,1组8号,户主,123X\n李德胜,1组8号,配偶,\n赵凤英,2组3号,户主,0456\n"


def test_resident_import_in_gbk_and_utf8(kiosk, village, tmp_path):
    gbk, utf8 = tmp_path / "gbk.csv", tmp_path / "utf8.csv"
    _write_csv(gbk, RESIDENTS_CSV, "gbk")
    _write_csv(utf8, RESIDENTS_CSV.replace("张桂兰", "孙桂兰").replace("李德胜", "周德胜")
               .replace("赵凤英", "吴凤英").replace("1组8号", "4组1号").replace("2组3号", "4组2号"),
               "utf-8-sig")
    assert kiosk("resident", "import", str(gbk), *village).code == 0
    assert kiosk("resident", "import", str(utf8), *village).code == 0
    shown = kiosk("--json", "household", "show", "张桂兰").json()
    assert [m["resident"] for m in shown["members"]] == ["张桂兰", "李德胜"]
    assert kiosk("--json", "balance", "吴凤英").json()["household"] == "4组2号"


def test_an_import_with_bad_rows_writes_nothing_and_names_every_row(kiosk, village, tmp_path):
    path = tmp_path / "bad.csv"
    _write_csv(path, "姓名,门牌号,身份证后四位\n张桂兰,1组8号,12345\n,1组9号,\n李德胜,,\n赵凤英,2组3号,\n", "utf-8")
    before = _fingerprint(tmp_path / "cli.sqlite")
    result = kiosk("resident", "import", str(path), *village)
    assert result.code == 1
    assert "第 2 行" in result.err and "第 3 行" in result.err and "第 4 行" in result.err
    assert "第 5 行" not in result.err
    assert _fingerprint(tmp_path / "cli.sqlite") == before


def test_the_same_resident_card_twice_in_one_import_is_refused(kiosk, village, tmp_path):
    path = tmp_path / "twice.csv"
    _write_csv(path, "姓名,门牌号,卡号\n张桂兰,1组8号,JF100001\n张桂兰,1组8号,JF100001\n", "utf-8")
    result = kiosk("resident", "import", str(path), *village)
    assert result.code == 1 and "第 3 行" in result.err and "重复" in result.err


def test_product_import_refuses_a_barcode_twice_in_one_file(kiosk, village, tmp_path):
    """A barcode already in the shop updates its product (import as update); the same new
    barcode on two rows of one file is refused, and nothing is imported."""
    path = tmp_path / "goods.csv"
    _write_csv(path, "名称,积分,条码,分类,单位\n洗衣液 2kg,20,6902088005073,粮油副食,桶\n"
                     "洗衣液 3kg,25,6902088005073,粮油副食,桶\n", "gbk")
    result = kiosk("product", "import", str(path), *village)
    assert result.code == 1 and "第 3 行" in result.err, result.err
    assert kiosk("product", "show", "6902088005073").code == 1


def test_a_csv_that_is_neither_utf8_nor_gbk(kiosk, village, tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes("姓名,门牌号\n张桂兰,1组8号\n".encode("utf-16"))
    result = kiosk("resident", "import", str(path), *village)
    assert result.code == 1 and "编码" in result.err
