"""kiosk certificate HOUSE_NUMBER_OR_NAME --out FILE.pdf: a household's 积分证明 (managers)."""

from __future__ import annotations

from kiosk.cli.session import acting, operator_options
from kiosk.i18n import _
from kiosk.services.points import certificates


def register(commands) -> None:
    p = commands.add_parser("certificate", help=_("打印一户的积分证明（乡镇签发，银行可核验；管理员）"))
    p.add_argument("household", metavar="HOUSE_NUMBER_OR_NAME", help=_("门牌号，或村民的姓名、卡号"))
    p.add_argument("--out", required=True, metavar="FILE", help=_("存成这个 PDF 文件"))
    operator_options(p)
    p.set_defaults(run=certificate_pdf)


def certificate_pdf(args, out) -> None:
    with acting(args) as ctx:
        made = certificates.write_pdf(ctx, args.household, args.out)
    out.emit({"household": made.house_no, "head": made.head, "grade": made.grade, "year": made.year,
              "this_year": made.this_year, "last_year": made.last_year, "balance": made.balance,
              "on_hold": bool(made.holds), "snapshot": made.snapshot_at.strftime("%Y-%m-%d %H:%M"),
              "age_days": made.age_days, "file": str(args.out), "text": made.signed},
             [_("{house_no} {head} 的积分证明已存为 {out}").format(house_no=made.house_no, head=made.head, out=args.out),
              made.age_words()])
