"""What a push says of the credits its books know (kiosk/township/tables/holds.py, "credits known but not
arrived"), as the township keeps and weighs it: the largest per spender, only beside that spender's own
spending, never hiding a double spend with the township's own 积分互认 debit (which itself never takes
a sale balance below zero: it checks the merged balance, and a sale balance below zero is a balance below zero)."""

from __future__ import annotations

import json

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from tests.township.test_cross import _publish_rate, _redeem, qingshi, taoyuan  # noqa: F401 (fixtures)

ACCOUNT = "acct-ty-2-5"


def _push(till, records: list[Record], credits: dict | None = None):
    body = {"records": [r.as_json() for r in records]} | ({"credits": credits} if credits is not None else {})
    answer = till.call("POST", "/v1/push", json.dumps(body).encode())
    assert answer.status_code == 200, answer.text
    assert till.pull().status_code == 200        # the whole push is in: judged at the pull
    return answer


def _claims(admin) -> list[int]:
    return [r[0] for r in admin.all("SELECT hundredths FROM hold_claim WHERE account_id = ? ORDER BY spender",
                                    (ACCOUNT,))]


def _held(admin) -> list[str]:
    return [r[0] for r in admin.all("SELECT account_id FROM incident WHERE kind = 'overdraft'"
                                    " AND resolved_at IS NULL")]


def test_the_largest_claim_of_a_spender_is_kept_and_only_beside_its_spending(enrol, admin):
    till = enrol("桃源村", "B")
    _push(till, [till.entry(ACCOUNT, 1000, kind="award")], {ACCOUNT: 5000})   # no spending: nothing kept
    assert _claims(admin) == []
    _push(till, [till.entry(ACCOUNT, -500, kind="deduct")], {ACCOUNT: 5000})  # a deduction never overdraws
    assert _claims(admin) == []
    _push(till, [till.entry(ACCOUNT, -500, kind="redeem"), till.entry("acct-other", 100, kind="award")],
          {ACCOUNT: 5000, "acct-other": 9000})
    assert _claims(admin) == [5000]
    assert admin.all("SELECT 1 FROM hold_claim WHERE account_id = 'acct-other'") == []
    _push(till, [till.entry(ACCOUNT, -100, kind="redeem")], {ACCOUNT: 3000})   # less, later: the largest stays
    assert _claims(admin) == [5000]


def test_a_resend_says_nothing_new_of_credits(enrol, admin):
    till = enrol("桃源村", "B")
    sale = till.entry(ACCOUNT, -500, kind="redeem")
    _push(till, [sale], {ACCOUNT: 1000})
    answer = _push(till, [sale], {ACCOUNT: 90000})          # stored already: its claim was said then
    assert answer.json()["results"][0]["status"] == "duplicate"
    assert _claims(admin) == [1000]


def test_a_counter_that_never_knew_the_townships_debit_is_held_though_it_claims_the_credits(
        enrol, admin, taoyuan, qingshi):
    """100 points arrived from 桃源村's counter; the township takes 80 of them for an exchange at 青石村
    (积分互认); a second 桃源村 counter set up from the first's copy, not knowing the debit, sells 60 and
    says its books know 100: they have arrived, so nothing explains the shortfall."""
    _publish_rate(admin)
    assert _redeem(qingshi, new_id(), 6400).status_code == 200   # 64 青石村 分 = 80 桃源村 分
    assert _held(admin) == []
    copy = enrol("桃源村", "桃源村二号收银台")
    _push(copy, [copy.entry(ACCOUNT, -6000, kind="redeem")], {ACCOUNT: 10000})
    assert _held(admin) == [ACCOUNT]
