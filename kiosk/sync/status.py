"""What the counter's status bar and `kiosk sync status` say about sync."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.i18n import _
from kiosk.store.db import Database
from kiosk.sync import outbox, state


@dataclass(frozen=True)
class SyncStatus:
    kind: str  # "off" (not enrolled), "never" (enrolled, no round yet), "ok", "offline"
    waiting: int
    quarantined: int
    last_ok_at: str | None
    offline_since: str | None
    last_error: str | None
    server_url: str
    pushed_high_water: int
    pull_cursor: str

    @property
    def text(self) -> str:
        tail = _(" · 待上传 {waiting}").format(waiting=self.waiting)
        if self.quarantined:
            tail += _(" · {quarantined} 条被退回").format(quarantined=self.quarantined)
        if self.kind == "off":
            return _("未接入乡镇") + tail
        if self.kind == "offline":
            return _("离线，自 {value} 起").format(value=_short(self.offline_since)) + tail
        if self.kind == "never":
            return _("尚未同步") + tail
        return _("已同步 {value}").format(value=_short(self.last_ok_at)) + tail


def _short(at: str | None, today: str | None = None) -> str:
    """HH:MM today, MM-DD HH:MM on another day."""
    if not at:
        return "—"
    today = today or datetime.now().strftime("%Y-%m-%d")
    return at[11:16] if at[:10] == today else at[5:16]


def status(db: Database) -> SyncStatus:
    current = state.load(db)
    if not current.enrolled:
        kind = "off"
    elif current.offline_since:
        kind = "offline"
    elif current.last_ok_at:
        kind = "ok"
    else:
        kind = "never"
    quarantined = db.scalar("SELECT COUNT(*) FROM sync_reject")
    waiting = outbox.waiting(db, current.local_after if current.local_terminal_id == outbox.local_terminal_id(db)
                             else 0)
    return SyncStatus(kind, waiting, quarantined, current.last_ok_at,
                      current.offline_since, current.last_error, current.server_url,
                      current.pushed_high_water, current.pull_cursor)


def rejects(db: Database, limit: int = 50) -> list[dict]:
    """Records the township refused, newest first: for a manager to look at, never dropped."""
    rows = db.all("SELECT record_id, seq, type, status, reason, at FROM sync_reject ORDER BY at DESC, seq DESC"
                  " LIMIT ?", (limit,))
    return [dict(row) for row in rows]
