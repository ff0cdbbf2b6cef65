"""Console accounts: users with roles, argon2 passwords, sessions, lockout and the audit trail.

Everything lives in the township's database (console.sql), never in process memory: a
restarted server keeps its sessions and its lockouts. A session cookie is a random token;
only its SHA-256 is stored. Each session carries its own CSRF token for every form.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kiosk.township.store import Store

ROLES = ("admin", "clerk", "viewer")
MAX_FAILURES, LOCK_MINUTES = 5, 15
SESSION_HOURS = 8
MIN_PASSWORD = 10
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("not a password of anyone")
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class ConsoleRefused(Exception):
    """A refusal with a word code of kiosk.township.console.words and its placeholders."""

    def __init__(self, code: str, status: int = 400, /, **params: object) -> None:
        super().__init__(code)
        self.code, self.status, self.params = code, status, params


def audit(conn, store: Store, user: str, action: str, detail: dict) -> None:
    conn.execute("INSERT INTO console_audit (at, user_name, action, detail) VALUES (?, ?, ?, ?)",
                 (store.now_text(), user, action, json.dumps(detail, ensure_ascii=False, sort_keys=True)))


def one_time_password() -> str:
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


def add_user(store: Store, name: str, role: str, village: str | None, actor: str = "cli") -> str:
    """A new user with a one-time password (returned once, changed at first login)."""
    name = name.strip()
    if not name or len(name) > 40:
        raise ConsoleRefused("user_name_bad")
    if role not in ROLES:
        raise ConsoleRefused("role_bad")
    village_id = store.village(village)["id"] if village else None
    if store.one("SELECT 1 FROM console_user WHERE name = ?", (name,)):
        raise ConsoleRefused("user_exists", name=name)
    password = one_time_password()
    with store.write() as conn:
        conn.execute("INSERT INTO console_user (name, role, village_id, password_hash, must_change, created_at)"
                     " VALUES (?, ?, ?, ?, 1, ?)", (name, role, village_id, _hasher.hash(password), store.now_text()))
        audit(conn, store, actor, "user_add", {"name": name, "role": role, "village": village or ""})
    return password


def login(store: Store, name: str, password: str) -> tuple[str, dict]:
    """(cookie token, user) for the right password; refused when wrong or locked (counted in the DB)."""
    user = store.one("SELECT * FROM console_user WHERE name = ?", (name.strip(),))
    if user is None:
        _verify(_DUMMY, password)          # same work as for a real user: no hint who exists
        raise ConsoleRefused("login_wrong", 401)
    if user["locked_until"] > store.clock():
        raise ConsoleRefused("login_locked", 429, minutes=LOCK_MINUTES)
    if not _verify(user["password_hash"], password):
        _count_failure(store, user)
        raise ConsoleRefused("login_wrong", 401)
    token = secrets.token_urlsafe(32)
    now = store.clock()
    with store.write() as conn:
        conn.execute("UPDATE console_user SET failures = 0, locked_until = 0 WHERE name = ?", (user["name"],))
        conn.execute("INSERT INTO console_session (token_hash, user_name, csrf, created_at, expires_at)"
                     " VALUES (?, ?, ?, ?, ?)", (_digest(token), user["name"], secrets.token_urlsafe(24),
                                                 now, now + SESSION_HOURS * 3600))
        audit(conn, store, user["name"], "login", {})
    return token, dict(user)


def _verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def _count_failure(store: Store, user) -> None:
    with store.write() as conn:
        failures = user["failures"] + 1
        locked = store.clock() + LOCK_MINUTES * 60 if failures >= MAX_FAILURES else 0
        conn.execute("UPDATE console_user SET failures = ?, locked_until = ? WHERE name = ?",
                     (0 if locked else failures, locked, user["name"]))
        audit(conn, store, user["name"], "login_locked" if locked else "login_failed", {"failures": failures})


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def session(store: Store, token: str | None) -> dict | None:
    """The signed-in user of a cookie (with the session's csrf), or None."""
    if not token:
        return None
    row = store.one("SELECT u.name, u.role, u.village_id, u.must_change, s.csrf, s.expires_at"
                    " FROM console_session s JOIN console_user u ON u.name = s.user_name"
                    " WHERE s.token_hash = ?", (_digest(token),))
    if row is None or row["expires_at"] < store.clock():
        return None
    return dict(row)


def csrf_ok(user: dict, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(user["csrf"], sent)


def logout(store: Store, token: str) -> None:
    with store.write() as conn:
        conn.execute("DELETE FROM console_session WHERE token_hash = ?", (_digest(token),))


def change_password(store: Store, user: dict, old: str, new: str, repeat: str) -> None:
    row = store.one("SELECT password_hash FROM console_user WHERE name = ?", (user["name"],))
    if row is None or not _verify(row["password_hash"], old):
        raise ConsoleRefused("password_old_wrong")
    if len(new) < MIN_PASSWORD:
        raise ConsoleRefused("password_short", most=MIN_PASSWORD)
    if new != repeat:
        raise ConsoleRefused("password_mismatch")
    if new == old:
        raise ConsoleRefused("password_same")
    with store.write() as conn:
        conn.execute("UPDATE console_user SET password_hash = ?, must_change = 0 WHERE name = ?",
                     (_hasher.hash(new), user["name"]))
        audit(conn, store, user["name"], "password_changed", {})


def audit_trail(store: Store, limit: int = 200, only_user: str | None = None) -> list[dict]:
    """Newest first; a village's user sees only their own actions (others' name other villages)."""
    if only_user is not None:
        rows = store.all("SELECT at, user_name, action, detail FROM console_audit WHERE user_name = ?"
                         " ORDER BY id DESC LIMIT ?", (only_user, limit))
    else:
        rows = store.all("SELECT at, user_name, action, detail FROM console_audit ORDER BY id DESC LIMIT ?", (limit,))
    return [dict(r) | {"detail": json.loads(r["detail"])} for r in rows]
