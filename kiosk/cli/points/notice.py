"""notice list|pdf|object|decide, entry list|revoke: public notice and corrections."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.i18n import _
from kiosk.services.points import corrections, notice, notice_credit, objections


def register(commands, operator_options) -> None:
    no = commands.add_parser("notice", help=_("积分公示")).add_subparsers(
        dest="action", required=True)
    p = no.add_parser("list")
    p.set_defaults(run=notice_list)
    p = no.add_parser("pdf", help=_("打印贴公告栏的 A4 公示"))
    p.add_argument("--out", required=True)
    p.set_defaults(run=notice_pdf)
    p = no.add_parser("object", help=_("登记异议"))
    p.add_argument("entry", help=_("公示编号（或其末 6 位）"))
    p.add_argument("--by", required=True, dest="objector", help=_("提出异议的人"))
    p.add_argument("--why", required=True)
    operator_options(p)
    p.set_defaults(run=notice_object)
    p = no.add_parser("decide", help=_("处理异议"))
    p.add_argument("entry")
    p.add_argument("outcome", choices=tuple(objections.OUTCOMES))
    p.add_argument("--reason", "--note", default="", dest="note", help=_("处理的理由（必填）"))
    operator_options(p)
    p.set_defaults(run=notice_decide)

    en = commands.add_parser("entry", help=_("积分流水的更正")).add_subparsers(
        dest="action", required=True)
    p = en.add_parser("list")
    p.add_argument("--limit", type=int, default=30)
    p.set_defaults(run=entry_list)
    p = en.add_parser("revoke", help=_("撤销一条记分或扣分（写原因）"))
    p.add_argument("entry")
    p.add_argument("--reason", required=True)
    operator_options(p)
    p.set_defaults(run=entry_revoke)


def _item_json(i: notice.NoticeItem) -> dict:
    return {"id": i.id, "source": i.source, "resident": i.resident, "household": i.house_no,
            "rule": i.what, "points": i.points, "date": i.day, "starts": i.starts, "ends": i.ends,
            "state": i.state, "objections": i.objections, "recorded_by": i.recorded_by,
            "approved_by": i.approved_by or None}


def _item_row(i: notice.NoticeItem) -> list:
    return [i.short, i.house_no, i.resident, i.what, i.points.signed(), i.ends[:16],
            _(notice.STATE_WORDS[i.state])]


def notice_list(args, out) -> None:
    with reading(args) as ctx:
        credited = notice_credit.credit_due(ctx)     # the notice screen loads: credit what is due
        found = notice.items(ctx)
    lines = table([_item_row(i) for i in found]) or [_("现在没有公示中的积分。")]
    if credited:
        lines.insert(0, _("公示期满，已入账 {credited} 条。").format(credited=credited))
    out.emit({"notices": [_item_json(i) for i in found], "credited": credited}, lines)


def notice_pdf(args, out) -> None:
    with reading(args) as ctx:
        notice_credit.credit_due(ctx)
        path = notice.save_pdf(ctx, args.out)
        count = len([i for i in notice.items(ctx) if i.state != "due"])
    out.emit({"path": path, "items": count}, _("公示已存为 {path}（{count} 条）").format(path=path, count=count))


def notice_object(args, out) -> None:
    with acting(args) as ctx:
        item = objections.object_to(ctx, args.entry, args.objector, args.why)
    out.emit(_item_json(item), _("已登记异议：{resident} {what}，等管理员处理").format(resident=item.resident, what=item.what))


def notice_decide(args, out) -> None:
    with acting(args) as ctx:
        item = objections.decide(ctx, args.entry, args.outcome, args.note)
    out.emit(_item_json(item), _("已处理：{resident} {what}，{value}").format(resident=item.resident, what=item.what, value=_(notice.STATE_WORDS[item.state])))


def entry_list(args, out) -> None:
    with reading(args) as ctx:
        found = corrections.recent_entries(ctx, max(1, min(args.limit, 500)))
    out.emit({"entries": [{"id": e.id, "at": e.at, "date": e.day, "resident": e.resident,
                           "household": e.house_no, "rule": e.what, "points": e.points, "kind": e.kind,
                           "revoked": e.revoked, "reverses": e.is_reversal} for e in found]},
             table([[e.id[-6:], e.at[:16], e.resident, e.what, e.points.signed(),
                     _("已撤销") if e.revoked else ""] for e in found]))


def entry_revoke(args, out) -> None:
    with acting(args) as ctx:
        done = corrections.revoke(ctx, args.entry, args.reason)
    out.emit({"entry": done.entry_id, "reversal": done.reversal_id, "resident": done.resident,
              "rule": done.what, "points": done.points, "balance": done.balance_after, "reason": done.reason},
             _("已撤销：{resident} {what}，{value} 分，余额 {balance_after}").format(resident=done.resident, what=done.what, value=done.points.signed(), balance_after=done.balance_after))
