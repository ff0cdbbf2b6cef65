"""规则与兑换: township rules, shared goods and prices, 同值化; previewed per village, published by an
admin (a clerk drafts), validated with words next to the field, audited, escaped."""

from __future__ import annotations

import json
import re

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from kiosk.township.console import accounts
from tests.township.conftest import every_row
from tests.township.console_helpers import sign_in

SEEN = re.compile(r'name="seen" value="([0-9a-f]+)"')
RULE = {"code": "xz_hjqs", "name": "环境清扫", "category": "环境卫生", "shape": "fixed", "points": "5",
        "unit": "1", "effective_from": ""}


def _post(client, path: str, token: str, action: str, **fields):
    """Publish or draft as a person does: after a preview of the same fields (its `seen` sent back)."""
    if action != "preview":
        shown = client.post(path, data={"csrf": token, "action": "preview", **fields}).text
        found = SEEN.search(shown)
        fields = fields | ({"seen": found.group(1)} if found else {})
    return client.post(path, data={"csrf": token, "action": action, **fields}, follow_redirects=False)


def _published(store, record_type: str) -> list[dict]:
    return [json.loads(r["body"]) | {"village_id": r["village_id"]} for r in store.all(
        "SELECT body, village_id FROM record WHERE type = ? AND terminal_id = 'township' ORDER BY commit_no",
        (record_type,))]


def _village_rule(till, code: str, name: str, points: int) -> str:
    rule_id = new_id()
    till.seq += 1
    body = {"id": rule_id, "code": code, "name": name, "category": "环境卫生", "shape": "fixed", "points": points,
            "unit": 100, "owner": "village", "active": 1, "version": 1}
    assert till.push([Record.make(new_id(), till.id, till.seq, "rule", body)]).status_code == 200
    return rule_id


def test_a_rule_is_previewed_for_each_village_then_published_with_its_day_and_version(client, admin):
    token = sign_in(client, admin, "王站长", "admin")
    preview = _post(client, "/rules", token, "preview", **RULE)
    assert preview.status_code == 200
    assert preview.text.count("新增乡镇标准「环境清扫」：每次 5 分，各村同步后可以记分") == 2   # 青石村 and 桃源村
    assert _published(admin, "rule") == []
    assert _post(client, "/rules", token, "publish", **RULE).status_code == 303
    [body] = _published(admin, "rule")
    assert (body["points"], body["version"], body["effective_from"], body["village_id"]) == (500, 1, None, None)
    changed = _post(client, "/rules", token, "preview", **(RULE | {"points": "8", "effective_from": "2026-10-01"}))
    assert "环境清扫（每次 5 分） 改为 环境清扫（每次 8 分）（第 2 版），2026-10-01起执行" in changed.text
    _post(client, "/rules", token, "publish", **(RULE | {"points": "8", "effective_from": "2026-10-01"}))
    assert [(b["version"], b["id"]) for b in _published(admin, "rule")] == [(1, body["id"]), (2, body["id"])]
    assert accounts.audit_trail(admin)[0]["action"] == "rule_published"
    assert "每次 8 分" in client.get("/rules").text


def test_bad_fields_are_answered_next_to_each_field_and_nothing_is_stored(client, admin):
    token = sign_in(client, admin, "王站长", "admin")
    before = every_row(admin)
    answer = _post(client, "/rules", token, "publish", code="环境", name="", category=" ", shape="按心情",
                   points="五分", unit="1", effective_from="2020-01-01")
    assert answer.status_code == 400
    for field, words in (("code", "小写字母开头"), ("name", "请填写规则名称，例如“打扫公共区域”"),
                         ("category", "请填写类别，例如“环境卫生”"), ("shape", "请从下拉框里选一种计分方式"),
                         ("points", "请写分值"), ("effective_from", "已经过去的日子不能改")):
        assert f'id="{field}-error">' in answer.text and words in answer.text.split(f'id="{field}-error">')[1][:80]
    zero = _post(client, "/rules", token, "publish", **(RULE | {"points": "0"}))
    assert zero.status_code == 400 and 'id="points-error"' in zero.text
    assert every_row(admin) | {"console_audit": []} == before | {"console_audit": []}


def test_a_code_a_village_uses_for_its_own_rule_is_refused_naming_the_village(client, admin, enrol):
    _village_rule(enrol(), "xz_hjqs", "打扫卫生", 300)
    token = sign_in(client, admin, "王站长", "admin")
    answer = _post(client, "/rules", token, "publish", **RULE)
    assert answer.status_code == 400 and "青石村自己的标准「打扫卫生」用着这个编号" in answer.text
    assert _published(admin, "rule") == []


def test_a_clerk_drafts_and_an_admin_publishes_the_draft(client, admin):
    clerk_token = sign_in(client, admin, "李办事员", "clerk")
    preview = _post(client, "/rules", clerk_token, "preview", **RULE)
    assert 'id="draft"' in preview.text and 'id="publish"' not in preview.text
    assert _post(client, "/rules", clerk_token, "publish", **RULE).status_code == 403
    assert _published(admin, "rule") == []
    assert _post(client, "/rules", clerk_token, "draft", **RULE).status_code == 303
    token = sign_in(client, admin, "王站长", "admin")
    draft = admin.one("SELECT id FROM console_draft")["id"]
    page = client.get(f"/rules?draft={draft}").text
    assert "环境清扫 · 每次 5 分" in page and 'value="xz_hjqs"' in page
    _post(client, "/rules", token, "publish", draft=draft, **RULE)
    assert len(_published(admin, "rule")) == 1
    assert admin.one("SELECT published_by FROM console_draft")["published_by"] == "王站长"
    assert 'id="drafts"' not in client.get("/rules").text
    actions = [a["action"] for a in accounts.audit_trail(admin)]
    assert actions[0] == "rule_published" and "draft_saved" in actions


