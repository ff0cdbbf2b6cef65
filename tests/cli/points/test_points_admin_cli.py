"""kiosk rule / award-activity / claim / notice / entry: points coming in, from the command line."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.services.setup import create as setup
from tests.conftest import fingerprint
from tests.services._points_admin import photo

VOLUNTEER = ("--operator", "张晓燕", "--pin", "4826")


@pytest.fixture
def books(tmp_path):
    """Read the village's books: a fingerprint, or a raw SQL write (what sync or a setting does)."""
    path = tmp_path / "cli.sqlite"

    class Books:
        def print(self) -> str:
            db = setup.open_shop(path)
            try:
                return fingerprint(db)
            finally:
                db.close()

        def sql(self, statement: str, params=()) -> list:
            with sqlite3.connect(path) as conn:
                return conn.execute(statement, params).fetchall()

        def balanced(self) -> None:
            assert self.sql("SELECT a.id, COALESCE(b.hundredths, 0) FROM account a LEFT JOIN balance b"
                            " ON b.account_id = a.id ORDER BY 1") == self.sql(
                "SELECT a.id, COALESCE(SUM(e.hundredths), 0) FROM account a LEFT JOIN entry e"
                " ON e.account_id = a.id GROUP BY a.id ORDER BY 1")

    return Books()


@pytest.fixture
def people(kiosk, village):
    for name, house in (("李秀英", "3组12号"), ("张桂兰", "1组8号"), ("赵大海", "1组9号")):
        assert kiosk("resident", "add", name, "--house", house, *village).code == 0
    assert kiosk("operator", "add", "张晓燕", "--role", "volunteer", "--new-pin", "4826", *village).code == 0
    return village


def refused(kiosk, books, *args) -> str:
    """Run a command that must be refused: exit 1, the reason on stderr, the books unchanged."""
    before = books.print()
    result = kiosk(*args)
    assert result.code == 1, result.out
    assert books.print() == before
    return result.err


def test_rule_add_edit_retire_list(kiosk, people, books):
    m = people
    assert kiosk("rule", "add", "jyxc2", "建言献策", "--category", "公共参与", "--points", "10", *m).code == 0
    edited = kiosk("--json", "rule", "edit", "jyxc2", "--points", "12", "--cap", "36", "--cap-period", "year", *m)
    assert edited.code == 0, edited.err
    assert (edited.json()["points"], edited.json()["cap"]) == ("12", "36")
    assert kiosk("rule", "retire", "jyxc2", *m).code == 0
    listed = {r["code"]: r for r in kiosk("--json", "rule", "list", "--all").json()["rules"]}
    assert listed["jyxc2"]["active"] is False and listed["hjqs"]["owner"] == "village"
    books.balanced()


def test_bad_rules_are_refused_with_the_books_unchanged(kiosk, people, books):
    m = people
    assert "不能为 0" in refused(kiosk, books, "rule", "add", "x", "零分", "--category", "测试", "--points", "0", *m)
    assert "太大" in refused(kiosk, books, "rule", "add", "x", "巨奖", "--category", "测试", "--points", "99999", *m)
    assert "最多 100 分" in refused(kiosk, books, "rule", "edit", "hjqs", "--points", "150", *m)
    books.sql("UPDATE rule SET owner = 'township' WHERE code = 'zyfw'")      # arrived by sync
    assert "乡镇统一" in refused(kiosk, books, "rule", "edit", "zyfw", "--points", "3", *m)
    assert "乡镇统一" in refused(kiosk, books, "rule", "retire", "zyfw", *m)


def test_award_activity_for_several_residents_with_a_photo(kiosk, people, books, tmp_path):
    done = kiosk("--json", "award-activity", "zyfw", "--residents", "王小明,李秀英:2,JF000003",
                 "--hours", "4", "--note", "村道清扫", "--photo", str(photo(tmp_path)), *people)
    assert done.code == 0, done.err
    body = done.json()
    assert body["status"] == "posted" and body["photo"] is True and body["total"] == "25"
    assert [(line["resident"], line["points"]) for line in body["lines"]] == [
        ("王小明", "10"), ("李秀英", "5"), ("张桂兰", "10")]
    assert kiosk("--json", "balance", "JF000001").json()["balance"] == "15"   # one household
    books.balanced()


def test_award_activity_from_a_list_file_and_as_claims(kiosk, people, tmp_path):
    sheet = tmp_path / "名单.csv"
    sheet.write_text("村民,小时\n王小明,2\n赵大海\n", encoding="utf-8")
    done = kiosk("--json", "award-activity", "zyfw", "--csv", str(sheet), "--hours", "4", *VOLUNTEER)
    assert done.code == 0, done.err
    assert done.json()["status"] == "pending"
    assert [c["resident"] for c in kiosk("--json", "claim", "list").json()["claims"]] == ["王小明", "赵大海"]


