"""init, demo, redeem, refund, balance, check."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

from kiosk.cli.output import table
from kiosk.cli.session import acting, operator_options, reading
from kiosk.core import chain_code
from kiosk.core.errors import Refused
from kiosk.core.weighed import json_qty
from kiosk.i18n import _, _p
from kiosk.paths import user_data_dir
from kiosk.services.points import balances
from kiosk.services.setup import create as setup
from kiosk.services.shop import checkout, refunds
from kiosk.services.audit.check import run_check
from kiosk.services.setup.restore_heal import damage


def register(commands) -> None:
    p = commands.add_parser("init", help=_("建立新村的数据库"))
    p.add_argument("--village", required=True)
    p.add_argument("--currency", default="美德积分")
    p.add_argument("--manager", required=True)
    p.add_argument("--pin", required=True)
    p.add_argument("--per-resident", action="store_true",
                   help=_("每个村民一个账户（默认每户一个）"))
    p.set_defaults(run=init)

    p = commands.add_parser("demo", help=_("生成演示村（青石村）"))
    p.add_argument("--no-gui", action="store_true")
    p.set_defaults(run=demo)

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

    p = commands.add_parser("check", help=_("核对账目"))
    p.add_argument("--against", action="append", default=[], metavar="CODE",
                   help=_("交班单或报表上打印的账本校验码，例如 12345:7KQ2-M9XD-4HRT"))
    p.set_defaults(run=check)


def init(args, out) -> None:
    db = setup.create_database(args.db)
    try:
        ctx = setup.init_village(db, village=args.village, manager=args.manager, pin=args.pin,
                                 currency=args.currency,
                                 account_mode="resident" if args.per_resident else "household")
        from kiosk.services.points import rules
        from kiosk.services.setup.demo_data import standard_rules

        with db.write():
            for rule in standard_rules():
                rules.add_rule(ctx, rule)
        village = ctx.village
    finally:
        db.close()
    out.emit({"village": village.name, "currency": village.currency, "db": args.db},
             _("已建立 {name}（{currency}），数据库：{db}").format(name=village.name, currency=village.currency, db=args.db))


def demo(args, out) -> int:
    from kiosk.services.setup.demo import build_demo

    path = Path(args.db) if args.db_given else user_data_dir() / "demo.sqlite"
    _clear_old_demo(path)
    summary = build_demo(path)
    lines = [_("演示村 {village} 已建好：{households} 户，{residents} 位村民，{products} 种商品，{entries} 条积分流水，{sales} 张兑换单。").format(village=summary.village, households=summary.households, residents=summary.residents, products=summary.products, entries=summary.entries, sales=summary.sales),
             _("数据库：{path}").format(path=summary.path), "",
             _("演示操作员和密码：")]
    lines += table([[o["name"], o["role"], o["pin"], o["title"]] for o in summary.operators])
    lines += ["", _("试试：kiosk --db {path} balance JF000001").format(path=summary.path)]
    out.emit({"db": str(summary.path), "village": summary.village, "households": summary.households,
              "residents": summary.residents, "products": summary.products,
              "entries": summary.entries, "sales": summary.sales,
              "operators": summary.operators}, lines)
    if not args.no_gui:
        return _open_counter(summary.path, out)
    return 0


def _clear_old_demo(path: Path) -> None:
    """A demo database is rebuilt each time, and so is one with no village yet (a build cut
    short); a real village's database never is."""
    if not path.exists():
        return
    db = setup.open_shop(path)
    try:
        demo = setup.is_demo(db) or not setup.has_village(db)
    finally:
        db.close()
    if not demo:
        raise Refused("db_exists", path=str(path))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


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
    lines += table([[h.activity_date, h.what, h.points.signed()] for h in st.history])
    out.emit({"resident": r.name, "card_code": r.card_code, "household": r.house_no,
              "members": [m.name for m in st.members], "balance": st.balance,
              "year_score": st.year_score, "grade": st.grade, "next_grade": st.next_grade,
              "next_grade_at": st.next_grade_at, "hold": st.hold,
              "history": [{"date": h.activity_date, "at": h.at, "kind": h.kind, "what": h.what,
                           "points": h.points} for h in st.history]}, lines)


def check(args, out) -> int:
    anchors = [chain_code.parse(text) for text in args.against]
    if None in anchors:
        bad = args.against[anchors.index(None)]
        out.error(_("看不懂校验码“{code}”：请照单子上的样子输入，例如 12345:7KQ2-M9XD-4HRT").format(code=bad),
                  "bad_code")
        return 2
    with reading(args) as ctx:
        damaged = damage(ctx.db.conn)
        try:
            report = None if damaged else run_check(ctx.db, anchors)
        except sqlite3.DatabaseError as exc:
            damaged = str(exc)
    if damaged:
        raise Refused("db_damaged", path=args.db, detail=damaged)
    summary = _("账目核对{value}：{entry} 条积分流水，{sale} 张兑换单，{audit} 条操作记录。").format(value='通过' if report.ok else '发现问题', entry=report.counts['entry'], sale=report.counts['sale'], audit=report.counts['audit'], value2='passed' if report.ok else 'FAILED')
    out.emit({"ok": report.ok, "problems": report.problems, "counts": report.counts, "notes": report.notes},
             [summary] + report.problems + report.notes)
    return 0 if report.ok else 1
