"""The web console's own tables (console.sql): console_user, console_session, console_audit,
console_draft, and township_key, the key that signs 积分证明."""

from __future__ import annotations

import json
from typing import Any

# users and sessions

def user_exists(store: Any, name: str) -> bool:
    return store.one("SELECT 1 FROM console_user WHERE name = ?", (name,)) is not None


def add_user(conn: Any, *, name: str, role: str, village_id: str | None, password_hash: str, at: str) -> None:
    """A new user who must change the one-time password at first login."""
    conn.execute("INSERT INTO console_user (name, role, village_id, password_hash, must_change, created_at)"
                 " VALUES (?, ?, ?, ?, 1, ?)", (name, role, village_id, password_hash, at))


def user(store: Any, name: str) -> Any:
    return store.one("SELECT * FROM console_user WHERE name = ?", (name,))


def password_hash(store: Any, name: str) -> Any:
    return store.one("SELECT password_hash FROM console_user WHERE name = ?", (name,))


def set_password(conn: Any, name: str, password_hash: str) -> None:
    conn.execute("UPDATE console_user SET password_hash = ?, must_change = 0 WHERE name = ?", (password_hash, name))


def set_failures(conn: Any, name: str, failures: int, locked_until: float) -> None:
    conn.execute("UPDATE console_user SET failures = ?, locked_until = ? WHERE name = ?",
                 (failures, locked_until, name))


def open_session(conn: Any, *, token_hash: str, name: str, csrf: str, at: float, expires_at: float) -> None:
    conn.execute("INSERT INTO console_session (token_hash, user_name, csrf, created_at, expires_at)"
                 " VALUES (?, ?, ?, ?, ?)", (token_hash, name, csrf, at, expires_at))


def session_user(store: Any, token_hash: str) -> Any:
    """The user of a session with the session's csrf and expiry, or None."""
    return store.one("SELECT u.name, u.role, u.village_id, u.must_change, s.csrf, s.expires_at"
                     " FROM console_session s JOIN console_user u ON u.name = s.user_name"
                     " WHERE s.token_hash = ?", (token_hash,))


def close_session(conn: Any, token_hash: str) -> None:
    conn.execute("DELETE FROM console_session WHERE token_hash = ?", (token_hash,))


# audit

def audit(conn: Any, *, at: str, user: str, action: str, detail: dict) -> None:
    conn.execute("INSERT INTO console_audit (at, user_name, action, detail) VALUES (?, ?, ?, ?)",
                 (at, user, action, json.dumps(detail, ensure_ascii=False, sort_keys=True)))


def audit_rows(store: Any, limit: int, only_user: str | None) -> list:
    """Newest first, of one user or of all."""
    if only_user is not None:
        return store.all("SELECT at, user_name, action, detail FROM console_audit WHERE user_name = ?"
                         " ORDER BY id DESC LIMIT ?", (only_user, limit))
    return store.all("SELECT at, user_name, action, detail FROM console_audit ORDER BY id DESC LIMIT ?", (limit,))


# drafts

def draft_published(conn: Any, draft_id: str, by: str, at: str) -> None:
    conn.execute("UPDATE console_draft SET published_by = ?, published_at = ? WHERE id = ?"
                 " AND published_at IS NULL", (by, at, draft_id))


def replace_open_draft(conn: Any, *, draft_id: str, kind: str, form: str, summary: str, by: str, at: str) -> bool:
    """Saving an open draft again replaces its fields; False when there is no such open draft."""
    return bool(conn.execute("UPDATE console_draft SET form = ?, summary = ?, saved_by = ?, saved_at = ?"
                             " WHERE id = ? AND kind = ? AND published_at IS NULL",
                             (form, summary, by, at, draft_id, kind)).rowcount)


def add_draft(conn: Any, *, draft_id: str, kind: str, form: str, summary: str, by: str, at: str) -> None:
    conn.execute("INSERT INTO console_draft (id, kind, form, summary, saved_by, saved_at)"
                 " VALUES (?, ?, ?, ?, ?, ?)", (draft_id, kind, form, summary, by, at))


def open_drafts(store: Any, kind: str) -> list:
    return store.all("SELECT id, summary, saved_by, saved_at FROM console_draft"
                     " WHERE kind = ? AND published_at IS NULL ORDER BY saved_at DESC", (kind,))


def open_draft_form(store: Any, kind: str, draft_id: str) -> Any:
    return store.one("SELECT form FROM console_draft WHERE id = ? AND kind = ? AND published_at IS NULL",
                     (draft_id, kind))


# the signing key

def signing_key(store: Any) -> Any:
    return store.one("SELECT private_hex FROM township_key WHERE id = 'ed25519'")


def keep_signing_key(conn: Any, private_hex: str, public_hex: str, at: str) -> None:
    """The first key kept wins: two servers making one at once keep the same one."""
    conn.execute("INSERT INTO township_key (id, private_hex, public_hex, created_at) VALUES ('ed25519', ?, ?, ?)"
                 " ON CONFLICT (id) DO NOTHING", (private_hex, public_hex, at))
