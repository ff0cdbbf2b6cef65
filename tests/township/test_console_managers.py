"""The clerk confirms a village's managers (回避): the village page lists them as the counters sent
them, with a Confirm button for one whose PIN another manager may know; `kiosk-township
confirm-manager` does the same from the command line (kiosk/township/managers.py)."""

from __future__ import annotations

import json

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from kiosk.township import cli
from tests.township.console_helpers import push_household, sign_in

FIRST, SECOND = new_id(), new_id()


def push_managers(till, version: int = 2, known_to: tuple[str, ...] = (FIRST,)) -> None:
    """刘建军 (the first manager) and 王秀兰, whom he added (so he may know her PIN), as a counter sends them."""
    bodies = [{"id": FIRST, "name": "刘建军", "role": "manager", "active": 1, "resident_id": None,
               "created_at": "2026-11-01 08:00:00", "pin_known_to": "[]", "pin_version": 1},
              {"id": SECOND, "name": "王秀兰", "role": "manager", "active": 1, "resident_id": None,
               "created_at": "2026-11-01 08:05:00", "pin_known_to": json.dumps(list(known_to)),
               "pin_version": version}]
    records = []
    for body in bodies:
        till.seq += 1
        records.append(Record.make(new_id(), till.id, till.seq, "manager", body))
    assert till.push(records).status_code == 200


def confirmations(store) -> list[dict]:
    return [json.loads(r["body"]) for r in store.all("SELECT body FROM record WHERE type = 'manager_confirmed'")]


def confirm_path(village: str = "青石村", operator: str = SECOND) -> str:
    return f"/villages/{village}/managers/{operator}/confirm"


def test_the_village_page_lists_the_managers_and_the_clerk_confirms_one(client, admin, enrol):
    till = enrol()
    push_household(till, "1组8号", "张桂兰")
    push_managers(till)
    token = sign_in(client, admin)
    page = client.get("/villages/青石村").text
    assert "王秀兰" in page and "待乡镇确认" in page and "刘建军" in page and "只有本人" in page
    assert page.count('class="confirm-manager"') == 1
    done = client.post(confirm_path(), data={"csrf": token}, follow_redirects=False)
    assert done.status_code == 303
    assert confirmations(admin) == [{"operator_id": SECOND, "pin_version": 2, "name": "王秀兰"}]
    page = client.get("/villages/青石村").text
    assert "已确认，等收银机同步" in page and 'class="confirm-manager"' not in page
    assert client.post(confirm_path(), data={"csrf": token}).status_code == 200   # again: nothing more published
    assert len(confirmations(admin)) == 1
    assert "确认村里的管理员" in client.get("/audit").text


def test_a_viewer_or_another_villages_clerk_cannot_confirm(client, admin, enrol):
    push_managers(enrol())
    token = sign_in(client, admin, "王看看", "viewer")
    assert client.post(confirm_path(), data={"csrf": token}).status_code == 403
    token = sign_in(client, admin, "桃源会计", "clerk", "桃源村")
    assert client.post(confirm_path(), data={"csrf": token}).status_code == 403
    assert client.post(confirm_path(), data={"csrf": "forged"}).status_code == 403
    assert confirmations(admin) == []


def test_an_unknown_manager_is_refused_in_words(client, admin, enrol):
    push_managers(enrol())
    token = sign_in(client, admin)
    answer = client.post(confirm_path(operator="no-such-operator"), data={"csrf": token})
    assert answer.status_code == 404 and "没有这位管理员" in answer.text
    assert confirmations(admin) == []


def test_confirm_manager_from_the_command_line(client, admin, enrol, db_path, capsys):
    push_managers(enrol(), version=3)
    capsys.readouterr()
    assert cli.main(["--db", str(db_path), "confirm-manager", "青石村", "王秀兰"]) == 0
    assert "已确认青石村的管理员王秀兰" in capsys.readouterr().out
    assert confirmations(admin) == [{"operator_id": SECOND, "pin_version": 3, "name": "王秀兰"}]
    assert cli.main(["--db", str(db_path), "confirm-manager", "青石村", "刘建军"]) == 0   # nobody else set his
    assert "不用再确认" in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "confirm-manager", "青石村", "赵六"]) == 1
    assert "没有叫“赵六”的在用管理员" in capsys.readouterr().err
    assert len(confirmations(admin)) == 1