def test_award_activity_refusals(kiosk, people, books, tmp_path):
    m = people
    books.sql("UPDATE resident SET status = 'moved' WHERE name = '赵大海'")
    err = refused(kiosk, books, "award-activity", "hjqs", "--residents", "王小明,赵大海", *m)
    assert "不在册的村民：赵大海" in err
    for _ in range(3):
        assert kiosk("award", "王小明", "hjqs", *m).code == 0         # 15 of 20 this month
    err = refused(kiosk, books, "award-activity", "hjqs", "--residents", "王小明,李秀英", "--qty", "2", *m)
    assert "王小明（这次 10 分，还能记 5 分）" in err and "李秀英" not in err
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a photo")
    assert "不是照片" in refused(kiosk, books, "award-activity", "hjqs", "--residents", "李秀英",
                                "--photo", str(fake), *m)


def test_claims_list_approve_and_reject_with_a_reason(kiosk, people, books):
    first = kiosk("--json", "award", "王小明", "hjqs", *VOLUNTEER).json()["id"]
    second = kiosk("--json", "award", "张桂兰", "hjqs", *VOLUNTEER).json()["id"]
    assert "不能审核申报" in refused(kiosk, books, "claim", "approve", first[-6:], *VOLUNTEER)
    assert "原因" in refused(kiosk, books, "claim", "reject", second[-6:], "--reason", " ", *people)
    assert kiosk("claim", "reject", second[-6:], "--reason", "没有签到", *people).code == 0
    approved = kiosk("--json", "claim", "approve", first[-6:], *people)
    assert approved.json()["status"] == "approved" and approved.json()["entry"]
    books.balanced()


def test_credit_after_notice_from_the_notice_list_posts_once(kiosk, people, books):
    books.sql("INSERT INTO setting (key, value) VALUES ('claims.credit_after_notice', '1')")
    claim = kiosk("--json", "award", "王小明", "hjqs", *VOLUNTEER).json()["id"]
    approved = kiosk("claim", "approve", claim[-6:], *people)
    assert "公示期满后入账" in approved.out
    assert kiosk("--json", "notice", "list").json()["notices"][0]["state"] == "waiting"
    books.sql("UPDATE claim SET decided_at = '2020-01-01 09:00:00' WHERE id = ?", (claim,))
    first = kiosk("--json", "notice", "list").json()
    second = kiosk("--json", "notice", "list").json()
    assert (first["credited"], second["credited"]) == (1, 0)
    assert books.sql("SELECT COUNT(*) FROM entry WHERE claim_id = ?", (claim,)) == [(1,)]
    assert kiosk("--json", "balance", "JF000001").json()["balance"] == "5"
    books.balanced()


def test_objection_decision_and_the_printed_notice(kiosk, people, books, tmp_path):
    given = kiosk("--json", "award", "张桂兰", "hjqs", *people).json()["id"]
    objected = kiosk("--json", "notice", "object", given[-6:], "--by", "王五", "--why", "她那天不在", *VOLUNTEER)
    assert objected.code == 0, objected.err
    assert objected.json()["state"] == "held"
    out = tmp_path / "board" / "公示.pdf"
    printed = kiosk("--json", "notice", "pdf", "--out", str(out))
    assert printed.code == 0 and out.read_bytes().startswith(b"%PDF")
    decided = kiosk("--json", "notice", "decide", given[-6:], "uphold", "--note", "核实属实", *people)
    assert decided.json()["state"] == "revoked"
    assert kiosk("--json", "balance", "JF000004").json()["balance"] == "0"
    books.balanced()


def test_an_objection_after_the_notice_ended_is_refused(kiosk, people, books):
    books.sql("INSERT INTO setting (key, value) VALUES ('claims.credit_after_notice', '1')")
    claim = kiosk("--json", "award", "王小明", "hjqs", *VOLUNTEER).json()["id"]
    assert kiosk("claim", "approve", claim[-6:], *people).code == 0
    books.sql("UPDATE claim SET decided_at = '2020-01-01 09:00:00' WHERE id = ?", (claim,))
    err = refused(kiosk, books, "notice", "object", claim[-6:], "--by", "王五", "--why", "不对", *VOLUNTEER)
    assert "公示已在 2020-01-08 09:00 结束" in err


def test_entry_revoke_once_only(kiosk, people, books):
    given = kiosk("--json", "award", "王小明", "hjqs", *people).json()["id"]
    listed = kiosk("--json", "entry", "list").json()["entries"]
    assert listed[0]["id"] == given and listed[0]["revoked"] is False
    done = kiosk("--json", "entry", "revoke", given[-6:], "--reason", "记错了人", *people)
    assert done.code == 0 and done.json()["points"] == "-5" and done.json()["balance"] == "0"
    assert "撤销过了" in refused(kiosk, books, "entry", "revoke", given[-6:], "--reason", "再撤", *people)
    assert "写明原因" in refused(kiosk, books, "entry", "revoke", given[-6:], "--reason", " ", *people)
    books.balanced()
