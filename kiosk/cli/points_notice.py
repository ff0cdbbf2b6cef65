"""notice list|pdf|object|decide, entry list|revoke: public notice and corrections."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting, reading
from kiosk.i18n import tr
from kiosk.services import corrections, notice, notice_credit, objections


def register(commands, operator_options) -> None:
    no = commands.add_parser("notice", help=tr("积分公示", "public notice")).add_subparsers(
        dest="action", required=True)
    p = no.add_parser("list")
    p.set_defaults(run=notice_list)
    p = no.add_parser("pdf", help=tr("打印贴公告栏的 A4 公示", "the A4 notice for the board"))
    p.add_argument("--out", required=True)
    p.set_defaults(run=notice_pdf)
    p = no.add_parser("object", help=tr("登记异议", "record an objection"))
    p.add_argument("entry", help=tr("公示编号（或其末 6 位）", "notice reference (or its last 6 characters)"))
    p.add_argument("--by", required=True, dest="objector", help=tr("提出异议的人", "who objects"))
    p.add_argument("--why", required=True)
    operator_options(p)
    p.set_defaults(run=notice_object)
    p = no.add_parser("decide", help=tr("处理异议", "decide an objection"))
    p.add_argument("entry")
    p.add_argument("outcome", choices=tuple(objections.OUTCOMES))
    p.add_argument("--note", default="")
    operator_options(p)
    p.set_defaults(run=notice_decide)

    en = commands.add_parser("entry", help=tr("积分流水的更正", "ledger corrections")).add_subparsers(
        dest="action", required=True)
    p = en.add_parser("list")
    p.add_argument("--limit", type=int, default=30)
    p.set_defaults(run=entry_list)
    p = en.add_parser("revoke", help=tr("撤销一条记分或扣分（写原因）", "revoke an award or deduction (with reason)"))
    p.add_argument("entry")
    p.add_argument("--reason", required=True)
    operator_options(p)
    p.set_defaults(run=entry_revoke)


def _item_json(i: notice.NoticeItem) -> dict:
    return {"id": i.id, "source": i.source, "resident": i.resident, "household": i.house_no,
            "rule": i.what, "points": i.points, "date": i.day, "starts": i.starts, "ends": i.ends,
            "state": i.state, "objections": i.objections}


def _item_row(i: notice.NoticeItem) -> list:
    return [i.short, i.house_no, i.resident, i.what, i.points.signed(), i.ends[:16],
            tr(*notice.STATE_WORDS[i.state])]


def notice_list(args, out) -> None:
    with reading(args) as ctx:
        credited = notice_credit.credit_due(ctx)     # the notice screen loads: credit what is due
        found = notice.items(ctx)
    lines = table([_item_row(i) for i in found]) or [tr("现在没有公示中的积分。", "Nothing is on notice.")]
    if credited:
        lines.insert(0, tr(f"公示期满，已入账 {credited} 条。", f"{credited} claims credited: their notice ended."))
    out.emit({"notices": [_item_json(i) for i in found], "credited": credited}, lines)


def notice_pdf(args, out) -> None:
    with reading(args) as ctx:
        notice_credit.credit_due(ctx)
        path = notice.save_pdf(ctx, args.out)
        count = len([i for i in notice.items(ctx) if i.state != "due"])
    out.emit({"path": path, "items": count}, tr(f"公示已存为 {path}（{count} 条）", f"Notice saved as {path} ({count} items)"))


def notice_object(args, out) -> None:
    with acting(args) as ctx:
        item = objections.object_to(ctx, args.entry, args.objector, args.why)
    out.emit(_item_json(item), tr(f"已登记异议：{item.resident} {item.what}，等管理员处理",
                                  f"Objection recorded: {item.resident} {item.what}; a manager decides"))


def notice_decide(args, out) -> None:
    with acting(args) as ctx:
        item = objections.decide(ctx, args.entry, args.outcome, args.note)
    out.emit(_item_json(item), tr(f"已处理：{item.resident} {item.what}，{tr(*notice.STATE_WORDS[item.state])}",
                                  f"Decided: {item.resident} {item.what}: {tr(*notice.STATE_WORDS[item.state])}"))


def entry_list(args, out) -> None:
    with reading(args) as ctx:
        found = corrections.recent_entries(ctx, max(1, min(args.limit, 500)))
    out.emit({"entries": [{"id": e.id, "at": e.at, "date": e.day, "resident": e.resident,
                           "household": e.house_no, "rule": e.what, "points": e.points, "kind": e.kind,
                           "revoked": e.revoked, "reverses": e.is_reversal} for e in found]},
             table([[e.id[-6:], e.at[:16], e.resident, e.what, e.points.signed(),
                     tr("已撤销", "revoked") if e.revoked else ""] for e in found]))


def entry_revoke(args, out) -> None:
    with acting(args) as ctx:
        done = corrections.revoke(ctx, args.entry, args.reason)
    out.emit({"entry": done.entry_id, "reversal": done.reversal_id, "resident": done.resident,
              "rule": done.what, "points": done.points, "balance": done.balance_after, "reason": done.reason},
             tr(f"已撤销：{done.resident} {done.what}，{done.points.signed()} 分，余额 {done.balance_after}",
                f"Revoked: {done.resident} {done.what}, {done.points.signed()}; balance {done.balance_after}"))
