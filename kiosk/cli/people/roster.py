"""operator, resident, household (the people commands; changes, files and policies beside)."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, operator_options, reading
from kiosk.i18n import N_, _, _p, word
from kiosk.messages.values import ROLE_WORDS, STATUS_WORDS
from kiosk.services.people import confirm_limits, households, operators, residents
from kiosk.services.points import balances


def register(commands) -> None:
    op = commands.add_parser("operator", help=_p("people", "操作员")).add_subparsers(
        dest="action", required=True)
    op.add_parser("list").set_defaults(run=operator_list)
    p = op.add_parser("add")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("volunteer", "manager"))
    p.add_argument("--new-pin", required=True, dest="new_pin", help=_("新操作员的密码"))
    p.add_argument("--resident", default=None, help=_("这位操作员是哪位村民（卡号或姓名），用于回避"))
    operator_options(p)
    p.set_defaults(run=operator_add)
    p = op.add_parser("link", help=_("登记操作员是哪位村民（自家的积分要另一位管理员确认）"))
    p.add_argument("name")
    p.add_argument("resident", help=_("村民的卡号、姓名或拼音首字母"))
    operator_options(p)
    p.set_defaults(run=operator_link)
    p = op.add_parser("reset-pin", help=_("重设密码（管理员给别人，或自己改自己的）"))
    p.add_argument("name")
    p.add_argument("--new-pin", required=True, dest="new_pin")
    operator_options(p)
    p.set_defaults(run=operator_reset_pin)
    for action, words in (("deactivate", N_("停用（不能再登录，记录都保留）")),
                           ("activate", N_("重新启用"))):
        p = op.add_parser(action, help=_(words))
        p.add_argument("name")
        operator_options(p)
        p.set_defaults(run=operator_active, active=action == "activate")

    res = commands.add_parser("resident", help=_p("people", "村民")).add_subparsers(
        dest="action", required=True)
    p = res.add_parser("list")
    p.add_argument("--find", default="", help=_("按姓名、拼音首字母或门牌号查找"))
    p.set_defaults(run=resident_list)
    p = res.add_parser("show")
    p.add_argument("resident")
    p.set_defaults(run=resident_show)
    p = res.add_parser("add")
    p.add_argument("name")
    p.add_argument("--house", required=True, help=_("门牌号，如 3组12号"))
    p.add_argument("--relation", default="")
    p.add_argument("--card", default=None)
    p.add_argument("--id-last4", default=None, dest="id_last4")
    p.add_argument("--phone", default=None)
    operator_options(p)
    p.set_defaults(run=resident_add)
    p = res.add_parser("pin", help=_("设村民自己的自助查询密码"))
    p.add_argument("resident")
    p.add_argument("--new-pin", dest="new_pin", default=None, help=_("不写则取消密码"))
    operator_options(p)
    p.set_defaults(run=resident_pin)
    from kiosk.cli.people import changes as people_changes, files as people_files
    from kiosk.cli.points import policies
    from kiosk.cli.people.cards import register_reissue

    people_files.register(res, operator_options)

    register_reissue(res, operator_options)

    hh = commands.add_parser("household", help=_p("people", "户")).add_subparsers(
        dest="action", required=True)
    p = hh.add_parser("list")
    p.add_argument("--find", default="", help=_("门牌号开头，如 3组"))
    p.set_defaults(run=household_list)
    p = hh.add_parser("show")
    p.add_argument("resident", help=_("户里任一村民"))
    p.set_defaults(run=resident_show)
    people_changes.register(res, hh, operator_options)
    policies.register(commands, operator_options)


def operator_list(args, out) -> None:
    with reading(args) as ctx:
        rows = operators.list_operators(ctx.db)
        limits = confirm_limits.limits_by_manager(ctx)
    out.emit({"operators": rows, "confirm_limits": _limits_json(limits)},
             table([[r["name"], word(ROLE_WORDS, r["role"]), "" if r["active"] else _("停用"),
                     f"{r['resident']}（{r['house_no']}）" if r["resident"] else _("未登记是哪位村民")]
                    for r in rows]) + _limits_lines(limits))


def _limits_json(limits: dict[str, list[confirm_limits.ConfirmLimit]]) -> dict[str, list[dict]]:
    return {name: [{"actor": one.actor, "household": one.house_no, "reason": one.refusal.code,
                    "words": one.words()} for one in each] for name, each in limits.items()}


def _limits_lines(limits: dict[str, list[confirm_limits.ConfirmLimit]]) -> list[str]:
    """Whose household's acts each manager cannot confirm as second manager now, in the counter's words."""
    if not limits:
        return []
    return ["", _("暂时不能做第二位确认的管理员（回避）")] + [
        _("{name}：{words}").format(name=name, words=one.words()) for name, each in limits.items() for one in each]


def operator_add(args, out) -> None:
    with acting(args) as ctx:
        actor = operators.add_operator(ctx, args.name, args.role, args.new_pin, args.resident)
    out.emit({"operator": actor.name, "role": actor.role},
             _("已添加操作员 {name}").format(name=actor.name))


def operator_link(args, out) -> None:
    with acting(args) as ctx:
        resident = operators.link_resident(ctx, args.name, args.resident)
    out.emit({"operator": args.name, "resident": resident.name, "card": resident.card_code,
              "household": resident.house_no},
             _("操作员 {name} 是村民 {resident}（{house_no}）").format(
                 name=args.name, resident=resident.name, house_no=resident.house_no))


def operator_reset_pin(args, out) -> None:
    with acting(args) as ctx:
        operators.reset_pin(ctx, args.name, args.new_pin)
    out.emit({"operator": args.name, "pin": "reset"},
             _("{name} 的密码已重设，锁定也已解除").format(name=args.name))


def operator_active(args, out) -> None:
    with acting(args) as ctx:
        operators.set_active(ctx, args.name, args.active)
    out.emit({"operator": args.name, "active": args.active},
             _("{name} 已{value}").format(name=args.name, value='重新启用' if args.active else '停用，不能再登录；过去的记录都保留', value2='active again' if args.active else 'deactivated; past records stay'))


def _resident_json(r: residents.Resident) -> dict:
    return {"resident": r.name, "card_code": r.card_code, "household": r.house_no,
            "initials": r.initials, "relation": r.relation, "status": r.status}


def resident_list(args, out) -> None:
    with reading(args) as ctx:
        found = residents.suggest(ctx, args.find, 200) if args.find else residents.list_residents(ctx)
    out.emit({"residents": [_resident_json(r) for r in found]},
             table([[r.card_code, r.name, r.house_no, r.relation, word(STATUS_WORDS, r.status)]
                    for r in found]))


def resident_show(args, out) -> None:
    with reading(args) as ctx:
        st = balances.standing(ctx, args.resident, history=5)
    r = st.resident
    lines = [_("{name}（{relation}）  {house_no}  卡号 {card_code}  拼音 {initials}").format(name=r.name, relation=r.relation, house_no=r.house_no, card_code=r.card_code, initials=r.initials),
             _("户余额 {balance}  今年得分 {year_score}  等次 {grade}").format(balance=st.balance, year_score=st.year_score, grade=st.grade)]
    lines += table([[m.card_code, m.name, m.relation, word(STATUS_WORDS, m.status)] for m in st.members])
    out.emit({**_resident_json(r), "balance": st.balance, "grade": st.grade,
              "members": [_resident_json(m) for m in st.members]}, lines)


def resident_add(args, out) -> None:
    with acting(args) as ctx:
        r = residents.add_resident(ctx, name=args.name, house_no=args.house, relation=args.relation,
                                   card_code=args.card, id_last4=args.id_last4, phone=args.phone)
    out.emit(_resident_json(r), _("已登记 {value}").format(value=r.label()))


def resident_pin(args, out) -> None:
    with acting(args) as ctx:
        r = residents.set_pin(ctx, args.resident, args.new_pin)
    done = bool(args.new_pin)
    out.emit({"resident": r.name, "card_code": r.card_code, "pin": done},
             _("{name} 的自助查询密码已{value}").format(name=r.name, value='设好' if done else '取消', value2='set' if done else 'removed'))


def household_list(args, out) -> None:
    with reading(args) as ctx:
        found = households.listing(ctx, args.find)
    out.emit({"households": [{"household": h.house_no, "head": h.head, "members": h.members,
                              "balance": h.balance} for h in found]},
             table([[h.house_no, h.head, _("{members} 人").format(members=h.members), str(h.balance)]
                    for h in found]))
