"""`kiosk-township`'s plain output names villages, counters and households by name and house
number, never by id and never as a Python dict; `--json` keeps the ids for scripts."""

from __future__ import annotations

import json
import re

from kiosk.township import cli
from kiosk.township.words import beside_village
from tests.township.console_helpers import push_household

ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}")


def _plain(db_path, capsys, *args) -> str:
    assert cli.main(["--db", str(db_path), *args]) == 0
    out = capsys.readouterr().out
    assert not ID.search(out) and "{'" not in out and "': " not in out, out
    return out


def test_balances_and_ranking_show_house_numbers_and_heads(enrol, db_path, capsys):
    till = enrol()
    first = push_household(till, "3组12号", "王小明")
    second = push_household(till, "5组2号", "李秀英")
    till.push([till.entry(first, 1250, kind="award"), till.entry(second, 3000, kind="award")])
    balances = _plain(db_path, capsys, "balances", "青石村")
    assert "青石村（美德积分）：2 户" in balances and "3组12号  王小明  余额 12.50  累计 12.50" in balances
    ranking = _plain(db_path, capsys, "ranking", "--village", "青石村")
    assert ranking.index("第 1 名  5组2号  李秀英") < ranking.index("第 2 名  3组12号  王小明")
    assert cli.main(["--db", str(db_path), "--json", "balances", "青石村"]) == 0
    rows = json.loads(capsys.readouterr().out)["balances"]
    assert {(r["account"], r["house_no"]) for r in rows} == {(first, "3组12号"), (second, "5组2号")}


def test_incidents_are_numbered_and_said_in_words_and_resolved_by_number(enrol, admin, db_path, capsys):
    till = enrol(name="村部收银台")
    village = admin.village("青石村")["id"]
    admin.log_incident("gap", {"code": "gap", "expected": 3}, terminal_id=till.id, village_id=village)
    admin.log_incident("overdraft", {"balance": "-20.00", "reason": "3组12号王小明家在两台收银机上用了同一笔积分"},
                       village_id=village, account_id="01a2475e-0000-7000-8000-000000000001")
    listed = _plain(db_path, capsys, "incidents")
    assert "#1  记录缺号  青石村 · 村部收银台：记录缺号：服务器等的是第 3 条" in listed
    assert "#2  透支冻结  青石村：3组12号王小明家在两台收银机上用了同一笔积分" in listed
    assert "事件 #1 已处理。" in _plain(db_path, capsys, "resolve", "1", "--note", "已重新同步")
    assert "#1" not in _plain(db_path, capsys, "incidents") and "#1" in _plain(db_path, capsys, "incidents", "--all")
    assert cli.main(["--db", str(db_path), "resolve", "#1", "--note", "again"]) == 1
    assert "事件 #1 已经处理过了" in capsys.readouterr().err
    assert cli.main(["--db", str(db_path), "resolve", "9", "--note", "x"]) == 1
    assert cli.main(["--db", str(db_path), "--json", "incidents"]) == 0
    assert json.loads(capsys.readouterr().out)["incidents"][0]["account_id"].startswith("01a2475e")


def test_villages_counters_and_publishing_are_said_by_name(enrol, db_path, capsys):
    enrol(name="村部收银台")
    assert "青石村（积分名称：美德积分）" in _plain(db_path, capsys, "village", "list")
    counters = _plain(db_path, capsys, "terminals")
    assert "青石村 · 村部收银台" in counters and "已收到 0 条" in counters
    assert "青石村的 1 分在桃源村可换 1.5 分" in _plain(db_path, capsys, "publish", "rate", "青石村", "桃源村", "1.5")


def test_a_counter_enrolled_under_its_village_name_is_not_named_twice(enrol, admin, db_path, capsys):
    """A real counter enrols as "青石村 收银台 1" (kiosk/sync/enrolment.py); beside its village the
    township says "青石村 · 收银台 1", not "青石村 · 青石村 收银台 1"."""
    till = enrol(name="青石村 收银台 1")
    counters = _plain(db_path, capsys, "terminals")
    assert "青石村 · 收银台 1：" in counters and "青石村 · 青石村" not in counters
    admin.log_incident("gap", {"code": "gap", "expected": 3}, terminal_id=till.id,
                       village_id=admin.village("青石村")["id"])
    listed = _plain(db_path, capsys, "incidents")
    assert "青石村 · 收银台 1：" in listed and listed.count("青石村") == 1


def test_a_counters_name_keeps_what_is_not_its_villages_prefix():
    assert beside_village("青石村", "青石村 收银台 1") == "收银台 1"
    assert beside_village("青石村", "青石村收银台") == "青石村收银台"      # no space: a name of its own
    assert beside_village("青石村", "桃源村 收银台 1") == "桃源村 收银台 1"
    assert beside_village("青石村", "青石村 ") == "青石村 "
    assert beside_village(None, "青石村 收银台 1") == "青石村 收银台 1"


def test_balances_without_a_village_say_which_villages_there_are(enrol, db_path, capsys):
    enrol()
    for command in ("balances", "ranking"):
        assert cli.main(["--db", str(db_path), command]) == 2
        said = capsys.readouterr()
        assert said.out == "" and f"请说是哪个村，例如 kiosk-township {command} 桃源村。有这些村：桃源村、青石村" in said.err
