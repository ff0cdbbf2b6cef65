"""`kiosk-township` admin commands: villages, codes, terminals, publishing."""

from __future__ import annotations

import json

from kiosk.township import cli


def run(db_path, capsys, *args):
    code = cli.main(["--db", str(db_path), "--json", *args])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if code == 0 else captured.err)


def test_villages_codes_and_terminals(tmp_path, capsys):
    db = tmp_path / "t.db"
    assert run(db, capsys, "village", "add", "青石村", "--currency", "美德积分")[0] == 0
    code, err = run(db, capsys, "village", "add", "青石村")
    assert code == 1 and "已经有叫“青石村”的村" in err
    assert run(db, capsys, "village", "list")[1]["villages"][0]["currency"] == "美德积分"
    code, issued = run(db, capsys, "code", "青石村")
    assert code == 0 and len(issued["code"]) == 8
    code, err = run(db, capsys, "code", "无名村")
    assert code == 1 and "没有叫“无名村”的村" in err
    assert run(db, capsys, "terminals")[1] == {"terminals": []}


def test_publish_rate_and_rule(tmp_path, capsys):
    db = tmp_path / "t.db"
    run(db, capsys, "village", "add", "青石村")
    run(db, capsys, "village", "add", "桃源村")
    code, rate = run(db, capsys, "publish", "rate", "青石村", "桃源村", "1.5")
    assert code == 0 and rate["records"][0]["body"]["rate"] == "1.5" and rate["records"][0]["seq"] == 1
    for bad in ("0", "-2", "abc", "NaN"):
        code, err = run(db, capsys, "publish", "rate", "青石村", "桃源村", bad)
        assert code == 1 and "汇率必须是大于 0 的数" in err
    rule = tmp_path / "rule.json"
    rule.write_text(json.dumps({"name": "垃圾分类", "points": "5.00"}, ensure_ascii=False), "utf-8")
    code, published = run(db, capsys, "publish", "rule", str(rule), "--village", "青石村")
    assert code == 0 and published["records"][0]["seq"] == 2
    assert published["records"][0]["body"]["name"] == "垃圾分类"
    goods = tmp_path / "goods.json"
    goods.write_text(json.dumps([{"name": "大米 5kg", "points": "50.00"}, {"name": "香皂", "points": "5.50"}],
                                ensure_ascii=False), "utf-8")
    code, published = run(db, capsys, "publish", "goods", str(goods))
    assert code == 0 and published["published"] == "product"
    assert [r["seq"] for r in published["records"]] == [3, 4]
    (tmp_path / "broken.json").write_text("{not json", "utf-8")
    code, err = run(db, capsys, "publish", "rule", str(tmp_path / "broken.json"))
    assert code == 1 and "读不出来" in err


def test_plain_output_speaks_chinese(tmp_path, capsys):
    db = tmp_path / "t.db"
    assert cli.main(["--db", str(db), "village", "add", "青石村", "--currency", "美德积分"]) == 0
    assert cli.main(["--db", str(db), "code", "青石村"]) == 0
    out = capsys.readouterr().out
    assert "注册码: " in out and "有效期至: " in out


def test_a_rule_published_again_by_its_code_is_its_next_version(tmp_path, capsys):
    db = tmp_path / "t.db"
    rule = tmp_path / "rule.json"
    rule.write_text(json.dumps({"id": "r-1", "code": "xz_ljfl", "name": "垃圾分类", "points": 500}), "utf-8")
    first = run(db, capsys, "publish", "rule", str(rule))[1]["records"][0]["body"]
    rule.write_text(json.dumps({"id": "r-2", "code": "xz_ljfl", "name": "垃圾分类", "points": 800}), "utf-8")
    second = run(db, capsys, "publish", "rule", str(rule))[1]["records"][0]["body"]
    assert (first.get("version"), second["id"], second["version"]) == (None, "r-1", 2)
