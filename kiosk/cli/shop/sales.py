"""counter, selfservice (the two windows), redeem, refund, balance: the counter's work."""

from __future__ import annotations

import importlib
from pathlib import Path

from kiosk.cli.output import table
from kiosk.cli.session import acting, operator_options, reading
from kiosk.core.errors import Refused
from kiosk.core.kinds import entry_words
from kiosk.core.weighed import json_qty
from kiosk.i18n import _, _p
from kiosk.services.points import balances
from kiosk.services.setup import create as setup
from kiosk.services.shop import checkout, refunds


def register(commands) -> None:
    p = commands.add_parser("counter", help=_("打开收银台窗口"))
    p.add_argument("--fullscreen", action="store_true")
    p.set_defaults(run=counter)

    p = commands.add_parser("selfservice", help=_("打开自助查询触摸屏"))
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument("--screen", type=int, default=None,
                   help=_("在第几块屏幕上（0 起；默认最后一块）"))
    p.set_defaults(run=selfservice)

    p = commands.add_parser("redeem", help=_p("shop", "兑换商品"))
    p.add_argument("resident")
    p.add_argument("items", nargs="+", metavar="ITEM[xQTY]")
    operator_options(p)
    p.set_defaults(run=redeem)

    p = commands.add_parser("refund", help=_("退货退分（管理员）"))
    p.add_argument("receipt")
    p.add_argument("--line", type=int, action="append", help=_("只退这一行（可多次）"))
    p.add_argument("--qty", action="append", help=_("对应行退几件"))
    p.add_argument("--reason", required=True)
    operator_options(p)
    p.set_defaults(run=refund)

    p = commands.add_parser("balance", help=_("查积分"))
    p.add_argument("resident")
    p.set_defaults(run=balance)


def _open_counter(path: Path | str, out, fullscreen: bool = False) -> int:
    """The counter window, loaded only now: the command line works without Qt installed."""
    try:
        windows = importlib.import_module("kiosk.ui.app")
    except ImportError as exc:
        raise Refused("gui_missing", detail=str(exc)) from exc
    return windows.run_counter(path, fullscreen=fullscreen)


def selfservice(args, out) -> int:
    setup.open_for_reading(args.db).close()  # a clear refusal before any window opens
    try:
        windows = importlib.import_module("kiosk.ui.app")
    except ImportError as exc:
        raise Refused("gui_missing", detail=str(exc)) from exc
    return windows.run_selfservice(args.db, fullscreen=args.fullscreen, screen=args.screen)


def counter(args, out) -> int:
    """The counter; on a missing or empty database the first-run setup wizard comes first."""
    from kiosk.services.setup.village_build import needs_setup

    needs_setup(args.db)  # a clear refusal (not our file, too new) before any window opens
    return _open_counter(args.db, out, args.fullscreen)


def redeem(args, out) -> None:
    with acting(args) as ctx:
        sale = checkout.redeem_items(ctx, args.resident, args.items)
        currency = ctx.village.currency
    lines = [_("兑换成功  小票号 {receipt}").format(receipt=sale.receipt),
             _("村民 {name}（{house_no}）").format(name=sale.resident.name, house_no=sale.resident.house_no)]
    lines += table([[ln.name, f"×{ln.shown_qty}", str(ln.amount)] for ln in sale.lines])
    lines += [_("合计 {total} {currency}，兑换前 {balance_before}，兑换后 {balance_after}").format(total=sale.total, currency=currency, balance_before=sale.balance_before, balance_after=sale.balance_after)]
    out.emit({"receipt": sale.receipt, "resident": sale.resident.name,
              "household": sale.resident.house_no, "total": sale.total,
              "balance_before": sale.balance_before, "balance_after": sale.balance_after,
              "lines": [{"name": ln.name, "qty": json_qty(ln.qty, ln.scale), "price": ln.price, "amount": ln.amount}
                        for ln in sale.lines], "at": sale.at, "operator": sale.operator}, lines)


def refund(args, out) -> None:
    wanted = None
    if args.line:
        qtys = args.qty or []
        wanted = {line: qtys[i] if i < len(qtys) else None for i, line in enumerate(args.line)}
    with acting(args) as ctx:
        result = refunds.refund(ctx, args.receipt, args.reason, wanted)
    lines = [_("已退回 小票 {receipt}：{total} 分，余额 {balance_after}").format(receipt=result.receipt, total=result.total, balance_after=result.balance_after)]
    lines.append(_("退货单号 {number}（补打：kiosk receipt {number}）").format(number=result.number))
    lines += table([[ln.line_no, ln.name, f"×{ln.shown_qty}", str(ln.amount)] for ln in result.lines])
    out.emit({"receipt": result.receipt, "refund": result.number, "resident": result.resident, "total": result.total,
              "balance_after": result.balance_after, "reason": result.reason,
              "lines": [{"line": ln.line_no, "name": ln.name, "qty": json_qty(ln.qty, ln.scale), "amount": ln.amount}
                        for ln in result.lines]}, lines)


def balance(args, out) -> None:
    with reading(args) as ctx:
        st = balances.standing(ctx, args.resident)
        currency = ctx.village.currency
    r = st.resident
    lines = [_("{name}  {house_no}  卡号 {card_code}").format(name=r.name, house_no=r.house_no, card_code=r.card_code),
             _("户成员：{value}").format(value='、'.join(m.name for m in st.members), value2=', '.join(m.name for m in st.members)),
             _("余额 {balance} {currency}   今年得分 {year_score}   等次 {grade}").format(balance=st.balance, currency=currency, year_score=st.year_score, grade=st.grade)]
    if st.hold:
        lines.append(_("账户已冻结：{hold}").format(hold=st.hold))
    lines += table([[h.activity_date, entry_words(h.kind), h.what, h.points.signed()] for h in st.history])
    out.emit({"resident": r.name, "card_code": r.card_code, "household": r.house_no,
              "members": [m.name for m in st.members], "balance": st.balance,
              "year_score": st.year_score, "grade": st.grade, "next_grade": st.next_grade,
              "next_grade_at": st.next_grade_at, "hold": st.hold,
              "history": [{"date": h.activity_date, "at": h.at, "kind": h.kind, "what": h.what,
                           "points": h.points} for h in st.history]}, lines)
