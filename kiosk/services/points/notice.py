"""Public notice (公示): approved awards and deductions shown for `notice.days` days.

One list serves the back office, the volunteer's short list, the self-service
screen and the printed A4 notice for the board. Reading it never writes; the
job that credits claims whose notice has ended is kiosk.services.points.notice_credit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.config import CREDIT_AFTER_NOTICE, NOTICE_DAYS
from kiosk.core.clock import stamp
from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.services.setup import settings
from kiosk.services.context import Context
from kiosk.services.selfservice.words import act_words, adjustment_words, reversal_words
from kiosk.store import notices as store
from kiosk.i18n import N_, _

LIST_LIMIT = 300
FIND_EXTRA_DAYS = 60      # a short reference still finds what left the notice this long ago
STATE_WORDS = {
    "on_notice": N_("公示中（已入账）"),
    "waiting": N_("公示中，期满入账"),
    "due": N_("公示期满，待入账"),
    "held": N_("有异议，待处理"),
    "revoked": N_("已撤销"),
    "withheld": N_("异议成立，不入账"),
}


@dataclass(frozen=True)
class NoticeItem:
    id: str                # the entry's id, or the approved claim's while it waits to credit
    source: str            # 'entry' or 'claim'
    claim_id: str | None
    resident: str
    house_no: str
    what: str              # the act in words: '志愿服务 4 小时'
    points: Points
    day: str               # the activity's date
    starts: str            # when it went on notice
    ends: str              # when the notice ends (objections are taken until then)
    state: str             # a key of STATE_WORDS
    objections: int        # how many were ever recorded
    recorded_by: str = ""  # the operator who recorded it (who filed the claim)
    approved_by: str = ""  # the manager who approved it; empty: posted without review
    is_reversal: bool = False

    @property
    def who(self) -> str:
        """'张晓燕记，刘建军审核' or '刘建军记（未经审核）': what the notice says truthfully."""
        if self.approved_by:
            return _("{recorded}记，{approved}审核").format(recorded=self.recorded_by, approved=self.approved_by)
        return _("{recorded}记（未经审核）").format(recorded=self.recorded_by or _("系统"))

    @property
    def short(self) -> str:
        """The last 6 characters of the id: what a list or the paper notice shows."""
        return self.id[-6:]


def days(ctx: Context) -> int:
    return max(1, settings.value(ctx, NOTICE_DAYS))


def credits_after_notice(ctx: Context) -> bool:
    return settings.value(ctx, CREDIT_AFTER_NOTICE)


def notice_cut(ctx: Context) -> str:
    """Items that went on notice at or before this moment are no longer on notice."""
    return stamp(ctx.clock.now() - timedelta(days=days(ctx)))


def items(ctx: Context, limit: int = LIST_LIMIT) -> list[NoticeItem]:
    """What is on notice now, newest first, with anything an objection still holds."""
    now = ctx.now_text()
    found = [item_of(row, days(ctx), now) for row in store.on_notice(ctx.db, notice_cut(ctx), limit)]
    return [i for i in found if i.ends > now or i.state in ("held", "waiting", "due")]


def item_of(row, notice_days: int, now: str) -> NoticeItem:
    ends = stamp(datetime.fromisoformat(row["starts"]) + timedelta(days=notice_days))
    return NoticeItem(row["id"], row["source"], row["claim_id"], row["name"] or "", row["house_no"] or "",
                      _what(row), Points(row["points"]),
                      row["activity_date"], row["starts"], ends, _state(row, ends, now), row["objections"],
                      row["recorded_by"] or "", row["approved_by"] or "", bool(row["reverses_id"]))


def _what(row) -> str:
    """The act in words; an adjustment by its reason; a reversal as 撤销 … ."""
    if row["kind"] == "adjust" and not row["rule_name"]:
        words = adjustment_words(row["note"])
    else:
        words = act_words(row["rule_name"], row["shape"], row["qty"])
    return reversal_words(words) if row["reverses_id"] else words


def _state(row, ends: str, now: str) -> str:
    if row["reversal_id"]:
        return "revoked"
    if row["open_objections"]:
        return "held"
    if row["upheld"]:
        return "withheld"
    if row["source"] == "claim":
        return "waiting" if ends > now else "due"
    return "on_notice"


def find_item(ctx: Context, ref: str) -> NoticeItem:
    """An item by its id, or the id's last characters if it was on notice lately."""
    text = str(ref or "").strip().lower()
    since = stamp(ctx.clock.now() - timedelta(days=days(ctx) + FIND_EXTRA_DAYS))
    rows = store.find(ctx.db, text, since) if len(text) >= 4 else []
    if not rows:
        raise Refused("notice_item_unknown", query=str(ref or "")[:40])
    if len(rows) > 1:
        raise Refused("notice_item_ambiguous", query=text)
    return item_of(rows[0], days(ctx), ctx.now_text())


@dataclass(frozen=True)
class Objection:
    id: str
    objector: str
    why: str
    recorded_by: str
    recorded_at: str
    status: str            # 'open', 'upheld' or 'dismissed'
    decided_by: str
    decision_note: str


def objections(ctx: Context, item: NoticeItem) -> list[Objection]:
    return [Objection(r["id"], r["objector"], r["why"], r["recorded_by_name"], r["recorded_at"],
                      r["status"], r["decided_by_name"] or "", r["decision_note"])
            for r in store.objections(ctx.db, item.id, item.claim_id)]


def save_pdf(ctx: Context, path: Path | str) -> Path:
    """The A4 notice for the village board, written whole or not at all."""
    from kiosk.printing.atomic import write_atomic
    from kiosk.printing.notice_pdf import NoticeSheet, render

    village = ctx.village
    sheet = NoticeSheet(village.name, village.currency, ctx.clock.now().date().isoformat(), days(ctx),
                        tuple(i for i in items(ctx) if i.state != "due"))
    return write_atomic(Path(path), render(sheet))
