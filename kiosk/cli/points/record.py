"""claim, award, award-activity, adjust (rule: points/rules.py; notice, entry: points/notice.py)."""

from __future__ import annotations

import re

from kiosk.cli.points import notice as points_notice, rules as points_rules
from kiosk.cli.output import table
from kiosk.cli.session import acting, operator_options, reading
from kiosk.i18n import _, word
from kiosk.messages.values import STATUS_WORDS
from kiosk.services.points import activity, activity_list, awards, claims


def register(commands) -> None:
    points_rules.register(commands, operator_options)
    _register_claims(commands, operator_options)
    p = commands.add_parser("award", help=_("按标准记分或扣分"))
    p.add_argument("resident")
    p.add_argument("rule")
    p.add_argument("--qty", default="1", help=_("次数、小时、平方米或亩"))
    p.add_argument("--date", default=None, help=_("活动日期，默认今天"))
    p.add_argument("--note", default="")
    operator_options(p)
    p.set_defaults(run=award)

    p = commands.add_parser("award-activity", help=_("一次给参加活动的多位村民记分"))
    p.add_argument("rule")
    p.add_argument("--residents", default="", help=_("村民，用逗号分开；可写 姓名:小时数"))
    p.add_argument("--csv", default=None, help=_("名单文件：每行 村民,数量"))
    p.add_argument("--hours", "--qty", default="1", dest="qty", help=_("每人的小时数或次数"))
    p.add_argument("--date", default=None)
    p.add_argument("--note", default="")
    p.add_argument("--photo", default=None, help=_("活动照片"))
    operator_options(p)
    p.set_defaults(run=award_activity)

    p = commands.add_parser("adjust", help=_("调整积分（管理员，需写原因）"))
    p.add_argument("resident")
    p.add_argument("points", help=_("如 +5 或 -2.5"))
    p.add_argument("--reason", required=True)
    operator_options(p)
    p.set_defaults(run=adjust)
    points_notice.register(commands, operator_options)


def _register_claims(commands, operator_options) -> None:
    cl = commands.add_parser("claim", help=_("积分申报")).add_subparsers(dest="action", required=True)
    p = cl.add_parser("list")
    p.add_argument("--status", default="pending", choices=("pending", "approved", "rejected", "all"))
    p.set_defaults(run=claim_list)
    p = cl.add_parser("approve")
    p.add_argument("claim", help=_("申报编号（或其末 6 位）"))
    operator_options(p)
    p.set_defaults(run=claim_approve)
    p = cl.add_parser("reject")
    p.add_argument("claim")
    p.add_argument("--reason", required=True)
    operator_options(p)
    p.set_defaults(run=claim_reject)


def _claim_json(c: claims.Claim) -> dict:
    return {"claim": c.id, "resident": c.resident, "household": c.house_no, "rule": c.rule,
            "points": c.points, "status": c.status, "filed_by": c.filed_by, "filed_at": c.filed_at,
            "date": c.activity_date, "note": c.note, "reason": c.reason, "entry": c.entry_id,
            "withheld": c.withheld}


def claim_list(args, out) -> None:
    with reading(args) as ctx:
        found = claims.list_claims(ctx, None if args.status == "all" else args.status)
    out.emit({"claims": [_claim_json(c) for c in found]},
             table([[c.id[-6:], c.activity_date, c.resident, c.house_no, c.rule, c.points.signed(),
                     word(STATUS_WORDS, c.status), c.filed_by] for c in found]))


def claim_approve(args, out) -> None:
    with acting(args) as ctx:
        c = claims.approve(ctx, args.claim)
    later = _("，公示期满后入账") if c.waiting_for_notice else ""
    out.emit(_claim_json(c), _("已通过：{resident} {rule} {value}{later}").format(resident=c.resident, rule=c.rule, value=c.points.signed(), later=later))


def claim_reject(args, out) -> None:
    with acting(args) as ctx:
        c = claims.reject(ctx, args.claim, args.reason)
    out.emit(_claim_json(c), _("已驳回：{resident} {rule}（{reason}）").format(resident=c.resident, rule=c.rule, reason=c.reason))


def _award_json(a: awards.Award) -> dict:
    return {"resident": a.resident.name, "household": a.resident.house_no, "rule": a.rule,
            "qty": a.qty, "points": a.points, "status": a.status, "id": a.id,
            "balance": a.balance_after}


def award(args, out) -> None:
    with acting(args) as ctx:
        a = awards.award(ctx, args.resident, args.rule, args.qty, args.note, args.date)
    text = (_("已记分：{name} {rule} {value}，余额 {balance_after}").format(name=a.resident.name, rule=a.rule, value=a.points.signed(), balance_after=a.balance_after)
            if a.status == "posted" else
            _("已提交申报，等管理员审核：{name} {rule} {value}（编号 {value2}）").format(name=a.resident.name, rule=a.rule, value=a.points.signed(), value2=a.id[-6:]))
    out.emit(_award_json(a), text)


def _people(args) -> list[tuple[str, object]]:
    if args.csv:
        return activity_list.read_people(args.csv, args.qty)
    people = []
    for part in re.split(r"[,，、;；]", args.residents):
        name, _unused, qty = part.strip().partition(":")
        if name.strip():
            people.append((name.strip(), qty.strip() or args.qty))
    return people


def award_activity(args, out) -> None:
    with acting(args) as ctx:
        done = activity.record(ctx, args.rule, _people(args), args.note, args.photo, args.date)
    lines = [[a.resident.name, a.resident.house_no, str(a.qty), a.points.signed(),
              _("已记分") if a.status == "posted" else _("待审核")] for a in done.awards]
    head = _("{rule}：{count} 人，共 {value} 分").format(rule=done.rule, count=len(done.awards), value=done.total.signed())
    out.emit({"activity": done.id, "rule": done.rule, "date": done.day, "status": done.status,
              "total": done.total, "photo": done.has_photo,
              "lines": [_award_json(a) for a in done.awards]}, [head, *table(lines)])


def adjust(args, out) -> None:
    with acting(args) as ctx:
        a = awards.adjust(ctx, args.resident, args.points, args.reason)
    out.emit(_award_json(a), _("已调整：{name} {value}，余额 {balance_after}").format(name=a.resident.name, value=a.points.signed(), balance_after=a.balance_after))
