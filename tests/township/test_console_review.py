"""复核 flags: own household, far above the village's median for the rule, backdated; filters."""

from __future__ import annotations

from tests.township.console_helpers import push_household, sign_in

TODAY = "2026-09-21"   # NOW is 2026-09-21 UTC


def _award(till, account, hundredths, rule="r-clean", at=f"{TODAY}T08:00:00", **extra):
    return till.entry(account, hundredths, kind="award", rule_id=rule, at=at, activity_date=at[:10], **extra)


def test_awards_are_flagged_and_filtered(client, admin, enrol):
    till = enrol()
    account = push_household(till, "2组5号", "钱大")
    own_resident = admin.one("SELECT body FROM record WHERE type = 'resident'")["body"].split('"id":"')[1][:36]
    usual = [_award(till, account, 200, operator_id="op-a") for _ in range(5)]
    big = _award(till, account, 2000, operator_id="op-a", note="很大")
    late = _award(till, account, 200, at="2026-09-01T08:00:00", operator_id="op-a", note="补记")
    mine = _award(till, account, 200, operator_id=own_resident, note="自家", rule="r-other")
    assert till.push([*usual, big, late, mine]).status_code == 200
    sign_in(client, admin)
    page = client.get("/villages/青石村/review").text
    rows = page.split('<tr class="award">')[1:]
    flags = {("很大" if "20.00" in r else "补记" if "2026-09-01" in r else "自家" if "给自家加分" in r else "-"):
             r for r in rows}
    assert "远高于本村同类" in flags["很大"]
    assert "补记（超过 7 天）" in flags["补记"]
    assert "给自家加分" in flags["自家"]
    assert sum("疑点" in r or "warn flag" in r for r in rows) == 3
    only_big = client.get("/villages/青石村/review?min=10").text
    assert only_big.count('<tr class="award">') == 1
    other_rule = client.get("/villages/青石村/review?rule=r-other").text
    assert other_rule.count('<tr class="award">') == 1
