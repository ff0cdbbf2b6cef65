"""kiosk resident edit|move|leave|return, kiosk household split|merge."""

from __future__ import annotations

from kiosk.cli.session import acting
from kiosk.config import LEAVE_POINTS
from kiosk.i18n import STATUS_WORDS, tr, word
from kiosk.services import households, resident_changes


def register(res, hh, operator_options) -> None:
    p = res.add_parser("edit", help=tr("改村民的姓名、关系、电话、身份证后四位", "edit a resident's details"))
    p.add_argument("resident")
    p.add_argument("--name", default=None)
    p.add_argument("--relation", default=None, help=tr("与户主关系；写“户主”就换他当户主", "relation; 户主 makes them head"))
    p.add_argument("--phone", default=None)
    p.add_argument("--id-last4", default=None, dest="id_last4")
    operator_options(p)
    p.set_defaults(run=resident_edit)
    p = res.add_parser("move", help=tr("迁到另一户（户积分留在原户）", "move to another household"))
    p.add_argument("resident")
    p.add_argument("--to", required=True, dest="house", help=tr("要迁入的门牌号", "house number to join"))
    p.add_argument("--relation", default="", help=tr("在新户里与户主的关系", "relation to the new head"))
    operator_options(p)
    p.set_defaults(run=resident_move)
    p = res.add_parser("leave", help=tr("登记迁出或去世（卡随即停用）", "mark moved away or deceased"))
    p.add_argument("resident")
    status = p.add_mutually_exclusive_group(required=True)
    status.add_argument("--moved", action="store_const", const="moved", dest="status")
    status.add_argument("--deceased", action="store_const", const="deceased", dest="status")
    p.add_argument("--points", choices=LEAVE_POINTS.values, default=None,
                   help=tr("积分去向，不写就按本村设置", "what becomes of the points (default: the village's setting)"))
    operator_options(p)
    p.set_defaults(run=resident_leave)
    p = res.add_parser("return", help=tr("恢复在册（登记错了或又回来了）", "make active again"))
    p.add_argument("resident")
    operator_options(p)
    p.set_defaults(run=resident_return)
    p = hh.add_parser("split", help=tr("分户：几个人另立一户，积分按人数分（或写明）", "split a household"))
    p.add_argument("house")
    p.add_argument("--members", nargs="+", required=True, help=tr("要分出去的人（姓名或卡号），第一位当户主",
                                                                  "who leaves (names or cards); the first is head"))
    p.add_argument("--new-house", required=True, dest="new_house")
    p.add_argument("--points", default=None, help=tr("分给新户的积分，不写就按人数分", "points for the new household"))
    operator_options(p)
    p.set_defaults(run=household_split)
    p = hh.add_parser("merge", help=tr("合户：这一户的人和积分全部并入另一户", "merge into another household"))
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
    out.emit(_json(r), tr(f"已改好：{r.label()}", f"Updated: {r.label()}"))


def resident_move(args, out) -> None:
    with acting(args) as ctx:
        r = resident_changes.move(ctx, args.resident, args.house, args.relation)
    out.emit(_json(r), tr(f"{r.name} 已迁入 {r.house_no}", f"{r.name} now lives at {r.house_no}"))


def resident_leave(args, out) -> None:
    with acting(args) as ctx:
        left = resident_changes.leave(ctx, args.resident, args.status, args.points)
    r, status = left.resident, word(STATUS_WORDS, args.status)
    lines = [tr(f"{r.name} 已登记为{status}，卡 {r.card_code} 已停用", f"{r.name} is now {status}; card {r.card_code} stopped")]
    if left.points == "forfeit":
        lines.append(tr(f"积分 {left.amount} 分已作废（记了一笔流水）", f"{left.amount} points forfeited by an entry"))
    elif left.amount:
        lines.append(tr(f"积分 {left.amount} 分已转给{left.to}", f"{left.amount} points went to {left.to}"))
    else:
        lines.append(tr("积分留在原处", "The points stay where they are"))
    if left.new_head:
        lines.append(tr(f"新户主：{left.new_head}", f"New head: {left.new_head}"))
    out.emit({**_json(r), "status": args.status, "points": left.points, "amount": left.amount,
              "to": left.to, "new_head": left.new_head}, lines)


def resident_return(args, out) -> None:
    with acting(args) as ctx:
        r = resident_changes.rejoin(ctx, args.resident)
    out.emit(_json(r), tr(f"{r.name} 已恢复在册，卡 {r.card_code} 又能用了", f"{r.name} is active again"))


def household_split(args, out) -> None:
    with acting(args) as ctx:
        done = households.split(ctx, args.house, args.members, args.new_house, args.points)
    out.emit({"household": done.house_no, "new_household": done.other_house_no,
              "members": list(done.members), "points": done.points},
             tr(f"已分户：{'、'.join(done.members)} 另立 {done.other_house_no}，带走 {done.points} 分",
                f"Split: {', '.join(done.members)} now at {done.other_house_no} with {done.points} points"))


def household_merge(args, out) -> None:
    with acting(args) as ctx:
        done = households.merge(ctx, args.house, args.into)
    out.emit({"household": done.house_no, "into": done.other_house_no,
              "members": list(done.members), "points": done.points},
             tr(f"已合户：{done.house_no} 的 {len(done.members)} 人和 {done.points} 分并入 {done.other_house_no}",
                f"Merged {done.house_no} ({len(done.members)} people, {done.points} points) into {done.other_house_no}"))
