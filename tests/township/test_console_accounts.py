"""乡镇管理台 accounts: one-time passwords, argon2, cookies, CSRF, lockout in the DB, village scope, audit."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from kiosk.township import cli
from kiosk.township.app import create_app
from kiosk.township.console import accounts
from tests.township.console_helpers import (
    NEW_PASSWORD,
    csrf_in,
    push_household,
    sign_in,
)


def _login(client, name: str, password: str):
    page = client.get("/login")
    return client.post("/login", data={"csrf": csrf_in(page.text), "name": name, "password": password},
                       follow_redirects=False)


def test_user_add_prints_a_one_time_password_stored_only_as_argon2(db_path, admin, capsys):
    admin.close()
    assert cli.main(["--db", str(db_path), "user", "add", "王站长", "--role", "admin"]) == 0
    assert "一次性密码（第一次登录时必须修改）: " in capsys.readouterr().out
    assert cli.main(["--db", str(db_path), "--json", "user", "add", "张站长", "--role", "admin"]) == 0
    password = json.loads(capsys.readouterr().out)["one_time_password"]
    store = type(admin)(db_path)
    row = store.one("SELECT * FROM console_user WHERE name = '张站长'")
    assert row["password_hash"].startswith("$argon2id$") and password not in row["password_hash"]
    assert row["must_change"] == 1
    store.close()


def test_user_add_refuses_an_unknown_role_or_village(db_path, admin, capsys):
    admin.close()
    assert cli.main(["--db", str(db_path), "user", "add", "x", "--role", "clerk", "--village", "无此村"]) == 1
    assert "没有叫“无此村”的村" in capsys.readouterr().err


def test_first_login_must_change_the_password_then_the_pages_open(client, admin):
    first = accounts.add_user(admin, "李会计", "clerk", None)
    answer = _login(client, "李会计", first)
    assert answer.status_code == 303 and answer.headers["location"] == "/password"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert client.get("/", follow_redirects=False).headers["location"] == "/password"
    token = csrf_in(client.get("/password").text)
    short = client.post("/password", data={"csrf": token, "old": first, "new": "short", "repeat": "short"})
    assert short.status_code == 400 and "新密码太短" in short.text
    client.post("/password", data={"csrf": token, "old": first, "new": NEW_PASSWORD, "repeat": NEW_PASSWORD})
    assert client.get("/", follow_redirects=False).status_code == 200


def test_a_wrong_password_is_refused_and_five_lock_the_account_in_the_database(client, admin, db_path, clock):
    accounts.add_user(admin, "李会计", "clerk", None)
    answer = _login(client, "李会计", "wrong")
    assert answer.status_code == 401 and "用户名或密码不对" in answer.text
    assert "ts_session" not in answer.headers.get("set-cookie", "")
    for _ in range(4):
        _login(client, "李会计", "wrong")
    with TestClient(create_app(db_path, clock)) as restarted:   # a new process: the lock is in the DB
        assert _login(restarted, "李会计", "wrong").status_code == 429
    clock.now += accounts.LOCK_MINUTES * 60 + 1
    assert _login(client, "李会计", "wrong").status_code == 401
    actions = [r["action"] for r in accounts.audit_trail(admin)]
    assert "login_locked" in actions


def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(client, admin, enrol):
    sign_in(client, admin)
    admin.log_incident("gap", {"detail": "x"}, village_id=admin.village("青石村")["id"])
    incident = admin.one("SELECT id FROM incident")["id"]
    for data in ({"note": "done"}, {"note": "done", "csrf": "forged"}):
        answer = client.post(f"/incidents/{incident}/resolve", data=data)
        assert answer.status_code == 403 and "表单已过期" in answer.text
    assert admin.one("SELECT resolved_at FROM incident")["resolved_at"] is None
    login = client.post("/login", data={"name": "李会计", "password": NEW_PASSWORD})
    assert login.status_code == 403


def test_a_village_viewer_sees_only_their_village(client, admin, enrol):
    till = enrol("桃源村")
    push_household(till, "1组1号", "桃源户主")
    sign_in(client, admin, "青石村看", "viewer", "青石村")
    assert client.get("/villages/青石村").status_code == 200
    other = client.get("/villages/桃源村")
    assert other.status_code == 403 and "桃源户主" not in other.text and "只能查看本村" in other.text
    assert client.get("/export/households.xlsx?village=桃源村").status_code == 403
    overview = client.get("/")
    assert "青石村" in overview.text and "桃源村" not in overview.text
    assert "桃源户主" not in client.get("/ranking").text
    assert client.get("/ranking?village=桃源村").status_code == 403
    accounts.add_user(admin, "桃源文书", "clerk", "桃源村")                 # in the audit trail, by "cli"
    assert "桃源文书" not in client.get("/audit").text


def test_a_viewer_cannot_resolve_or_publish(client, admin):
    token = sign_in(client, admin, "看看", "viewer")
    answer = client.post("/rates", data={"csrf": token, "from": "青石村", "to": "桃源村", "rate": "2", "publish": "1"})
    assert answer.status_code == 403
    assert admin.one("SELECT COUNT(*) FROM record WHERE type = 'rate'")[0] == 0


def test_signing_out_ends_the_session(client, admin):
    token = sign_in(client, admin)
    client.post("/logout", data={"csrf": token})
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"


def test_cookies_are_secure_when_served_over_https(admin, db_path, clock):
    first = accounts.add_user(admin, "李会计", "clerk", None)
    with TestClient(create_app(db_path, clock), base_url="https://township.test") as secure:
        answer = _login(secure, "李会计", first)
        cookie = answer.headers["set-cookie"].lower()
        assert answer.status_code == 303 and "secure" in cookie and "httponly" in cookie
