"""kiosk cards ... --pdf FILE, kiosk resident reissue-card."""

from __future__ import annotations

from kiosk.cli.session import acting
from kiosk.i18n import tr
from kiosk.services import cards


def register(commands) -> None:
    from kiosk.cli.main import operator_options

    p = commands.add_parser("cards", help=tr("打印村民卡（A4，每张10张卡）", "print resident cards (A4, 10 a sheet)"))
    p.add_argument("residents", nargs="*", metavar="RESIDENT", help=tr("卡号、姓名或拼音首字母", "card, name or initials"))
    p.add_argument("--household", default=None, help=tr("一户的全部在册村民（门牌号）", "all active members of a household"))
    p.add_argument("--all", action="store_true", dest="everyone", help=tr("全部在册村民", "every active resident"))
    p.add_argument("--skip", type=int, default=0, help=tr("用过的卡纸跳过前几个位置", "leave the first N slots of a used sheet"))
    p.add_argument("--pdf", required=True, metavar="FILE")
    operator_options(p)
    p.set_defaults(run=cards_pdf)


def register_reissue(res, operator_options) -> None:
    p = res.add_parser("reissue-card", help=tr("补办村民卡（旧卡作废）", "replace a resident's card (the old one stops working)"))
    p.add_argument("resident")
    p.add_argument("--reason", required=True, help=tr("如：丢失、损坏", "e.g. lost, damaged"))
    operator_options(p)
    p.set_defaults(run=reissue_card)


def cards_pdf(args, out) -> None:
    with acting(args) as ctx:
        path, count = cards.save_sheet(ctx, args.pdf, args.residents, args.household, args.everyone, args.skip)
    out.emit({"pdf": str(path), "cards": count},
             tr(f"已生成 {count} 张村民卡：{path}", f"{count} resident cards written to {path}"))


def reissue_card(args, out) -> None:
    with acting(args) as ctx:
        done = cards.reissue(ctx, args.resident, args.reason)
    out.emit({"resident": done.name, "old_card": done.old_code, "new_card": done.new_code},
             tr(f"{done.name}的新卡号 {done.new_code}，旧卡 {done.old_code} 已作废。请打印新卡：kiosk cards {done.new_code} --pdf 文件",
                f"{done.name}'s new card is {done.new_code}; the old {done.old_code} no longer works."))
