"""The 事件 page: a counter refused a new identity because its books' records sent before differ now
(kiosk/township/restore_judge.py) is said in words, and the township's clerk who checked the
village may let that proof through: recorded with who, when and why; never a village's own user."""

from __future__ import annotations

import pytest

from kiosk.township import reidentify, restore_judge
from kiosk.township.tables import restore_proof
from tests.township.console_helpers import sign_in

LINK = "ab" * 32


def _refused_counter(admin, enrol) -> str:
    """An incident as restore_judge writes it for a refused counter of 青石村; its terminal."""
    terminal = enrol().id
    words = "青石村的收银机“收银台1”说它的数据回到了以前、要换新的收银台号……可能有人改过村里的账。"
    admin.log_incident("rejected", {"reason": "chain_rewritten", "code": "restore_disproved", "seq": 3, "link": LINK,
                                    "words": words}, terminal_id=terminal, village_id=admin.village("青石村")["id"])
    return terminal


def test_the_township_s_clerk_allows_a_checked_copy_and_it_is_recorded(client, admin, enrol):
    terminal = _refused_counter(admin, enrol)
    incident = admin.one("SELECT id FROM incident")["id"]
    token = sign_in(client, admin)
    page = client.get("/incidents").text
    assert "可能有人改过村里的账" in page and "同意换号" in page and terminal not in page
    done = client.post(f"/incidents/{incident}/resolve", data={"csrf": token, "note": "到村里核对过", "allow": "1"})
    assert done.status_code == 200 and "没有待处理的事件" in done.text
    assert tuple(restore_proof.granted(admin, terminal, 3, LINK)) == ("李会计", admin.now_text())
    assert restore_proof.granted(admin, terminal, 3, "cd" * 32) is None
    assert "核对后同意收银机换号" in client.get("/audit").text


def test_a_village_s_own_user_may_not_allow_it(client, admin, enrol):
    terminal = _refused_counter(admin, enrol)
    incident = admin.one("SELECT id FROM incident")["id"]
    token = sign_in(client, admin, "青石村会计", "clerk", "青石村")
    assert "同意换号" not in client.get("/incidents").text
    refused = client.post(f"/incidents/{incident}/resolve", data={"csrf": token, "note": "没问题", "allow": "1"})
    assert refused.status_code == 403
    assert restore_proof.granted(admin, terminal, 3, LINK) is None
    assert admin.one("SELECT resolved_at FROM incident")["resolved_at"] is None


@pytest.mark.parametrize(("said", "words"), [
    ({"unproven": restore_judge.NO_PROOF}, "没有拿出能和乡镇核对的旧账"),
    ({"unproven": restore_judge.BEYOND}, "比乡镇收到的还多"),
    ({"unproven": restore_judge.REFUSED}, "没收下它交来的某条记录"),
    ({"granted_by": "李会计", "granted_at": "2026-01-01 08:00:00"}, "李会计 核对后同意换号")])
def test_a_new_number_given_unchecked_or_by_a_grant_is_said_in_words_on_the_console(client, admin, enrol, said, words):
    terminal = admin.terminal(enrol().id)
    verdict = restore_judge.PROVED if "granted_by" in said else restore_judge.UNPROVEN
    reidentify.renew(admin, terminal, "books-2", "restore", verdict, said)
    sign_in(client, admin)
    [what] = [line for line in client.get("/incidents").text.splitlines() if 'class="what"' in line]
    assert words in what and "青石村的收银机“收银台1”" in what and "换成新的终端号 2（原来是 1）" in what
    assert "renewed" not in what and "_here" not in what and terminal["id"] not in what
