"""kiosk expiry run|status, kiosk grade list|set: the village's point policies."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.core.errors import Refused
from kiosk.i18n import tr
from kiosk.services import expiry, grades_admin


def register(commands, operator_options) -> None:
    ex = commands.add_parser("expiry", help=tr("积分过期", "points expiry")).add_subparsers(
        dest="action", required=True)
    ex.add_parser("status", help=tr("过期规则、现在该过期多少、下次哪天", "policy, what is due, next run")
                  ).set_defaults(run=expiry_status)
    p = ex.add_parser("run", help=tr("现在把到期的积分记为过期（同一期只记一次）", "post what is due (once a period)"))
    operator_options(p)
    p.set_defaults(run=expiry_run)
    gr = commands.add_parser("grade", help=tr("信用等次", "grades")).add_subparsers(dest="action", required=True)
    p = gr.add_parser("list", help=tr("各等次的最低分和待遇；加 --households 看每户的等次", "the grade table"))
    p.add_argument("--households", action="store_true", help=tr("列出每户的得分和等次", "each household's grade"))
    p.add_argument("--year", type=int, default=None)
    p.set_defaults(run=grade_list)
    p = gr.add_parser("set", help=tr("从高到低写：五星=1060 四星=1040 … 一星（最低一档可不写分）",
                                     "highest first: AAA=600 AA=400 … C (the floor needs no score)"))
    p.add_argument("grades", nargs="+", metavar="等次=最低分")
    p.add_argument("--perk", action="append", default=[], metavar="等次=待遇",
                   help=tr("这一档的待遇，如 五星=节日礼包", "perks of a grade, e.g. AAA=holiday gifts"))
    operator_options(p)
    p.set_defaults(run=grade_set)


def _policy_words(rule) -> str:
    if rule.policy == "yearly":
        return tr(f"每年 {rule.reset_month} 月 {rule.reset_day} 日清零（等次得分不清）",
                  f"reset every year on {rule.reset_month:02d}-{rule.reset_day:02d} (grade scores stay)")
    if rule.policy == "months":
        return tr(f"获得后满 {rule.months} 个月过期，先得的先用", f"expire {rule.months} months after earning, oldest spent first")
    return tr("积分长期有效", "points never expire")


def expiry_status(args, out) -> None:
    with reading(args) as ctx:
        s = expiry.status(ctx)
    lines = [tr(f"规则：{_policy_words(s.rule)}", f"Policy: {_policy_words(s.rule)}")]
    if s.period:
        lines += [tr(f"现在到期未记：{s.due_now} 分（{s.due_accounts} 个账户）；本期{'已' if s.ran_this_period else '还没'}运行",
                     f"Due now: {s.due_now} ({s.due_accounts} accounts); this period {'has' if s.ran_this_period else 'has not'} run"),
                  tr(f"{expiry.SOON_DAYS} 天内还将过期：{s.soon} 分；下次运行：{s.next_run}",
                     f"Expiring within {expiry.SOON_DAYS} days: {s.soon}; next run: {s.next_run}")]
    if s.last_at:
        lines.append(tr(f"上次运行：{s.last_at}（{s.last_period}），过期 {s.last_total} 分",
                        f"Last run: {s.last_at} ({s.last_period}), {s.last_total} expired"))
    out.emit({"policy": s.rule.policy, "period": s.period, "ran": s.ran_this_period, "due": s.due_now,
              "accounts": s.due_accounts, "soon": s.soon, "next_run": s.next_run,
              "last_period": s.last_period, "last_at": s.last_at, "last_total": s.last_total}, lines)


def expiry_run(args, out) -> None:
    with acting(args) as ctx:
        done = expiry.run_due(ctx)
    if done.period is None:
        text = tr("本村积分长期有效，没有要过期的。", "Points never expire here; nothing to do.")
    elif done.already:
        text = tr(f"这一期（{done.period}）已经运行过了，没有再记。", f"This period ({done.period}) has run already.")
    else:
        text = tr(f"已记过期：{done.accounts} 个账户共 {done.total} 分（{done.period}）",
                  f"Expired {done.total} points on {done.accounts} accounts ({done.period})")
    out.emit({"policy": done.policy, "period": done.period, "accounts": done.accounts,
              "total": done.total, "already": done.already}, text)


def grade_list(args, out) -> None:
    with reading(args) as ctx:
        grades = grades_admin.grades(ctx)
        found = grades_admin.household_grades(ctx, args.year) if args.households else []
    floor = grades[-1]
    lines = table([[g.label, tr("以下", "below") if g is floor else tr(f"{g.minimum} 分起", f"from {g.minimum}"),
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
             tr(f"已设好等次：{' > '.join(g.label for g in scale.grades)}",
                f"Grades set: {' > '.join(g.label for g in scale.grades)}"))


def _pair(text: str) -> tuple[str, str]:
    label, _, value = text.partition("=")
    return label.strip(), value.strip()
