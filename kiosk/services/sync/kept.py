"""Records the township refused, kept aside (sync_reject): a manager reads and deals with them.

Nothing here ever drops a record. 重新提交 journals the same local record again, so the
outbox sends it once more under a new number (after the cause is fixed at the township);
标记已处理 writes an audit row with the manager's note. Both are remembered only in the
audit trail (target "sync_reject", id "terminal:seq"): sync_reject itself stays as it came.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.i18n import _
from kiosk.services.context import Context
from kiosk.services.permissions import Action, require
from kiosk.services.sync.kept_words import describe, reason_code, type_words, why_words
from kiosk.services.trail import audit_row
from kiosk.store import journal, sync_reject
from kiosk.store import outbox as outbox_store
from kiosk.store.db import Database
from kiosk.sync import outbox, state

RESENT, HANDLED = "sync_reject_resend", "sync_reject_handled"
NOTE_MOST = 200


@dataclass(frozen=True)
class Kept:
    terminal_id: str
    seq: int
    record_type: str
    kind_words: str       # 积分记录, 兑换 …
    what: str             # whose, which goods, how many points: in words
    made_at: str          # when the record was made here
    refused_at: str
    why: str              # the township's refusal in words
    dealt: str            # "", "resent" or "handled"
    dealt_words: str      # 已重新提交（第 N 条） / 已处理：note — by whom, when
    can_resend: bool


def open_count(db: Database) -> int:
    """Refused records nobody has re-sent or marked handled yet."""
    return sync_reject.open_count(db, (RESENT, HANDLED))


def kept_aside(ctx: Context, limit: int = 200) -> list[Kept]:
    """Open ones first, then newest first."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    return [_kept(ctx.db, row) for row in sync_reject.kept_aside(ctx.db, (RESENT, HANDLED), limit)]


def _kept(db: Database, row) -> Kept:
    local_id = _local_id(db, row)
    what, made = describe(db, row["type"], local_id)
    dealt, dealt_words = _dealt(db, _key(row["terminal_id"], row["seq"]))
    resendable = not dealt and _resend_problem(db, row, local_id) is None
    return Kept(row["terminal_id"], row["seq"], row["type"], type_words(row["type"]), what, made, row["at"],
                why_words(row["status"], row["reason"]), dealt, dealt_words, resendable)


def _key(terminal_id: str, seq: int) -> str:
    return f"{terminal_id}:{seq}"


def _local_id(db: Database, row) -> str | None:
    """The local row's id: a versioned record travelled under an id made from its number."""
    spec = outbox.SPECS.get(row["type"])
    if spec is None or not spec.versioned:
        return row["record_id"]
    current = state.load(db)
    return outbox_store.journaled_id(db, current.local_terminal_id or outbox.local_terminal_id(db),
                                     row["seq"] - current.seq_base, row["type"])


def _dealt(db: Database, key: str) -> tuple[str, str]:
    row = sync_reject.last_dealt(db, key, (RESENT, HANDLED))
    if row is None:
        return "", ""
    after = json.loads(row["after"] or "{}")
    by = f"{row['operator_name']} {row['at'][:16]}"
    if row["action"] == RESENT:
        return "resent", _("已重新提交（本机第 {value} 条）· {by}").format(value=after.get('seq'), by=by)
    return "handled", _("已处理：{value} · {by}").format(value=after.get('note', ''), by=by)


def _find(ctx: Context, terminal_id: str, seq: int):
    row = sync_reject.find(ctx.db, terminal_id, seq)
    if row is None:
        raise Refused("reject_unknown", seq=seq)
    dealt, words = _dealt(ctx.db, _key(terminal_id, seq))
    if dealt:
        raise Refused("reject_already_handled", seq=seq, how=words)
    return row


def _resend_problem(db: Database, row, local_id: str | None) -> str | None:
    """Why sending it again cannot help, as a refusal code; None when it may go."""
    spec = outbox.SPECS.get(row["type"])
    if spec is None or local_id is None:
        return "reject_record_gone"
    body = outbox.bodies(db, row["type"], [local_id])[local_id]
    if body.get("removed"):
        return "reject_record_gone"
    if row["status"] == "conflict" and not spec.versioned:
        return "reject_resend_conflict"     # the township keeps its own copy under this id
    if reason_code(row["status"], row["reason"]) == "reject_bad_entry" and not _entry_ok(body):
        return "reject_still_bad"
    return None


def _entry_ok(body: dict) -> bool:
    amount = body.get("hundredths")
    return isinstance(body.get("account_id"), str) and isinstance(amount, int) and not isinstance(amount, bool)


def resend(ctx: Context, terminal_id: str, seq: int) -> int:
    """Queue the refused record again; returns its new local journal number."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    row = _find(ctx, terminal_id, seq)
    local_id = _local_id(ctx.db, row)
    problem = _resend_problem(ctx.db, row, local_id)
    if problem:
        raise Refused(problem, seq=seq)
    with ctx.db.write() as conn:
        new_seq = journal.record(conn, ctx.terminal.id, row["type"], local_id)
        audit_row(conn, ctx, RESENT, "sync_reject", _key(terminal_id, seq),
                  after={"seq": new_seq, "type": row["type"], "record_id": local_id})
    return new_seq


def mark_handled(ctx: Context, terminal_id: str, seq: int, note: str) -> None:
    """The manager dealt with it another way; the record stays kept, the note goes to the audit trail."""
    require(ctx.actor, Action.CHANGE_SETTINGS)
    note = (note or "").strip()
    if not note:
        raise Refused("reject_note_missing")
    if len(note) > NOTE_MOST:
        raise Refused("reject_note_too_long", most=NOTE_MOST)
    _find(ctx, terminal_id, seq)
    with ctx.db.write() as conn:
        audit_row(conn, ctx, HANDLED, "sync_reject", _key(terminal_id, seq), after={"note": note})
