"""kiosk cards ... --pdf FILE, kiosk resident reissue-card."""

from __future__ import annotations

from kiosk.cli.session import acting, operator_options
from kiosk.i18n import _
from kiosk.services.people import cards


def register(commands) -> None:
    p = commands.add_parser("cards", help=_("打印村民卡（A4，每张10张卡）"))
    p.add_argument("residents", nargs="*", metavar="RESIDENT", help=_("卡号、姓名或拼音首字母"))
    p.add_argument("--household", default=None, help=_("一户的全部在册村民（门牌号）"))
    p.add_argument("--all", action="store_true", dest="everyone", help=_("全部在册村民"))
    p.add_argument("--skip", type=int, default=0, help=_("用过的卡纸跳过前几个位置"))
    p.add_argument("--pdf", required=True, metavar="FILE")
    operator_options(p)
    p.set_defaults(run=cards_pdf)


def register_reissue(res, operator_options) -> None:
    p = res.add_parser("reissue-card", help=_("补办村民卡（旧卡作废）"))
    p.add_argument("resident")
    p.add_argument("--reason", required=True, help=_("如：丢失、损坏"))
    operator_options(p)
    p.set_defaults(run=reissue_card)


def cards_pdf(args, out) -> None:
    with acting(args) as ctx:
        path, count = cards.save_sheet(ctx, args.pdf, args.residents, args.household, args.everyone, args.skip)
    out.emit({"pdf": str(path), "cards": count},
             _("已生成 {count} 张村民卡：{path}").format(count=count, path=path))


def reissue_card(args, out) -> None:
    with acting(args) as ctx:
        done = cards.reissue(ctx, args.resident, args.reason)
    out.emit({"resident": done.name, "old_card": done.old_code, "new_card": done.new_code},
             _("{name}的新卡号 {new_code}，旧卡 {old_code} 已作废。请打印新卡：kiosk cards {new_code} --pdf 文件").format(name=done.name, new_code=done.new_code, old_code=done.old_code))
