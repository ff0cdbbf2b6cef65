"""rule list|add|edit|retire: the rule catalogue (积分标准)."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.core.errors import Refused
from kiosk.core.periods import Period
from kiosk.core.points import BadPoints, Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import Rule, Shape, most_qty
from kiosk.i18n import _, _p
from kiosk.services.points import rules


def register(commands, operator_options) -> None:
    ru = commands.add_parser("rule", help=_p("points_rules", "积分标准")).add_subparsers(dest="action", required=True)
    p = ru.add_parser("list")
    p.add_argument("--all", action="store_true")
    p.set_defaults(run=rule_list)
    p = ru.add_parser("add")
    p.add_argument("code")
    p.add_argument("name")
    p.add_argument("--category", required=True)
    p.add_argument("--shape", default="fixed", choices=[s.value for s in Shape])
    p.add_argument("--points", required=True, help=_("每单位分值，扣分为负"))
    p.add_argument("--unit", default="1", help=_("单位大小，如每 4 小时写 4"))
    _cap_options(p)
    p.add_argument("--no-review", action="store_true")
    operator_options(p)
    p.set_defaults(run=rule_add)
    p = ru.add_parser("edit", help=_("修改村里的积分标准（已记的分不变）"))
    p.add_argument("rule")
    p.add_argument("--name")
    p.add_argument("--category")
    p.add_argument("--shape", choices=[s.value for s in Shape])
    p.add_argument("--points")
    p.add_argument("--unit")
    _cap_options(p)
    p.add_argument("--no-cap", action="store_true", dest="no_cap")
    p.add_argument("--no-doubling", action="store_true", dest="no_doubling")
    p.add_argument("--review", choices=("yes", "no"))
    operator_options(p)
    p.set_defaults(run=rule_edit)
    p = ru.add_parser("retire")
    p.add_argument("rule")
    operator_options(p)
    p.set_defaults(run=rule_retire)


def _cap_options(p) -> None:
    p.add_argument("--cap", default=None)
    p.add_argument("--cap-period", default=None, choices=[x.value for x in Period], dest="cap_period")
    p.add_argument("--doubles-within-days", type=int, default=None, dest="doubles")
    p.add_argument("--max-qty", default=None, dest="max_qty",
                   help=_("一次最多记多少（小时、平方米、亩或次数）；不写按标准的形式取默认"))


def _rule_json(r: Rule) -> dict:
    return {"code": r.code, "rule": r.name, "category": r.category, "shape": r.shape,
            "points": r.points, "unit": r.unit, "cap": r.cap, "cap_period": r.cap_period,
            "doubles_within_days": r.doubles_within_days, "needs_review": r.needs_review,
            "active": r.active, "max_qty": most_qty(r), "version": r.version}


def rule_list(args, out) -> None:
    with reading(args) as ctx:
        found = rules.catalogue(ctx, include_retired=args.all)
    out.emit({"rules": [{**_rule_json(c.rule), "owner": c.owner, "since": c.since, "replaced_by": c.replaced_by}
                        for c in found]},
             table([[c.rule.code, c.rule.name, c.rule.category, c.rule.points.signed(),
                     c.origin() if c.read_only or c.replaced_by else ""] for c in found]))


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
                doubles_within_days=args.doubles, needs_review=not args.no_review,
                max_qty=Measure.parse(args.max_qty) if args.max_qty else None)
    with acting(args) as ctx:
        added = rules.add_rule(ctx, rule)
    out.emit(_rule_json(added), _("已添加积分标准 {name}").format(name=added.name))


def _edits(args) -> dict:
    changes = {key: value for key, value in (
        ("name", args.name), ("category", args.category),
        ("shape", Shape(args.shape) if args.shape else None), ("points", _points(args.points)),
        ("unit", Measure.parse(args.unit) if args.unit else None), ("cap", _points(args.cap)),
        ("cap_period", Period(args.cap_period) if args.cap_period else None),
        ("doubles_within_days", args.doubles),
        ("max_qty", Measure.parse(args.max_qty) if args.max_qty else None)) if value is not None}
    if args.no_cap:
        changes.update(cap=None, cap_period=None)
    if args.no_doubling:
        changes["doubles_within_days"] = None
    if args.review:
        changes["needs_review"] = args.review == "yes"
    return changes


def rule_edit(args, out) -> None:
    with acting(args) as ctx:
        edited = rules.edit_rule(ctx, args.rule, **_edits(args))
    out.emit(_rule_json(edited), _("已修改积分标准 {name}（已记的分不变）").format(name=edited.name))


def rule_retire(args, out) -> None:
    with acting(args) as ctx:
        retired = rules.retire_rule(ctx, args.rule)
    out.emit(_rule_json(retired), _("已停用 {name}").format(name=retired.name))
