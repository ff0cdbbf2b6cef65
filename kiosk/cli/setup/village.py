"""init, demo: a new village's database, and the demo village (青石村)."""

from __future__ import annotations

from pathlib import Path

from kiosk.cli.output import table
from kiosk.cli.shop import sales
from kiosk.core.errors import Refused
from kiosk.i18n import _, word
from kiosk.messages.values import ROLE_WORDS
from kiosk.paths import user_data_dir
from kiosk.services.setup import create as setup


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
    lines += table([[o["name"], word(ROLE_WORDS, o["role"]), o["pin"], o["title"]] for o in summary.operators])
    lines += ["", _("试试：kiosk --db {path} balance JF000001").format(path=summary.path)]
    out.emit({"db": str(summary.path), "village": summary.village, "households": summary.households,
              "residents": summary.residents, "products": summary.products,
              "entries": summary.entries, "sales": summary.sales,
              "operators": summary.operators}, lines)
    if not args.no_gui:
        return sales._open_counter(summary.path, out)
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
