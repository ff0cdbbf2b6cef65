"""kiosk expiry run|status, kiosk grade list|set: the village's point policies."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.core.errors import Refused
from kiosk.i18n import _, _p
from kiosk.services.points import expiry, grades_admin


def register(commands, operator_options) -> None:
    ex = commands.add_parser("expiry", help=_p("policies", "积分过期")).add_subparsers(
        dest="action", required=True)
    ex.add_parser("status", help=_("过期规则、现在该过期多少、下次哪天")
                  ).set_defaults(run=expiry_status)
    p = ex.add_parser("run", help=_("现在把到期的积分记为过期（同一期只记一次）"))
    operator_options(p)
    p.set_defaults(run=expiry_run)
    gr = commands.add_parser("grade", help=_("信用等次")).add_subparsers(dest="action", required=True)
    p = gr.add_parser("list", help=_("各等次的最低分和待遇；加 --households 看每户的等次"))
    p.add_argument("--households", action="store_true", help=_("列出每户的得分和等次"))
    p.add_argument("--year", type=int, default=None)
    p.set_defaults(run=grade_list)
    p = gr.add_parser("set", help=_("从高到低写：五星=1060 四星=1040 … 一星（最低一档可不写分）"))
    p.add_argument("grades", nargs="+", metavar="等次=最低分")
    p.add_argument("--perk", action="append", default=[], metavar="等次=待遇",
                   help=_("这一档的待遇，如 五星=节日礼包"))
    operator_options(p)
    p.set_defaults(run=grade_set)


def _policy_words(rule) -> str:
    if rule.policy == "yearly":
        return _("每年 {reset_month} 月 {reset_day} 日清零（等次得分不清）").format(reset_month=rule.reset_month, reset_day=rule.reset_day)
    if rule.policy == "months":
        return _("获得后满 {months} 个月过期，先得的先用").format(months=rule.months)
    return _("积分长期有效")


def expiry_status(args, out) -> None:
    with reading(args) as ctx:
        s = expiry.status(ctx)
    lines = [_("规则：{value}").format(value=_policy_words(s.rule))]
    if s.period:
        lines += [_("现在到期未记：{due_now} 分（{due_accounts} 个账户）；本期{value}运行").format(due_now=s.due_now, due_accounts=s.due_accounts, value='已' if s.ran_this_period else '还没', value2='has' if s.ran_this_period else 'has not'),
                  _("{SOON_DAYS} 天内还将过期：{soon} 分；下次运行：{next_run}").format(SOON_DAYS=expiry.SOON_DAYS, soon=s.soon, next_run=s.next_run)]
    if s.last_at:
        lines.append(_("上次运行：{last_at}（{last_period}），过期 {last_total} 分").format(last_at=s.last_at, last_period=s.last_period, last_total=s.last_total))
    out.emit({"policy": s.rule.policy, "period": s.period, "ran": s.ran_this_period, "due": s.due_now,
              "accounts": s.due_accounts, "soon": s.soon, "next_run": s.next_run,
              "last_period": s.last_period, "last_at": s.last_at, "last_total": s.last_total}, lines)


def expiry_run(args, out) -> None:
    with acting(args) as ctx:
        done = expiry.run_due(ctx)
    if done.period is None:
        text = _("本村积分长期有效，没有要过期的。")
    elif done.already:
        text = _("这一期（{period}）已经运行过了，没有再记。").format(period=done.period)
    else:
        text = _("已记过期：{accounts} 个账户共 {total} 分（{period}）").format(accounts=done.accounts, total=done.total, period=done.period)
    out.emit({"policy": done.policy, "period": done.period, "accounts": done.accounts,
              "total": done.total, "already": done.already}, text)


def grade_list(args, out) -> None:
    with reading(args) as ctx:
        grades = grades_admin.grades(ctx)
        found = grades_admin.household_grades(ctx, args.year) if args.households else []
    floor = grades[-1]
    lines = table([[g.label, _("以下") if g is floor else _("{minimum} 分起").format(minimum=g.minimum),
                    g.perks] for g in grades])
    if found:
        lines += [""] + table([[h.house_no, h.head, str(h.score), h.grade] for h in found])
    out.emit({"grades": [{"grade": g.label, "minimum": None if g is floor else g.minimum, "perks": g.perks}
                         for g in grades],
              "households": [{"household": h.house_no, "head": h.head, "score": h.score, "grade": h.grade}
                             for h in found]}, lines)


def grade_set(args, out) -> None:
    perks = dict(_pair(p) for p in args.perk)
    rows = [(label, minimum, perks.pop(label, "")) for label, minimum in map(_pair, args.grades)]
    if perks:
        raise Refused("grade_perk_unknown", label="、".join(perks))
    with acting(args) as ctx:
        scale = grades_admin.set_grades(ctx, rows)
    out.emit({"grades": [g.label for g in scale.grades]},
             _("已设好等次：{value}").format(value=' > '.join(g.label for g in scale.grades)))


def _pair(text: str) -> tuple[str, str]:
    label, _unused, value = text.partition("=")
    return label.strip(), value.strip()
