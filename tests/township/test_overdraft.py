"""Two counters spend the same points offline: the merge finds the overdraft, holds the account."""

from __future__ import annotations

import json

from kiosk.township import cli


def test_overdraft_after_merge_opens_incident_and_hold_for_the_village(enrol, admin, db_path, capsys):
    a, b, elsewhere = enrol(name="A"), enrol(name="B"), enrol("桃源村", "C")
    assert a.push([a.entry("JF000001", 5000)]).status_code == 200
    b.pull()
    a.push([a.entry("JF000001", -4000)])          # offline on A: spends 40 of 50
    b.push([b.entry("JF000001", -3000)])          # offline on B: spends 30 of the same 50
    incidents = admin.all("SELECT * FROM incident WHERE kind = 'overdraft'")
    assert len(incidents) == 1 and incidents[0]["account_id"] == "JF000001"
    assert json.loads(incidents[0]["detail"])["balance"] == "-20.00"
    for till in (a, b):
        holds = [r for r in till.pull().json()["records"] if r["type"] == "hold"]
        assert [h["body"]["account_id"] for h in holds] == ["JF000001"]
        assert holds[0]["body"]["incident_id"] == incidents[0]["id"]
        assert "余额为负" in holds[0]["body"]["reason"]
    assert not [r for r in elsewhere.pull().json()["records"] if r["type"] == "hold"]
    b.push([b.entry("JF000001", -100)])           # still negative: no second incident
    assert admin.one("SELECT COUNT(*) FROM incident WHERE kind = 'overdraft'")[0] == 1

    assert cli.main(["--db", str(db_path), "--json", "incidents"]) == 0
    listed = json.loads(capsys.readouterr().out)["incidents"]
    assert [i["kind"] for i in listed] == ["overdraft"]
    assert cli.main(["--db", str(db_path), "--json", "resolve", listed[0]["id"], "--note", "王小明补交"]) == 0
    assert json.loads(capsys.readouterr().out)["resolved"] is True
    released = [r for r in a.pull().json()["records"] if r["type"] == "hold_released"]
    assert released[0]["body"]["account_id"] == "JF000001" and released[0]["body"]["note"] == "王小明补交"
    assert cli.main(["--db", str(db_path), "resolve", listed[0]["id"], "--note", "again"]) == 1
    assert "已经处理过了" in capsys.readouterr().err


def test_balances_and_ranking_from_merged_entries(enrol, db_path, capsys):
    a, b = enrol(name="A"), enrol(name="B")
    a.push([a.entry("JF000001", 1250), a.entry("JF000002", 500)])
    b.push([b.entry("JF000002", 1000), b.entry("JF000001", -250)])
    assert cli.main(["--db", str(db_path), "--json", "balances", "青石村"]) == 0
    balances = json.loads(capsys.readouterr().out)["balances"]
    assert {x["account"]: x["balance"] for x in balances} == {"JF000001": "10.00", "JF000002": "15.00"}
    assert cli.main(["--db", str(db_path), "--json", "ranking", "青石村"]) == 0
    ranking = json.loads(capsys.readouterr().out)["ranking"]
    assert [(x["rank"], x["account"], x["earned"]) for x in ranking] == [(1, "JF000002", "15.00"),
                                                                         (2, "JF000001", "12.50")]
