"""kiosk resident edit|move|leave|return, kiosk household split|merge."""

from __future__ import annotations

from kiosk.cli.session import acting
from kiosk.config import LEAVE_POINTS
from kiosk.i18n import _, word
from kiosk.messages.values import STATUS_WORDS
from kiosk.services.people import households, resident_changes


def register(res, hh, operator_options) -> None:
    p = res.add_parser("edit", help=_("改村民的姓名、关系、电话、身份证后四位"))
    p.add_argument("resident")
    p.add_argument("--name", default=None)
    p.add_argument("--relation", default=None, help=_("与户主关系；写“户主”就换他当户主"))
    p.add_argument("--phone", default=None)
    p.add_argument("--id-last4", default=None, dest="id_last4")
    operator_options(p)
    p.set_defaults(run=resident_edit)
    p = res.add_parser("move", help=_("迁到另一户（户积分留在原户）"))
    p.add_argument("resident")
    p.add_argument("--to", required=True, dest="house", help=_("要迁入的门牌号"))
    p.add_argument("--relation", default="", help=_("在新户里与户主的关系"))
    operator_options(p)
    p.set_defaults(run=resident_move)
    p = res.add_parser("leave", help=_("登记迁出或去世（卡随即停用）"))
    p.add_argument("resident")
    status = p.add_mutually_exclusive_group(required=True)
    status.add_argument("--moved", action="store_const", const="moved", dest="status")
    status.add_argument("--deceased", action="store_const", const="deceased", dest="status")
    p.add_argument("--points", choices=LEAVE_POINTS.values, default=None,
                   help=_("积分去向，不写就按本村设置"))
    operator_options(p)
    p.set_defaults(run=resident_leave)
    p = res.add_parser("return", help=_("恢复在册（登记错了或又回来了）"))
    p.add_argument("resident")
    operator_options(p)
    p.set_defaults(run=resident_return)
    p = hh.add_parser("split", help=_("分户：几个人另立一户，积分按人数分（或写明）"))
    p.add_argument("house")
    p.add_argument("--members", nargs="+", required=True, help=_("要分出去的人（姓名或卡号），第一位当户主"))
    p.add_argument("--new-house", required=True, dest="new_house")
    p.add_argument("--points", default=None, help=_("分给新户的积分，不写就按人数分"))
    operator_options(p)
    p.set_defaults(run=household_split)
    p = hh.add_parser("merge", help=_("合户：这一户的人和积分全部并入另一户"))
    p.add_argument("house")
    p.add_argument("--into", required=True)
    operator_options(p)
    p.set_defaults(run=household_merge)


def _json(r) -> dict:
    return {"resident": r.name, "card_code": r.card_code, "household": r.house_no, "relation": r.relation,
            "phone": r.phone, "id_last4": r.id_last4, "status": r.status}


def resident_edit(args, out) -> None:
    with acting(args) as ctx:
        r = resident_changes.edit(ctx, args.resident, name=args.name, relation=args.relation,
                                  phone=args.phone, id_last4=args.id_last4)
    out.emit(_json(r), _("已改好：{value}").format(value=r.label()))


def resident_move(args, out) -> None:
    with acting(args) as ctx:
        r = resident_changes.move(ctx, args.resident, args.house, args.relation)
    out.emit(_json(r), _("{name} 已迁入 {house_no}").format(name=r.name, house_no=r.house_no))


def resident_leave(args, out) -> None:
    with acting(args) as ctx:
        left = resident_changes.leave(ctx, args.resident, args.status, args.points)
    r, status = left.resident, word(STATUS_WORDS, args.status)
    lines = [_("{name} 已登记为{status}，卡 {card_code} 已停用").format(name=r.name, status=status, card_code=r.card_code)]
    if left.points == "forfeit":
        lines.append(_("积分 {amount} 分已作废（记了一笔流水）").format(amount=left.amount))
    elif left.amount:
        lines.append(_("积分 {amount} 分已转给{to}").format(amount=left.amount, to=left.to))
    else:
        lines.append(_("积分留在原处"))
    if left.new_head:
        lines.append(_("新户主：{new_head}").format(new_head=left.new_head))
    out.emit({**_json(r), "status": args.status, "points": left.points, "amount": left.amount,
              "to": left.to, "new_head": left.new_head}, lines)


def resident_return(args, out) -> None:
    with acting(args) as ctx:
        r = resident_changes.rejoin(ctx, args.resident)
    out.emit(_json(r), _("{name} 已恢复在册，卡 {card_code} 又能用了").format(name=r.name, card_code=r.card_code))


def household_split(args, out) -> None:
    with acting(args) as ctx:
        done = households.split(ctx, args.house, args.members, args.new_house, args.points)
    out.emit({"household": done.house_no, "new_household": done.other_house_no,
              "members": list(done.members), "points": done.points},
             _("已分户：{value} 另立 {other_house_no}，带走 {points} 分").format(value='、'.join(done.members), other_house_no=done.other_house_no, points=done.points, value2=', '.join(done.members)))


def household_merge(args, out) -> None:
    with acting(args) as ctx:
        done = households.merge(ctx, args.house, args.into)
    out.emit({"household": done.house_no, "into": done.other_house_no,
              "members": list(done.members), "points": done.points},
             _("已合户：{house_no} 的 {count} 人和 {points} 分并入 {other_house_no}").format(house_no=done.house_no, count=len(done.members), points=done.points, other_house_no=done.other_house_no))
