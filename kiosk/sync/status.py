"""What the counter's status bar and `kiosk sync status` say about sync."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.i18n import _, message
from kiosk.store import identity, sync_reject
from kiosk.store.db import Database
from kiosk.sync import freshness, outbox, state
from kiosk.sync.apply_shop import RECEIPT_AGAIN
from kiosk.sync.calls import CLOCK_OFF, NOT_KNOWN

# The last round ended on the township refusing this counter's signature: not offline, and the
# network is not what to check (kiosk/sync/calls.py).
REFUSED = {NOT_KNOWN: "not_known", CLOCK_OFF: "clock"}


@dataclass(frozen=True)
class SyncStatus:
    # "off" (not enrolled), "never" (enrolled, no round yet), "ok", "offline", "usb" (a stick since),
    # "not_known" (the township refused this counter's signature), "clock" (… refused its clock)
    kind: str
    waiting: int
    quarantined: int
    last_ok_at: str | None
    offline_since: str | None
    last_error: str | None
    server_url: str
    pushed_high_water: int
    pull_cursor: str
    last_reply_at: str | None = None
    days_unconfirmed: int | None = None   # days since the township's signed word, when over a day (freshness.py)
    unconfirmed_by_stick: bool = False    # … which last came in a USB reply: a village that syncs by stick
    clock_off_s: int = 0                  # this PC's clock behind (+) or ahead (−) of the township's, past its window

    @property
    def unconfirmed(self) -> str | None:
        """The warning that the township's signed word is old, or None."""
        days = self.days_unconfirmed
        if days is None:
            return None
        if self.unconfirmed_by_stick:     # a village that brings a stick now and then: not every day
            if days < freshness.STALE_BY_STICK_DAYS:
                return None
            return _("已 {days} 天没有带回乡镇签章的U盘回复：请把U盘带到乡镇同步一次").format(days=days)
        return _("已 {days} 天没有收到乡镇签章确认的同步结果：请检查网络或联系乡镇").format(days=days)

    @property
    def clock_wrong(self) -> str | None:
        """The warning that this PC's clock is far from the township's (it still syncs, its stamps are off)."""
        off = self.clock_off_s
        if not off:
            return None
        if off > 0:
            return _("电脑时间比乡镇慢了 {amount}：请把日期和时间改对").format(amount=_amount(off))
        return _("电脑时间比乡镇快了 {amount}：请把日期和时间改对").format(amount=_amount(-off))

    @property
    def text(self) -> str:
        if self.kind in REFUSED.values():     # why the township's word is old is known: that, never the age alone
            return self._plain
        warning = self.clock_wrong or self.unconfirmed
        return self._plain if warning is None else "⚠ " + warning + " · " + self._plain

    @property
    def _plain(self) -> str:
        tail = _(" · 待上传 {waiting}").format(waiting=self.waiting)
        if self.quarantined:
            tail += _(" · {quarantined} 条被退回").format(quarantined=self.quarantined)
        if self.kind == "off":
            return _("未接入乡镇") + tail
        if self.kind == "not_known":
            return _("⚠ 乡镇不认这台收银机了：请找乡镇重新接入") + tail
        if self.kind == "clock":
            return _("⚠ 电脑时间不对，乡镇不收：请把日期和时间改对") + tail
        if self.kind == "offline":
            return _("离线，自 {value} 起").format(value=_short(self.offline_since)) + tail
        if self.kind == "usb":
            return _("U盘同步 {value}").format(value=_short(self.last_reply_at)) + tail
        if self.kind == "never":
            return _("尚未同步") + tail
        return _("已同步 {value}").format(value=_short(self.last_ok_at)) + tail


def which_pc(db: Database) -> str:
    """This counter as the township's clerk finds it in his list (the name it enrolled with, its
    number), for the words that send a volunteer to the township: never its id."""
    here = identity.this_terminal(db)
    if here is None:
        return ""
    return _("{village} {counter}，第 {number} 号收银电脑").format(
        village=here["village"], counter=here["name"], number=here["number"])


