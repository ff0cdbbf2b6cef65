"""sync: enroll with the township, sync now, status, and USB export/import."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from kiosk.core.errors import Refused
from kiosk.i18n import _, message
from kiosk.services.setup import settings, create as setup
from kiosk.services.shop import limits
from kiosk.services.sync import cross_village, admin as sync_admin
from kiosk.services.sync import kept_words as sync_kept_words
from kiosk.store import village as village_store
from kiosk.store.db import Database
from kiosk.sync import client, enrolment, usb
from kiosk.sync import status as sync_status
from kiosk.sync.http import Client, township_client


def register(commands) -> None:
    p = commands.add_parser("sync", help=_("和乡镇服务器同步（联网或用U盘）"))
    sub = p.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    q = sub.add_parser("enroll", help=_("用接入码把这台电脑接入乡镇服务器"))
    q.add_argument("url", metavar="URL")
    q.add_argument("code", metavar="CODE")
    q.set_defaults(run=enroll)
    q = sub.add_parser("now", help=_("马上同步一次"))
    q.set_defaults(run=now)
    q = sub.add_parser("status", help=_("同步情况：上次同步、待上传、被退回"))
    q.set_defaults(run=show_status)
    q = sub.add_parser("export", help=_("把待上传的记录写到U盘文件"))
    q.add_argument("file", metavar="FILE")
    q.set_defaults(run=export)
    q = sub.add_parser("import", help=_("导入乡镇发回的U盘回执"))
    q.add_argument("file", metavar="FILE")
    q.set_defaults(run=import_reply)


@contextmanager
def _books(args) -> Iterator[Database]:
    db = setup.open_shop(args.db)
    settings.apply_language(db)
    try:
        yield db
    finally:
        db.close()


def _http() -> Client:
    return township_client()


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def enroll(args, out) -> None:
    if not args.url.startswith(("http://", "https://")):
        raise Refused("sync_bad_url", url=args.url)
    with _books(args) as db, _http() as http:
        try:
            terminal_id = enrolment.enrol(db, http, args.url, args.code.strip(), _now())
        except client.SyncFailed as failed:
            raise Refused(failed.code, detail=failed.detail or "-") from None
        here, village = village_store.local_terminal(db), village_store.the_village(db)
    out.emit({"terminal_id": terminal_id, "url": args.url, "number": here["number"]},
             _("已接入乡镇服务器 {url}：{village}{counter}，第 {number} 号收银电脑。").format(
                 url=args.url, village=village["name"], counter=here["name"], number=here["number"]))


def now(args, out) -> int:
    with _books(args) as db, _http() as http:
        result = client.sync_once(db, http, _now())
        settled = cross_village.settle_after_sync(db, http) if result.ok else None
        shown = sync_admin.shown_status(db, _now())
        healed = sync_status.healed_words(db) if result.healed else []
    if not result.ok:
        out.error(message(result.error, detail=result.detail or "-"), result.error)
        return 1
    out.emit({"pushed": result.pushed, "quarantined": result.quarantined, "pulled": result.pulled,
              "applied": result.applied, "status": shown.text, "healed": healed},
             [_("上传 {pushed} 条，被退回 {quarantined} 条；收到 {pulled} 条，记入 {applied} 条。").format(pushed=result.pushed, quarantined=result.quarantined, pulled=result.pulled, applied=result.applied),
              *healed, shown.text, *cross_village.settled_words(settled)])
    return 0


def show_status(args, out) -> None:
    with _books(args) as db:
        shown = sync_admin.shown_status(db, _now())      # refused records a manager has dealt with not counted
        refused = sync_status.rejects(db)
        clashes = sync_admin.clash_words(db)
        healed = sync_status.healed_words(db)
        passed = limits.passed_words(db, _now().date())
    lines = [shown.text, *healed, *clashes, *passed]
    if shown.server_url:
        lines.append(_("服务器：{server_url}").format(server_url=shown.server_url))
    if shown.last_error:
        lines.append(_("上次出错：{last_error}").format(last_error=sync_admin.error_words(shown.last_error)))
    if refused:
        lines.append(_("乡镇退回的记录（已保留在本机，请管理员核对）："))
        lines += [f"  {r['at']}  #{r['seq']} {sync_kept_words.type_words(r['type'])}："
                  f"{sync_kept_words.why_words(r['status'], r['reason'])}" for r in refused]
    out.emit({"state": shown.kind, "text": shown.text, "waiting": shown.waiting,
              "quarantined": shown.quarantined, "last_ok_at": shown.last_ok_at,
              "offline_since": shown.offline_since, "last_error": shown.last_error,
              "server_url": shown.server_url, "pushed_high_water": shown.pushed_high_water,
              "pull_cursor": shown.pull_cursor, "last_reply_at": shown.last_reply_at,
              "days_unconfirmed": shown.days_unconfirmed, "rejects": refused, "house_clashes": list(clashes),
              "healed": healed, "limits_passed": passed}, lines)


def export(args, out) -> None:
    with _books(args) as db:
        done = usb.export_bundle(db, args.file, _now())
    out.emit({"file": str(done.path), "count": done.count, "first_seq": done.first_seq, "last_seq": done.last_seq},
             _("已写出 {count} 条记录到 {path}。请把 U 盘带到乡镇。").format(count=done.count, path=done.path))


def import_reply(args, out) -> None:
    with _books(args) as db:
        done = usb.import_reply(db, args.file, _now())
        shown = sync_status.status(db, _now())
        healed = sync_status.healed_words(db) if done.went_back or done.disproved else []
    out.emit({"file": str(done.path), "received": done.received, "applied": done.applied,
              "already": done.already, "high_water": done.high_water, "status": shown.text, "healed": healed},
             [_("回执已导入：收到 {received} 条，新记入 {applied} 条，{already} 条以前已导入。").format(received=done.received, applied=done.applied, already=done.already),
              *healed, shown.text])
