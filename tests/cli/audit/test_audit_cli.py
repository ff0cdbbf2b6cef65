"""kiosk audit list (issue 16): the trail from the command line."""

from __future__ import annotations

from tests.cli.points.test_points_admin_cli import books, people, refused  # noqa: F401  (fixtures)

VOLUNTEER = ("--operator", "张晓燕", "--pin", "4826")


def test_audit_list_shows_a_rule_change_a_setting_change_and_an_objection_decision(kiosk, people, tmp_path):
    assert kiosk("rule", "edit", "hjqs", "--points", "3", *people).code == 0
    change_a_setting(tmp_path / "cli.sqlite")          # what the 设置 screen does
    posted = kiosk("--json", "award", "王小明", "hjqs", *people).json()["id"]
    assert kiosk("notice", "object", posted, "--by", "张桂兰", "--why", "不对", *VOLUNTEER).code == 0
    assert kiosk("notice", "decide", posted, "dismiss", *people).code == 1          # a reason is needed
    assert kiosk("notice", "decide", posted, "dismiss", "--reason", "有照片为证", *people).code == 0
    listed = kiosk("--json", "audit", "list").json()
    assert listed["chain_whole"] is True
    did = {(line["action"], line["operator"]) for line in listed["lines"]}
    assert {("rule.edit", "刘建军"), ("notice.dismiss", "刘建军"), ("notice.object", "张晓燕")} <= did
    only = kiosk("--json", "audit", "list", "--operator", "张晓燕").json()["lines"]
    assert {line["operator"] for line in only} == {"张晓燕"}
    text = kiosk("audit", "list", "--kind", "rule").out
    assert "修改积分标准" in text and "5 → 3" in text and "完整" in text
    assert {line["operator"] for line in kiosk("--json", "audit", "list", "--kind", "setting").json()["lines"]} \
        == {"刘建军"}
    assert kiosk("audit", "list", "--resident", "王小明", "--export", str(tmp_path / "t.xlsx")).code == 0
    assert (tmp_path / "t.xlsx").exists()


def change_a_setting(path) -> None:
    from kiosk.core.clock import SystemClock
    from kiosk.services.people import operators
    from kiosk.services.setup import settings, create as setup
    from kiosk.services.context import Context

    db = setup.open_shop(path)
    try:
        ctx = Context(db, operators.login(db, "刘建军", "2580", SystemClock().now()))
        settings.change(ctx, {"notice.days": "10"})
    finally:
        db.close()
