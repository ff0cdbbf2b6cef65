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
from kiosk.township.tables import console as tables

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
    tables.audit(conn, at=store.now_text(), user=user, action=action, detail=detail)


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
    if tables.user_exists(store, name):
        raise ConsoleRefused("user_exists", name=name)
    password = one_time_password()
    with store.write() as conn:
        tables.add_user(conn, name=name, role=role, village_id=village_id, password_hash=_hasher.hash(password),
                        at=store.now_text())
        audit(conn, store, actor, "user_add", {"name": name, "role": role, "village": village or ""})
    return password


def login(store: Store, name: str, password: str) -> tuple[str, dict]:
    """(cookie token, user) for the right password; refused when wrong or locked (counted in the DB)."""
    user = tables.user(store, name.strip())
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
        tables.set_failures(conn, user["name"], 0, 0)
        tables.open_session(conn, token_hash=_digest(token), name=user["name"], csrf=secrets.token_urlsafe(24),
                            at=now, expires_at=now + SESSION_HOURS * 3600)
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
        tables.set_failures(conn, user["name"], 0 if locked else failures, locked)
        audit(conn, store, user["name"], "login_locked" if locked else "login_failed", {"failures": failures})


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def session(store: Store, token: str | None) -> dict | None:
    """The signed-in user of a cookie (with the session's csrf), or None."""
    if not token:
        return None
    row = tables.session_user(store, _digest(token))
    if row is None or row["expires_at"] < store.clock():
        return None
    return dict(row)


def csrf_ok(user: dict, sent: str | None) -> bool:
    return bool(sent) and hmac.compare_digest(user["csrf"], sent)


def logout(store: Store, token: str) -> None:
    with store.write() as conn:
        tables.close_session(conn, _digest(token))


def change_password(store: Store, user: dict, old: str, new: str, repeat: str) -> None:
    row = tables.password_hash(store, user["name"])
    if row is None or not _verify(row["password_hash"], old):
        raise ConsoleRefused("password_old_wrong")
    if len(new) < MIN_PASSWORD:
        raise ConsoleRefused("password_short", most=MIN_PASSWORD)
    if new != repeat:
        raise ConsoleRefused("password_mismatch")
    if new == old:
        raise ConsoleRefused("password_same")
    with store.write() as conn:
        tables.set_password(conn, user["name"], _hasher.hash(new))
        audit(conn, store, user["name"], "password_changed", {})


def audit_trail(store: Store, limit: int = 200, only_user: str | None = None) -> list[dict]:
    """Newest first; a village's user sees only their own actions (others' name other villages)."""
    rows = tables.audit_rows(store, limit, only_user)
    return [dict(r) | {"detail": json.loads(r["detail"])} for r in rows]
