"""report: the manager's reports, saved as PDF, CSV or Excel, or shown as text."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, operator_options
from kiosk.i18n import _
from kiosk.services import reports
from kiosk.services.reports.figures import Report


def register(commands) -> None:
    p = commands.add_parser(
        "report", help=_("报表：日结、月度汇总、排行榜、等次名册、对账单、库存、出入库（管理员）"))
    p.add_argument("name", metavar="NAME", help=", ".join(reports.KINDS))
    p.add_argument("--period", default=None,
                   help=_("2026-11-03、2026-11、2026，或 today / month / year（默认按报表而定）"))
    p.add_argument("--format", choices=reports.FORMATS, default=None,
                   help=_("文件格式（默认看 --out 的后缀）"))
    p.add_argument("--out", metavar="FILE", default=None,
                   help=_("存到这个文件；不给就在屏幕上显示"))
    whom = p.add_mutually_exclusive_group()
    whom.add_argument("--resident", help=_("对账单：村民（卡号、姓名或拼音首字母）"))
    whom.add_argument("--household", help=_("对账单：门牌号"))
    p.add_argument("--top", type=int, default=None, help=_("排行榜只列前几户"))
    operator_options(p)
    p.set_defaults(run=report, parser=p)


def _summary(report: Report, args) -> dict:
    return {"report": report.name, "title": report.title, "period": report.period.text,
            "empty": report.empty, "notes": list(report.notes),
            "facts": [{"label": f.label, "value": f.value} for f in report.facts],
            "tables": [{"key": t.key, "title": t.title, "columns": [c.title for c in t.columns],
                        "rows": [list(r) for r in t.rows], "total": t.total} for t in report.tables],
            "file": args.out, "format": args.format}


def as_text(report: Report) -> list[str]:
    lines = [report.title, report.subtitle, *report.notes, ""]
    lines += table([[f.label, "" if f.value is None else f.value] for f in report.facts])
    for t in report.tables:
        lines += ["", t.title]
        body = [[c.title for c in t.columns], *t.rows] + ([list(t.total)] if t.total else [])
        lines += table([["" if v is None else v for v in row] for row in body]) if t.rows else [t.empty_words]
    return lines


def report(args, out) -> None:
    if args.format and not args.out:
        args.parser.error(_("给了 --format 就要给 --out 文件"))
    if args.out:
        args.format = reports.file_kind(args.out, args.format)
    with acting(args) as ctx:
        made = reports.make(ctx, args.name, args.period, resident=args.resident,
                            household=args.household, top=args.top)
        if args.out:
            reports.save(made, args.format, args.out)
    if args.out:
        lines = [_("{title} 已存为 {out}").format(title=made.title, out=args.out), *made.notes]
    else:
        lines = as_text(made)
    out.emit(_summary(made, args), lines)
