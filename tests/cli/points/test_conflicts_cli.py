"""kiosk operator link and --second: 回避 from the command line (issue 16)."""

from __future__ import annotations

import json

from kiosk.services.setup import create as setup
from tests.services._vouched import township_confirms
from tests.cli.points.test_points_admin_cli import books, people, refused  # noqa: F401  (fixtures)

SECOND = ("--second", "王秀兰", "--second-pin", "1379")


def test_an_operator_is_linked_and_listed(kiosk, people):
    assert kiosk("operator", "link", "刘建军", "王小明", *people).code == 0
    assert kiosk("operator", "add", "王秀兰", "--role", "manager", "--new-pin", "1379",
                 "--resident", "张桂兰", *people).code == 0
    listed = {r["name"]: r for r in kiosk("--json", "operator", "list").json()["operators"]}
    assert listed["刘建军"]["house_no"] == "3组12号" and listed["王秀兰"]["resident"] == "张桂兰"
    assert "3组12号" in kiosk("operator", "list").out


def test_own_household_award_is_refused_alone_and_done_with_a_second_manager(kiosk, people, books, tmp_path):
    assert kiosk("operator", "link", "刘建军", "王小明", *people).code == 0
    assert kiosk("operator", "add", "王秀兰", "--role", "manager", "--new-pin", "8642",
                 "--resident", "张桂兰", *people).code == 0
    # 刘建军 chose her first PIN: she changes it herself and the township confirms her (回避)
    assert kiosk("operator", "reset-pin", "王秀兰", "--new-pin", "1379", "--operator", "王秀兰",
                 "--pin", "8642").code == 0
    db = setup.open_shop(tmp_path / "cli.sqlite")
    try:
        township_confirms(db, "王秀兰")
    finally:
        db.close()
    err = refused(kiosk, books, "award", "李秀英", "hjqs", *people)
    assert "这是您自己家的积分" in err and "另一位管理员" in err
    wrong = kiosk("award", "李秀英", "hjqs", *people, "--second", "王秀兰", "--second-pin", "0000")
    assert wrong.code == 1 and "密码不对" in wrong.err      # counted toward 王秀兰's lockout
    assert books.sql("SELECT COUNT(*) FROM entry") == [(0,)]
    result = kiosk("--json", "award", "李秀英", "hjqs", *people, *SECOND)
    assert result.code == 0, result.err
    assert result.json()["status"] == "posted"
    after = books.sql("SELECT operator_name, after FROM audit WHERE action = 'points.award'")
    assert [(who, json.loads(text)["second_manager"]) for who, text in after] == [("刘建军", "王秀兰")]
    err = refused(kiosk, books, "adjust", "王小明", "+100", "--reason", "工作补贴", *people)
    assert "调整自家的积分" in err
    assert kiosk("award", "赵大海", "hjqs", *people).code == 0      # another household: alone


def test_operator_list_says_whose_household_a_puppet_may_not_confirm_for_as_the_counter_does(kiosk, people, books,
                                                                                             tmp_path):
    """刘建军 (of 3组12号) added 赵六 with a PIN he chose: 赵六 is no second manager for his household
    until 赵六 changes it and the township confirms; the list says so, in the refusal's own words."""
    assert kiosk("operator", "link", "刘建军", "王小明", *people).code == 0
    assert "回避" not in kiosk("operator", "list").out
    assert kiosk("operator", "add", "赵六", "--role", "manager", "--new-pin", "6060", *people).code == 0
    said = refused(kiosk, books, "award", "李秀英", "hjqs", *people, "--second", "赵六", "--second-pin", "6060")
    listed = kiosk("operator", "list").out
    assert f"赵六：{said.strip()}" in listed and "刘建军：" not in listed
    limits = kiosk("--json", "operator", "list").json()["confirm_limits"]
    assert limits == {"赵六": [{"actor": "刘建军", "household": "3组12号", "reason": "conflict_second_pin_known",
                               "words": said.strip()}]}
    assert kiosk("operator", "reset-pin", "赵六", "--new-pin", "6161", "--operator", "赵六", "--pin", "6060").code == 0
    assert "请乡镇核实后确认赵六的管理员身份（不用再改密码）" in kiosk("operator", "list").out
    db = setup.open_shop(tmp_path / "cli.sqlite")
    try:
        township_confirms(db, "赵六")
    finally:
        db.close()
    assert "回避" not in kiosk("operator", "list").out
    assert kiosk("--json", "operator", "list").json()["confirm_limits"] == {}
