"""check: the books checked against themselves and against codes printed on paper."""

from __future__ import annotations

import sqlite3

from kiosk.cli.session import reading
from kiosk.core import chain_code
from kiosk.core.errors import Refused
from kiosk.i18n import _
from kiosk.services.audit.check import run_check


def register(commands) -> None:
    p = commands.add_parser("check", help=_("核对账目"))
    p.add_argument("--against", action="append", default=[], metavar="CODE",
                   help=_("交班单或报表上打印的账本校验码，例如 12345:7KQ2-M9XD-4HRT"))
    p.set_defaults(run=check)


def check(args, out) -> int:
    anchors = [chain_code.parse(text) for text in args.against]
    if None in anchors:
        bad = args.against[anchors.index(None)]
        out.error(_("看不懂校验码“{code}”：请照单子上的样子输入，例如 12345:7KQ2-M9XD-4HRT").format(code=bad),
                  "bad_code")
        return 2
    with reading(args) as ctx:
        try:   # SQLite's quick check is one of the checks: a damaged file is found by it
            report = run_check(ctx.db, anchors)
            damaged = report.damaged
        except sqlite3.DatabaseError as exc:
            damaged = str(exc)
    if damaged:
        raise Refused("db_damaged", path=args.db, detail=damaged)
    summary = _("账目核对{value}：{entry} 条积分流水，{sale} 张兑换单，{audit} 条操作记录。").format(value='通过' if report.ok else '发现问题', entry=report.counts['entry'], sale=report.counts['sale'], audit=report.counts['audit'], value2='passed' if report.ok else 'FAILED')
    out.emit({"ok": report.ok, "problems": report.problems, "traces": report.traces, "counts": report.counts,
              "notes": report.notes},
             [summary] + report.problems + report.notes)
    return 0 if report.ok else 1
