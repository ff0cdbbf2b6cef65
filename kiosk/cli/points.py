"""rule, claim, award, adjust."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.core.errors import Refused
from kiosk.core.periods import Period
from kiosk.core.points import BadPoints, Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape
from kiosk.i18n import STATUS_WORDS, tr, word
from kiosk.services import awards, claims, rules


def register(commands) -> None:
    from kiosk.cli.main import operator_options

    ru = commands.add_parser("rule", help=tr("积分标准", "rules")).add_subparsers(
        dest="action", required=True)
    p = ru.add_parser("list")
    p.add_argument("--all", action="store_true")
    p.set_defaults(run=rule_list)
    p = ru.add_parser("add")
    p.add_argument("code")
    p.add_argument("name")
    p.add_argument("--category", required=True)
    p.add_argument("--shape", default="fixed", choices=[s.value for s in Shape])
    p.add_argument("--points", required=True, help=tr("每单位分值，扣分为负", "points per unit; negative to deduct"))
    p.add_argument("--unit", default="1", help=tr("单位大小，如每 4 小时写 4", "unit size, e.g. 4 for per 4 hours"))
    p.add_argument("--cap", default=None)
    p.add_argument("--cap-period", default=None, choices=[x.value for x in Period], dest="cap_period")
    p.add_argument("--doubles-within-days", type=int, default=None, dest="doubles")
    p.add_argument("--no-review", action="store_true")
    operator_options(p)
    p.set_defaults(run=rule_add)
    p = ru.add_parser("retire")
    p.add_argument("rule")
    operator_options(p)
    p.set_defaults(run=rule_retire)

    cl = commands.add_parser("claim", help=tr("积分申报", "claims")).add_subparsers(
        dest="action", required=True)
    p = cl.add_parser("list")
    p.add_argument("--status", default="pending", choices=("pending", "approved", "rejected", "all"))
    p.set_defaults(run=claim_list)
    p = cl.add_parser("approve")
    p.add_argument("claim", help=tr("申报编号（或其末 6 位）", "claim id (or its last 6 characters)"))
    operator_options(p)
    p.set_defaults(run=claim_approve)
    p = cl.add_parser("reject")
    p.add_argument("claim")
    p.add_argument("--reason", required=True)
    operator_options(p)
    p.set_defaults(run=claim_reject)

    p = commands.add_parser("award", help=tr("按标准记分或扣分", "record points under a rule"))
    p.add_argument("resident")
    p.add_argument("rule")
    p.add_argument("--qty", default="1", help=tr("次数、小时、平方米或亩", "count, hours, m² or mu"))
    p.add_argument("--date", default=None, help=tr("活动日期，默认今天", "date of the act, default today"))
    p.add_argument("--note", default="")
    operator_options(p)
    p.set_defaults(run=award)

    p = commands.add_parser("adjust", help=tr("调整积分（管理员，需写原因）", "adjust points (manager, with reason)"))
    p.add_argument("resident")
    p.add_argument("points", help=tr("如 +5 或 -2.5", "e.g. +5 or -2.5"))
    p.add_argument("--reason", required=True)
    operator_options(p)
    p.set_defaults(run=adjust)


def _rule_json(r: Rule) -> dict:
    return {"code": r.code, "rule": r.name, "category": r.category, "shape": r.shape,
            "points": r.points, "unit": r.unit, "cap": r.cap, "cap_period": r.cap_period,
            "doubles_within_days": r.doubles_within_days, "needs_review": r.needs_review,
            "active": r.active}


def rule_list(args, out) -> None:
    with reading(args) as ctx:
        found = rules.list_rules(ctx, include_retired=args.all)
    out.emit({"rules": [_rule_json(r) for r in found]},
             table([[r.code, r.name, r.category, r.points.signed()] for r in found]))


def _points(text: str | None) -> Points | None:
    if text is None:
        return None
    try:
        return Points.parse(text)
    except BadPoints:
        raise Refused("points_bad", value=text) from None


def rule_add(args, out) -> None:
    rule = Rule(code=args.code, name=args.name, category=args.category, shape=Shape(args.shape),
                points=_points(args.points), unit=Measure.parse(args.unit), cap=_points(args.cap),
                cap_period=Period(args.cap_period) if args.cap_period else None,
                doubles_within_days=args.doubles, needs_review=not args.no_review)
    with acting(args) as ctx:
        added = rules.add_rule(ctx, rule)
    out.emit(_rule_json(added), tr(f"已添加积分标准 {added.name}", f"Added rule {added.name}"))


def rule_retire(args, out) -> None:
    with acting(args) as ctx:
        retired = rules.retire_rule(ctx, args.rule)
    out.emit(_rule_json(retired), tr(f"已停用 {retired.name}", f"Retired {retired.name}"))


def _claim_json(c: claims.Claim) -> dict:
    return {"claim": c.id, "resident": c.resident, "household": c.house_no, "rule": c.rule,
            "points": c.points, "status": c.status, "filed_by": c.filed_by, "filed_at": c.filed_at,
            "date": c.activity_date, "note": c.note, "reason": c.reason}


def claim_list(args, out) -> None:
    with reading(args) as ctx:
        found = claims.list_claims(ctx, None if args.status == "all" else args.status)
    out.emit({"claims": [_claim_json(c) for c in found]},
             table([[c.id[-6:], c.activity_date, c.resident, c.house_no, c.rule, c.points.signed(),
                     word(STATUS_WORDS, c.status), c.filed_by] for c in found]))


def claim_approve(args, out) -> None:
    with acting(args) as ctx:
        c = claims.approve(ctx, args.claim)
    out.emit(_claim_json(c), tr(f"已通过：{c.resident} {c.rule} {c.points.signed()}",
                                f"Approved: {c.resident} {c.rule} {c.points.signed()}"))


def claim_reject(args, out) -> None:
    with acting(args) as ctx:
        c = claims.reject(ctx, args.claim, args.reason)
    out.emit(_claim_json(c), tr(f"已驳回：{c.resident} {c.rule}（{c.reason}）",
                                f"Rejected: {c.resident} {c.rule} ({c.reason})"))


def _award_json(a: awards.Award) -> dict:
    return {"resident": a.resident.name, "household": a.resident.house_no, "rule": a.rule,
            "qty": a.qty, "points": a.points, "status": a.status, "id": a.id,
            "balance": a.balance_after}


def award(args, out) -> None:
    with acting(args) as ctx:
        a = awards.award(ctx, args.resident, args.rule, args.qty, args.note, args.date)
    text = (tr(f"已记分：{a.resident.name} {a.rule} {a.points.signed()}，余额 {a.balance_after}",
               f"Posted: {a.resident.name} {a.rule} {a.points.signed()}; balance {a.balance_after}")
            if a.status == "posted" else
            tr(f"已提交申报，等管理员审核：{a.resident.name} {a.rule} {a.points.signed()}（编号 {a.id[-6:]}）",
               f"Claim filed for review: {a.resident.name} {a.rule} {a.points.signed()} (id {a.id[-6:]})"))
    out.emit(_award_json(a), text)


def adjust(args, out) -> None:
    with acting(args) as ctx:
        a = awards.adjust(ctx, args.resident, args.points, args.reason)
    out.emit(_award_json(a), tr(f"已调整：{a.resident.name} {a.points.signed()}，余额 {a.balance_after}",
                                f"Adjusted: {a.resident.name} {a.points.signed()}; balance {a.balance_after}"))
