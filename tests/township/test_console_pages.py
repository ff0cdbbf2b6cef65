"""乡镇管理台 pages: households by house number (never ids), history, incidents, rates with preview, exports."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook

from kiosk.township.console import accounts
from tests.township.console_helpers import push_household, sign_in


def test_a_villages_households_show_house_numbers_heads_and_balances_never_ids(client, admin, enrol):
    till = enrol()
    account = push_household(till, "5组18号", "王小明", ("李红",))
    push_household(till, "5组2号", "赵四")
    till.seq += 0
    assert till.push([till.entry(account, 1250, kind="award", note="打扫卫生")]).status_code == 200
    sign_in(client, admin)
    page = client.get("/villages/青石村")
    assert page.status_code == 200
    assert page.text.index("5组2号") < page.text.index("5组18号")           # house numbers in natural order
    assert "王小明" in page.text and "12.50" in page.text
    assert account not in page.text and till.id not in page.text
    history = client.get("/villages/青石村/house/5组18号")
    assert "打扫卫生" in history.text and "加分" in history.text and "12.50" in history.text
    assert client.get("/villages/青石村/house/9组9号").status_code == 404


def test_html_and_script_in_names_are_escaped_everywhere(client, admin, enrol):
    till = enrol()
    account = push_household(till, "<b>1组</b>", "<script>alert(1)</script>")
    till.push([till.entry(account, 100, kind="award", note="<img src=x onerror=alert(2)>")])
    sign_in(client, admin)
    for path in ("/villages/青石村", "/ranking", "/villages/青石村/house/%3Cb%3E1组%3C%2Fb%3E"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text and "<b>1组" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text


def test_overview_shows_participation_issued_and_spent_this_month_and_counters(client, admin, enrol):
    till = enrol(name="村部收银台")
    first = push_household(till, "1组1号", "甲")
    push_household(till, "1组2号", "乙")
    till.push([till.entry(first, 500, kind="award", at="2026-09-21T08:00:00"),
               till.entry(first, -200, kind="redeem", at="2026-09-21T09:00:00")])
    sign_in(client, admin)
    page = client.get("/").text
    assert "村部收银台" in page and "50%" in page and "5.00" in page and "2.00" in page


def test_resolving_an_incident_needs_a_note_and_goes_to_the_audit_trail(client, admin):
    admin.log_incident("gap", {"detail": "缺第 3 条"}, village_id=admin.village("青石村")["id"])
    incident = admin.one("SELECT id FROM incident")["id"]
    token = sign_in(client, admin)
    empty = client.post(f"/incidents/{incident}/resolve", data={"csrf": token, "note": "  "})
    assert empty.status_code == 400 and "请写一句处理说明" in empty.text
    done = client.post(f"/incidents/{incident}/resolve", data={"csrf": token, "note": "已重新同步"})
    assert done.status_code == 200 and "没有待处理的事件" in done.text
    assert admin.one("SELECT note FROM incident")["note"] == "已重新同步"
    assert "处理事件" in client.get("/audit").text


def test_a_rate_is_previewed_before_it_is_published(client, admin):
    token = sign_in(client, admin, "王站长", "admin")
    bad = client.post("/rates", data={"csrf": token, "from": "青石村", "to": "青石村", "rate": "-1", "publish": "0"})
    assert bad.status_code == 400 and "两个不同的村" in bad.text and "大于 0" in bad.text
    unchosen = client.post("/rates", data={"csrf": token, "from": "", "to": "没有这个村", "rate": "2", "publish": "0"})
    assert unchosen.status_code == 400
    assert "请从下拉框里选“从”哪个村" in unchosen.text.split('id="from-error">')[1][:60]
    assert "请从下拉框里选“到”哪个村" in unchosen.text.split('id="to-error">')[1][:60]
    preview = client.post("/rates", data={"csrf": token, "from": "青石村", "to": "桃源村", "rate": "2", "publish": "0"})
    assert "在桃源村可换 2 积分" in preview.text and "0.5 美德积分" in preview.text
    assert admin.one("SELECT COUNT(*) FROM record WHERE type = 'rate'")[0] == 0
    seen = re.search(r'name="seen" value="([0-9a-f]+)"', preview.text).group(1)
    client.post("/rates", data={"csrf": token, "from": "青石村", "to": "桃源村", "rate": "2", "publish": "1",
                                "seen": seen})
    rows = admin.all("SELECT body FROM record WHERE type = 'rate'")
    assert len(rows) == 1 and '"rate":"2"' in rows[0]["body"].replace(" ", "")
    assert accounts.audit_trail(admin)[0]["action"] == "rate_published"


def test_tables_export_to_xlsx_with_the_same_rows(client, admin, enrol):
    till = enrol()
    push_household(till, "3组7号", "=HYPERLINK(\"x\")")
    sign_in(client, admin)
    answer = client.get("/export/households.xlsx?village=青石村")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "门牌号" and rows[1][0] == "3组7号"
    assert rows[1][1].startswith("'=")          # a name is never a formula in Excel


def test_an_enrolment_code_is_shown_as_text_and_qr(client, admin):
    token = sign_in(client, admin)
    page = client.post("/terminals/code", data={"csrf": token, "village": "桃源村"})
    code = admin.one("SELECT code FROM enrol_code")["code"]
    assert code in page.text and "<svg" in page.text


def test_english_is_one_click_away(client, admin):
    sign_in(client, admin)
    assert "Overview" in client.get("/?lang=en").text
    assert "Overview" in client.get("/").text            # remembered in a cookie
    assert "总览" in client.get("/?lang=zh").text


def test_pages_keep_up_with_records_that_arrive_after_a_first_view(client, admin, enrol):
    """The folds read only new records: what arrives after a page view shows at the next one."""
    till = enrol()
    first = push_household(till, "1组1号", "甲")
    sign_in(client, admin)
    assert "0.00" in client.get("/").text and "乙" not in client.get("/villages/青石村").text
    push_household(till, "1组2号", "乙")
    till.push([till.entry(first, 700, kind="award", at="2026-09-21T08:00:00")])
    assert "7.00" in client.get("/").text
    village = client.get("/villages/青石村").text
    assert "乙" in village and "7.00" in village


def test_a_retired_counter_is_refused_from_then_on(client, admin, enrol):
    till = enrol(name="丢失的收银台")
    assert till.pull().status_code == 200
    token = sign_in(client, admin)
    assert client.post(f"/terminals/{till.id}/retire", data={"csrf": token, "reason": ""}).status_code == 400
    assert till.pull().status_code == 200                       # nothing retired without a reason
    client.post(f"/terminals/{till.id}/retire", data={"csrf": token, "reason": "被盗"})
    assert till.pull().status_code == 401
    assert "已停用：被盗" in client.get("/terminals").text
    assert "停用收银电脑" in client.get("/audit").text


def test_rankings_by_village_and_township_wide(client, admin, enrol):
    here, there = enrol(), enrol("桃源村")
    a = push_household(here, "1组1号", "青石甲")
    b = push_household(there, "2组1号", "桃源乙")
    here.push([here.entry(a, 300, kind="award")])
    there.push([there.entry(b, 900, kind="award")])
    sign_in(client, admin)
    township = client.get("/ranking").text
    assert township.index("桃源乙") < township.index("青石甲")
    village = client.get("/ranking?village=青石村").text
    assert "青石甲" in village and "桃源乙" not in village
