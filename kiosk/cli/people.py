"""operator, resident, household."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.i18n import STATUS_WORDS, tr, word
from kiosk.services import balances, imports, operators, residents


def register(commands) -> None:
    from kiosk.cli.main import operator_options

    op = commands.add_parser("operator", help=tr("操作员", "operators")).add_subparsers(
        dest="action", required=True)
    op.add_parser("list").set_defaults(run=operator_list)
    p = op.add_parser("add")
    p.add_argument("name")
    p.add_argument("--role", required=True, choices=("volunteer", "manager"))
    p.add_argument("--new-pin", required=True, dest="new_pin", help=tr("新操作员的密码", "the new operator's PIN"))
    operator_options(p)
    p.set_defaults(run=operator_add)

    res = commands.add_parser("resident", help=tr("村民", "residents")).add_subparsers(
        dest="action", required=True)
    p = res.add_parser("list")
    p.add_argument("--find", default="", help=tr("按姓名、拼音首字母或门牌号查找", "filter by name, initials or house number"))
    p.set_defaults(run=resident_list)
    p = res.add_parser("show")
    p.add_argument("resident")
    p.set_defaults(run=resident_show)
    p = res.add_parser("add")
    p.add_argument("name")
    p.add_argument("--house", required=True, help=tr("门牌号，如 3组12号", "house number, e.g. 3组12号"))
    p.add_argument("--relation", default="")
    p.add_argument("--card", default=None)
    p.add_argument("--id-last4", default=None, dest="id_last4")
    p.add_argument("--phone", default=None)
    operator_options(p)
    p.set_defaults(run=resident_add)
    p = res.add_parser("pin", help=tr("设村民自己的自助查询密码", "set a resident's own self-service PIN"))
    p.add_argument("resident")
    p.add_argument("--new-pin", dest="new_pin", default=None, help=tr("不写则取消密码", "omit to remove the PIN"))
    operator_options(p)
    p.set_defaults(run=resident_pin)
    p = res.add_parser("import")
    p.add_argument("file")
    operator_options(p)
    p.set_defaults(run=resident_import)
    from kiosk.cli.cards import register_reissue

    register_reissue(res, operator_options)

    hh = commands.add_parser("household", help=tr("户", "households")).add_subparsers(
        dest="action", required=True)
    p = hh.add_parser("list")
    p.add_argument("--find", default="", help=tr("门牌号开头，如 3组", "house number prefix, e.g. 3组"))
    p.set_defaults(run=household_list)
    p = hh.add_parser("show")
    p.add_argument("resident", help=tr("户里任一村民", "any member of the household"))
    p.set_defaults(run=resident_show)


def operator_list(args, out) -> None:
    with reading(args) as ctx:
        rows = operators.list_operators(ctx.db)
    out.emit({"operators": rows}, table([[r["name"], r["role"], "" if r["active"] else "停用"] for r in rows]))


def operator_add(args, out) -> None:
    with acting(args) as ctx:
        actor = operators.add_operator(ctx, args.name, args.role, args.new_pin)
    out.emit({"operator": actor.name, "role": actor.role},
             tr(f"已添加操作员 {actor.name}", f"Added operator {actor.name}"))


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
    lines = [tr(f"{r.name}（{r.relation}）  {r.house_no}  卡号 {r.card_code}  拼音 {r.initials}",
                f"{r.name} ({r.relation})  {r.house_no}  card {r.card_code}  initials {r.initials}"),
             tr(f"户余额 {st.balance}  今年得分 {st.year_score}  等次 {st.grade}",
                f"Balance {st.balance}  this year {st.year_score}  grade {st.grade}")]
    lines += table([[m.card_code, m.name, m.relation, word(STATUS_WORDS, m.status)] for m in st.members])
    out.emit({**_resident_json(r), "balance": st.balance, "grade": st.grade,
              "members": [_resident_json(m) for m in st.members]}, lines)


def resident_add(args, out) -> None:
    with acting(args) as ctx:
        r = residents.add_resident(ctx, name=args.name, house_no=args.house, relation=args.relation,
                                   card_code=args.card, id_last4=args.id_last4, phone=args.phone)
    out.emit(_resident_json(r), tr(f"已登记 {r.label()}", f"Registered {r.label()}"))


def resident_import(args, out) -> None:
    with acting(args) as ctx:
        count = imports.import_residents(ctx, args.file)
    out.emit({"imported": count}, tr(f"已导入 {count} 位村民", f"Imported {count} residents"))


def resident_pin(args, out) -> None:
    with acting(args) as ctx:
        r = residents.set_pin(ctx, args.resident, args.new_pin)
    done = bool(args.new_pin)
    out.emit({"resident": r.name, "card_code": r.card_code, "pin": done},
             tr(f"{r.name} 的自助查询密码已{'设好' if done else '取消'}",
                f"{r.name}'s self-service PIN {'set' if done else 'removed'}"))


def household_list(args, out) -> None:
    with reading(args) as ctx:
        found = residents.households(ctx, args.find)
    out.emit({"households": [{"household": h.house_no, "head": h.head, "members": h.members,
                              "balance": h.balance} for h in found]},
             table([[h.house_no, h.head, tr(f"{h.members} 人", f"{h.members} people"), str(h.balance)]
                    for h in found]))
