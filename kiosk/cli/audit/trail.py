"""audit list: the trail of who did what to whom (操作记录), newest first."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import reading
from kiosk.i18n import _
from kiosk.services.audit import listing as audit_trail


def register(commands) -> None:
    au = commands.add_parser("audit", help=_("操作记录：谁在什么时候对谁做了什么")).add_subparsers(
        dest="action", required=True)
    p = au.add_parser("list", help=_("列出操作记录（最新的在前）"))
    p.add_argument("--operator", default=None, help=_("只看这位操作员做的"))
    p.add_argument("--kind", default=None, help=_("只看这一类，如 rule、setting、notice、points.award"))
    p.add_argument("--since", default=None, help=_("从这一天起，如 2026-11-01"))
    p.add_argument("--resident", default=None, help=_("只看和这位村民有关的（卡号或姓名）"))
    p.add_argument("--limit", type=int, default=200)
    p.add_argument("--export", default=None, metavar="FILE", help=_("存成 Excel（.xlsx）或 .csv"))
    p.set_defaults(run=audit_list)


def _filters(args) -> dict:
    return {"operator": args.operator, "kind": args.kind, "since": args.since, "resident": args.resident}


def audit_list(args, out) -> None:
    with reading(args) as ctx:
        trail = audit_trail.read(ctx, **_filters(args), limit=args.limit)
        saved = audit_trail.export(ctx, args.export, **_filters(args)) if args.export else None
    lines = [{"seq": t.seq, "at": t.at, "operator": t.operator, "action": t.action, "did": t.did,
              "target": t.target, "change": t.change, "second_manager": t.second or None}
             for t in trail.lines]
    text = [trail.chain_words, *table([[t.at[:16], t.operator, t.did, t.change
                                         + (_("（{name}确认）").format(name=t.second) if t.second else "")]
                                        for t in trail.lines])]
    if saved:
        text.append(_("已存到 {path}").format(path=saved))
    out.emit({"chain_whole": trail.chain_whole, "chain": trail.chain_words, "lines": lines,
              "file": str(saved) if saved else None}, text)