def test_a_viewer_and_a_village_user_cannot_publish(client, admin):
    token = sign_in(client, admin, "赵查看", "viewer")
    assert _post(client, "/rules", token, "publish", **RULE).status_code == 403
    sign_in(client, admin, "青石村会计", "admin", village="青石村")
    assert client.get("/rules").status_code == 403 and client.get("/rules/mappings").status_code == 403
    assert _published(admin, "rule") == []


def test_goods_left_without_a_name_says_what_to_write_and_stores_nothing(client, admin):
    token = sign_in(client, admin, "王站长", "admin")
    before = every_row(admin)
    answer = _post(client, "/rules/goods", token, "publish", code="6922222222227", name="  ", unit="袋", price="12",
                   effective_from="")
    assert answer.status_code == 400
    assert "请填写商品名称，例如“东北大米 5 斤装”" in answer.text.split('id="name-error">')[1][:80]
    assert every_row(admin) | {"console_audit": []} == before | {"console_audit": []}


def test_shared_goods_then_a_new_price_only(client, admin, enrol):
    till = enrol()
    till.seq += 1
    till.push([Record.make(new_id(), till.id, till.seq, "product", {"id": new_id(), "code": "690111", "name": "洗衣粉",
                                                                      "unit": "袋", "price": 1000, "owner": "village"})])
    token = sign_in(client, admin, "王站长", "admin")
    goods = {"code": "6922222222227", "name": "洗衣粉", "unit": "袋", "price": "12", "effective_from": ""}
    preview = _post(client, "/rules/goods", token, "preview", **goods)
    assert "新增统一商品「洗衣粉」：每袋 12 分" in preview.text and "本村也有自己的「洗衣粉」，每袋 10 分" in preview.text
    _post(client, "/rules/goods", token, "publish", **goods)
    [product] = _published(admin, "product")
    assert (product["price"], product["barcodes"], product["owner"]) == (1200, ["6922222222227"], "township")
    again = _post(client, "/rules/goods", token, "preview", **(goods | {"price": "15"}))
    assert "「洗衣粉」每袋由 12 分改为 15 分" in again.text
    _post(client, "/rules/goods", token, "publish", **(goods | {"price": "15"}))
    assert [(p["product_id"], p["price"]) for p in _published(admin, "price")] == [(product["id"], 1500)]
    taken = _post(client, "/rules/goods", token, "publish", **(goods | {"code": "690111"}))
    assert taken.status_code == 400 and "青石村自己的商品「洗衣粉」用着这个条码" in taken.text


def test_a_mapping_goes_to_its_village_only_with_a_preview_of_the_change(client, admin, enrol):
    village_rule = _village_rule(enrol(), "hjqs", "打扫卫生", 300)
    token = sign_in(client, admin, "王站长", "admin")
    _post(client, "/rules", token, "publish", **RULE)
    village = admin.village("青石村")["id"]
    chosen = {"village_rule": f"{village}|{village_rule}", "township_rule": "xz_hjqs", "effective_from": "2026-10-01"}
    preview = _post(client, "/rules/mappings", token, "preview", **chosen)
    assert "本村的「打扫卫生」（每次 3 分）2026-10-01起停用，以后记乡镇的「环境清扫」（每次 5 分）" in preview.text
    assert "不变。" in preview.text                                   # 桃源村
    _post(client, "/rules/mappings", token, "publish", **chosen)
    [mapping] = _published(admin, "rule_mapping")
    assert (mapping["village_rule_id"], mapping["village_id"], mapping["effective_from"]) == (
        village_rule, village, "2026-10-01")
    again = _post(client, "/rules/mappings", token, "publish", **chosen)
    assert again.status_code == 400 and "已经同值化或停用了" in again.text
    assert "打扫卫生 → 环境清扫" in client.get("/rules/mappings").text


def test_names_with_html_are_escaped_in_the_preview_and_the_list(client, admin):
    token = sign_in(client, admin, "王站长", "admin")
    evil = RULE | {"name": "<script>alert(1)</script>"}
    preview = _post(client, "/rules", token, "preview", **evil)
    assert "<script>alert(1)" not in preview.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in preview.text
    _post(client, "/rules", token, "publish", **evil)
    assert "<script>alert(1)" not in client.get("/rules").text


def test_fields_changed_after_the_preview_are_previewed_again_not_published(client, admin):
    token = sign_in(client, admin, "王站长", "admin")
    shown = client.post("/rules", data={"csrf": token, "action": "preview", **RULE}).text
    seen = SEEN.search(shown).group(1)
    answer = client.post("/rules", data={"csrf": token, "action": "publish", "seen": seen, **(RULE | {"points": "50"})})
    assert answer.status_code == 409 and "和上次预览的不一样" in answer.text and "每次 50 分" in answer.text
    assert _published(admin, "rule") == []
    assert client.post("/rules", data={"csrf": token, "action": "publish", **RULE}).status_code == 409
    assert _published(admin, "rule") == []


def test_the_township_rules_export_to_xlsx_as_shown(client, admin):
    import io

    from openpyxl import load_workbook

    token = sign_in(client, admin, "王站长", "admin")
    _post(client, "/rules", token, "publish", **(RULE | {"name": "=HYPERLINK(\"x\")"}))
    rows = list(load_workbook(io.BytesIO(client.get("/export/township_rules.xlsx").content)).active.values)
    assert rows[0][:4] == ("名称", "编号", "类别", "计分") and rows[1][1:5] == ("xz_hjqs", "环境卫生", "每次 5 分", 1)
    assert rows[1][0].startswith("'=")
    sign_in(client, admin, "青石村会计", "admin", village="青石村")
    assert client.get("/export/mappings.xlsx").status_code == 403
