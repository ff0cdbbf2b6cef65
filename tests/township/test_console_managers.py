"""The clerk confirms a village's managers (回避): the village page lists them as the counters sent
them, each with its counter, with a Confirm button for one whose PIN another manager may know once
they changed it themselves; the confirmation is for that one manager (by id) at the PIN the page
showed. `kiosk-township confirm-manager` does the same from the command line for a name only one
manager of the village has (kiosk/township/managers.py)."""

from __future__ import annotations

import json

import pytest

from kiosk.core.ids import new_id
from kiosk.sync.wire import Record
from kiosk.township import cli
from tests.township.console_helpers import push_household, sign_in

FIRST, SECOND = new_id(), new_id()
STAMP = "stamp-of-her-own-pin"


def manager(operator_id: str, name: str, known_to=(), version: int = 1, own: int = 0, stamp: str = "") -> dict:
    return {"id": operator_id, "name": name, "role": "manager", "active": 1, "resident_id": None,
            "created_at": "2026-11-01 08:00:00", "pin_known_to": json.dumps(list(known_to)),
            "pin_version": version, "pin_own": own, "pin_set_id": stamp or f"stamp-{operator_id}-{version}"}


def push(till, *bodies: dict) -> None:
    records = []
    for body in bodies:
        till.seq += 1
        records.append(Record.make(new_id(), till.id, till.seq, "manager", body))
    assert till.push(records).status_code == 200


def push_managers(till, version: int = 2, known_to: tuple[str, ...] = (FIRST,), own: int = 1,
                  stamp: str = STAMP) -> None:
    """刘建军 (the first manager) and 王秀兰, whom he added (so he may know her PIN) and who changed it
    herself (`own`), as a counter sends them."""
    push(till, manager(FIRST, "刘建军"), manager(SECOND, "王秀兰", known_to, version, own, stamp))


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
    assert "本人已自己改过密码" in page and f'name="pin_set_id" value="{STAMP}"' in page
    done = client.post(confirm_path(), data={"csrf": token, "pin_set_id": STAMP}, follow_redirects=False)
    assert done.status_code == 303
    assert confirmations(admin) == [{"operator_id": SECOND, "pin_set_id": STAMP, "pin_version": 2, "name": "王秀兰"}]
    page = client.get("/villages/青石村").text
    assert "已确认，等收银机同步" in page and 'class="confirm-manager"' not in page
    again = client.post(confirm_path(), data={"csrf": token, "pin_set_id": STAMP})
    assert again.status_code == 200   # again: nothing more published
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
    assert confirmations(admin) == [{"operator_id": SECOND, "pin_set_id": STAMP, "pin_version": 3, "name": "王秀兰"}]
    assert cli.main(["--db", str(db_path), "confirm-manager", "青石村", "刘建军"]) == 0   # nobody else set his
    assert "不用再确认" in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "confirm-manager", "青石村", "赵六"]) == 1
    assert "没有叫“赵六”的在用管理员" in capsys.readouterr().err
    assert len(confirmations(admin)) == 1


def test_of_two_managers_of_one_name_on_two_counters_only_the_one_clicked_is_confirmed(client, admin, enrol, db_path,
                                                                                     capsys):
    """A manager on counter 2 adds a puppet named like the real manager of counter 1: confirming the
    real one (by id) leaves the puppet as it was; the command line, which cannot tell them apart, refuses."""
    push_managers(enrol())
    puppet, second_till = new_id(), enrol(name="收银台2")
    push(second_till, manager(puppet, "王秀兰", (FIRST,), 2, 1, "puppet-stamp"))
    token = sign_in(client, admin)
    page = client.get("/villages/青石村").text
    assert page.count('class="confirm-manager"') == 2 and "收银台1" in page and "收银台2" in page
    assert client.post(confirm_path(), data={"csrf": token, "pin_set_id": STAMP}).status_code == 200
    assert [c["operator_id"] for c in confirmations(admin)] == [SECOND]
    capsys.readouterr()
    assert cli.main(["--db", str(db_path), "confirm-manager", "青石村", "王秀兰"]) == 1
    said = capsys.readouterr().err
    assert "2位在用管理员都叫“王秀兰”" in said and "网页" in said
    assert [c["operator_id"] for c in confirmations(admin)] == [SECOND]


def test_a_pin_another_set_waits_for_the_manager_to_change_it_themselves(client, admin, enrol, db_path, capsys):
    till = enrol()
    push_managers(till, own=0)                       # he reset her PIN: not her own
    token = sign_in(client, admin)
    page = client.get("/villages/青石村").text
    assert "等本人在收银机上自己改一次密码（现在的密码是刘建军设的）" in page
    assert 'class="confirm-manager"' not in page and "本人已自己改过密码" not in page
    answer = client.post(confirm_path(), data={"csrf": token, "pin_set_id": STAMP})
    assert answer.status_code == 409 and "不是本人自己改的" in answer.text
    capsys.readouterr()
    assert cli.main(["--db", str(db_path), "confirm-manager", "青石村", "王秀兰"]) == 1
    assert "等本人在收银机上自己改一次密码" in capsys.readouterr().err
    assert confirmations(admin) == []


def test_a_pin_changed_after_the_clerk_checked_it_is_refused_in_words(client, admin, enrol):
    """She changed her PIN and the clerk phoned her; before the click, he reset it and the counter synced."""
    till = enrol()
    push_managers(till)
    token = sign_in(client, admin)
    client.get("/villages/青石村")                               # the page shows her own PIN (STAMP)
    push(till, manager(SECOND, "王秀兰", (FIRST,), 3, 1, "his-reset-then-hers-again"))
    answer = client.post(confirm_path(), data={"csrf": token, "pin_set_id": STAMP})
    assert answer.status_code == 409 and "这位管理员的密码在您核实之后又改过，请重新核实" in answer.text
    assert client.post(confirm_path(), data={"csrf": token}).status_code == 409   # no stamp posted: none checked
    assert confirmations(admin) == []


def test_a_manager_gone_since_the_page_was_shown_is_said_in_words_without_an_id(client, admin, enrol):
    from kiosk.township import managers
    from kiosk.township.words import TownshipRefused
    till = enrol()
    push_managers(till)
    push(till, {**manager(SECOND, "王秀兰", (FIRST,), 2, 1, STAMP), "active": 0})     # stopped at the counter
    with pytest.raises(TownshipRefused) as refused:
        managers.confirm_by_id(admin, "青石村", SECOND, STAMP)
    words = refused.value.words("zh")
    assert refused.value.code == "manager_gone" and "青石村" in words and SECOND not in words
    assert confirmations(admin) == []
