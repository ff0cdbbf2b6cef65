"""The trail can be read (操作记录): who did what to whom, before → after, in plain words.

Managers read it on screen and export it; `kiosk audit list` prints it. Each listing
says whether the chain of rows is whole (kiosk.store.audit.verify_chain).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.i18n import N_, _
from kiosk.services.audit import words
from kiosk.services import spreadsheets
from kiosk.services.people import residents
from kiosk.services.points import rules
from kiosk.services.context import SYSTEM, Context
from kiosk.services.dates import parse_day
from kiosk.store import audit, audit_read

MAX_ROWS = 2000


@dataclass(frozen=True)
class TrailLine:
    seq: int
    at: str
    operator: str
    action: str          # the code, e.g. 'rule.edit'
    did: str             # in words: '修改积分标准'
    target: str          # what it was done to: 'rule hjqs' or a setting's key
    change: str          # 'points: 5 → 3；name: …'
    second: str          # the second manager who confirmed (回避), if any


@dataclass(frozen=True)
class Trail:
    lines: tuple[TrailLine, ...]
    chain_whole: bool
    chain_words: str


def read(ctx: Context, operator: str | None = None, kind: str | None = None, since: str | None = None,
         resident: str | None = None, limit: int = 500) -> Trail:
    day = parse_day(since, date.max).isoformat() if since else None     # a day to come finds nothing
    about = _about(ctx, resident) if resident else ()
    found = audit_read.rows(ctx.db, operator=(operator or "").strip() or None,
                            kind=words.kind_code(kind), since=day, about=about,
                            limit=max(1, min(int(limit), MAX_ROWS)))
    whole, state = chain_state(ctx)
    names = {r.code: r.name for r in rules.list_rules(ctx, include_retired=True)}
    return Trail(tuple(_line(row, names) for row in found), whole, state)


def chain_state(ctx: Context) -> tuple[bool, str]:
    broken = audit.verify_chain(ctx.db.conn)
    if broken is None:
        return True, _("记录链完整：没有被改动、插入或删除过")
    return False, _("记录链从第 {seq} 条起对不上（{problem}），请找乡镇核对").format(seq=broken.seq, problem=broken.problem)


def _about(ctx: Context, ref: str) -> tuple[str, ...]:
    resident = residents.resolve(ctx, ref)
    return (resident.id, resident.name, resident.card_code)


def _line(row, names: dict[str, str]) -> TrailLine:
    before, after = _loads(row["before"]), _loads(row["after"])
    second = after.pop("second_manager", "") if isinstance(after, dict) else ""
    operator = _(SYSTEM.name) if row["operator_name"] == SYSTEM.name else row["operator_name"]
    return TrailLine(row["seq"], row["at"], operator, row["action"], words.did(row["action"]),
                     words.target(row["target_type"], row["target_id"]), words.change(before, after, names), second)


def _loads(text: str):
    try:
        return json.loads(text) if text else {}
    except ValueError:
        return {"value": text}


HEADER = (N_("序号"), N_("时间"), N_("操作员"), N_("做了什么"), N_("对象"), N_("改动（之前 → 之后）"),
          N_("第二位管理员"))


def export(ctx: Context, path: Path | str, **filters) -> Path:
    """The listing as .xlsx (or .csv), with the chain's state in its last row."""
    trail = read(ctx, **filters, limit=MAX_ROWS)
    rows = [[t.seq, t.at, t.operator, t.did, t.target, t.change, t.second] for t in trail.lines]
    rows.append(["", "", "", trail.chain_words, "", "", ""])
    if not str(path).strip():
        raise Refused("export_format", path=str(path))
    return spreadsheets.write_table(path, [_(h) for h in HEADER], rows)
