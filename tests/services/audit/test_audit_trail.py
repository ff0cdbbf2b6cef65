"""The trail can be read (issue 16): a rule change, a setting change and an objection
decision, each with its operator, before → after, and the chain's state."""

from __future__ import annotations

from kiosk.core.points import Points
from kiosk.services.audit import listing as audit_trail
from kiosk.services.people import operators
from kiosk.services.points import awards, objections, rules
from kiosk.services.setup import settings
from tests.services._support import refuse


def scene(shop, volunteer):
    rules.edit_rule(shop, "hjqs", points=Points.parse(3))
    settings.change(shop, {"claims.credit_after_notice": "1"})
    settings.change(shop, {"claims.credit_after_notice": "0"})
    posted = awards.award(shop, "JF000004", "hjqs")
    objections.object_to(volunteer, posted.id, "王五", "她那天不在")
    objections.decide(shop, posted.id, "uphold", "村委会核实属实")
    return posted


def test_the_trail_shows_rule_setting_and_objection_changes_with_their_operators(shop, volunteer):
    scene(shop, volunteer)
    trail = audit_trail.read(shop)
    assert trail.chain_whole and "完整" in trail.chain_words
    by_action = {}
    for line in trail.lines:
        by_action.setdefault(line.action, line)
    rule = by_action["rule.edit"]
    assert (rule.operator, rule.did) == ("刘建军", "修改积分标准") and "分值: 5 → 3" in rule.change
    setting = by_action["setting.change"]                        # the newest: switching review off
    assert setting.operator == "刘建军" and "值: 1 → 0" in setting.change
    assert setting.target == "设置：审核通过的积分等公示期满后才入账"
    decided = by_action["notice.uphold"]
    assert decided.operator == "刘建军" and decided.did == "异议成立" and "村委会核实属实" in decided.change
    objected = by_action["notice.object"]
    assert objected.operator == "张晓燕" and "她那天不在" in objected.change


def test_the_trail_filters_by_operator_kind_time_and_resident(shop, volunteer):
    scene(shop, volunteer)
    assert {t.operator for t in audit_trail.read(shop, operator="张晓燕").lines} == {"张晓燕"}
    assert {t.action for t in audit_trail.read(shop, kind="rule").lines} >= {"rule.edit", "rule.add"}
    assert {t.action for t in audit_trail.read(shop, kind="setting").lines} == {"setting.change"}
    assert {t.action for t in audit_trail.read(shop, kind="设置").lines} == {"setting.change"}
    assert audit_trail.read(shop, since="2026-11-04").lines == ()
    about = audit_trail.read(shop, resident="JF000004").lines
    assert about and all("张桂兰" in t.change or "张桂兰" in t.target or t.action.startswith("resident")
                         or t.action.startswith("notice") or t.action.startswith("entry")
                         for t in about)
    refuse(shop.db, "resident_unknown", audit_trail.read, shop, resident="没有这个人")


def test_a_second_managers_confirmation_is_shown(shop):
    operators.add_operator(shop, "王秀兰", "manager", "1379")
    awards.adjust(operators.second_manager(shop, "王秀兰", "1379"), "JF000001", "+5", "补记")
    [line] = audit_trail.read(shop, kind="points.adjust").lines
    assert line.second == "王秀兰" and "second_manager" not in line.change


def test_the_trail_exports_to_a_spreadsheet_with_the_chain_state(shop, volunteer, tmp_path):
    from openpyxl import load_workbook

    scene(shop, volunteer)
    path = audit_trail.export(shop, tmp_path / "操作记录.xlsx", kind="notice")
    sheet = load_workbook(path).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["序号", "时间", "操作员", "做了什么"]
    assert [v[3] for v in values[1:-1]] == ["异议成立", "登记异议"]
    assert "完整" in values[-1][3]


def test_a_changed_row_shows_in_the_chain_state(shop, volunteer):
    scene(shop, volunteer)
    shop.db.execute("DROP TRIGGER audit_no_update")              # someone behind the program's back
    shop.db.execute("UPDATE audit SET operator_name = '王五' WHERE action = 'rule.edit'")
    trail = audit_trail.read(shop)
    assert not trail.chain_whole and "对不上" in trail.chain_words