def _amount(seconds: int) -> str:
    """A clock's error in the unit a villager reads it in: days, hours or minutes, rounded (the
    township's time comes in whole seconds: a clock a year slow may measure a second short of it)."""
    if round(seconds / 3600) >= 24:
        return _("{n} 天").format(n=round(seconds / 86400))
    if round(seconds / 60) >= 60:
        return _("{n} 小时").format(n=round(seconds / 3600))
    return _("{n} 分钟").format(n=max(1, round(seconds / 60)))


def _short(at: str | None, today: str | None = None) -> str:
    """HH:MM today, MM-DD HH:MM on another day."""
    if not at:
        return "—"
    today = today or datetime.now().strftime("%Y-%m-%d")
    return at[11:16] if at[:10] == today else at[5:16]


def _later(at: str | None, than: str | None) -> bool:
    return at is not None and (than is None or at > than)


def status(db: Database, now: datetime | None = None) -> SyncStatus:
    """`now`: this PC's clock (the township's signed word is judged old against it)."""
    current = state.load(db)
    reply = state.last_reply_at(db)
    if not current.enrolled:
        kind = "off"
    elif _later(reply, max(current.last_ok_at or "", current.last_error_at or "") or None):
        kind = "usb"      # a reply by stick since the last round online, whether it went or failed
    elif current.offline_since:
        kind = REFUSED.get((current.last_error or "").partition(" ")[0], "offline")
    elif current.last_ok_at:
        kind = "ok"
    else:
        kind = "never"
    quarantined = sync_reject.count(db)
    waiting = outbox.waiting(db, current.local_after if current.local_terminal_id == outbox.local_terminal_id(db)
                             else 0)
    return SyncStatus(kind, waiting, quarantined, current.last_ok_at,
                      current.offline_since, current.last_error, current.server_url,
                      current.pushed_high_water, current.pull_cursor, reply,
                      freshness.days_without(db, now or datetime.now()) if current.enrolled else None,
                      freshness.by_stick(db), state.clock_off(db) if current.enrolled else 0)


def rejects(db: Database, limit: int = 50) -> list[dict]:
    """Records the township refused, newest first: for a manager to look at, never dropped."""
    return [dict(row) for row in sync_reject.newest(db, limit)]


def healed_words(db: Database) -> list[str]:
    """What happened when this PC's books went back in time (kiosk.sync.rollback), in words."""
    note = identity.read_note(db)
    if not note:
        return []
    at, old = str(note.get("at") or "")[:16], _number(note.get("old_number"))
    if note.get("disproved") and not note.get("done_at"):
        return [message("sync_restore_disproved")]
    if not note.get("done_at"):
        if note.get("reason") == "restore":
            return [_("{at} 从备份恢复了数据。下次联网同步时，本机改用新的收银台号，"
                      "并从乡镇取回备份之后的记录。").format(at=at)]
        return [_("{at} 发现本机数据回到了以前（断电或换了旧的数据库文件，最后的记录丢了）。"
                  "请联网同步一次：本机将改用新的收银台号，并从乡镇取回丢掉的记录。").format(at=at)]
    new, back = _number(note.get("new_number")), identity.pulled_back(db, str(note.get("old_terminal") or ""))
    if note.get("reason") == "restore":
        words = [_("{at} 从备份恢复后，本机已改用新的收银台号 {new}（原来是 {old}），以后的小票号不会重复；"
                   "乡镇上本机原来的 {back} 条记录已取回。").format(at=at, new=new, old=old, back=back)]
    else:
        words = [_("{at} 同步时发现本机数据回到了以前（断电或换了旧的数据库文件）。本机已改用新的收银台号 {new}"
                   "（原来是 {old}），以后的小票号不会重复；乡镇上本机原来的 {back} 条记录已取回，"
                   "丢掉的兑换又回到了账上。").format(at=at, new=new, old=old, back=back)]
    for receipt in identity.receipts_marked(db, RECEIPT_AGAIN):
        words.append(_("小票号 {receipt} 在数据回退后被用了两次：从乡镇取回的那一笔在本机记作 {receipt}{mark}。")
                     .format(receipt=receipt, mark=RECEIPT_AGAIN))
    return words


def _number(value: object) -> str:
    return f"{value:02d}" if isinstance(value, int) else "—"
