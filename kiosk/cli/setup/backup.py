"""backup, restore."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from kiosk.cli.session import acting, operator_options
from kiosk.core.errors import Refused
from kiosk.i18n import _, message
from kiosk.services.setup import backup as service
from kiosk.services.setup import restore_heal as heal
from kiosk.services.context import Role
from kiosk.sync.http import Client, township_client


def register(commands) -> None:
    p = commands.add_parser("backup", help=_("备份数据库到文件或文件夹（如U盘）"))
    p.add_argument("target", metavar="FILE_OR_FOLDER")
    operator_options(p)
    p.set_defaults(run=backup)

    p = commands.add_parser("restore", help=_("从备份恢复（管理员）"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--yes", action="store_true", help=_("确认替换现在的数据"))
    p.add_argument("--other-village", action="store_true",
                   help=_("允许恢复别村的备份"))
    p.add_argument("--operator", default=None,
                   help=_("管理员姓名（已有数据库时必填）"))
    p.add_argument("--pin", default=None, help=_("密码（或 KIOSK_PIN）"))
    p.set_defaults(run=restore)


def _describe(info: service.BackupInfo) -> dict:
    return {"file": str(info.path), "village": info.village, "village_id": info.village_id,
            "schema_version": info.schema_version, "entries": info.entries,
            "last_entry_at": info.last_entry_at, "size": info.size, "ok": info.ok,
            "saved_at": _saved_at(info.path)}


def _saved_at(path: Path | None) -> str | None:
    if path is None or not path.exists():
        return None
    return datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")


def _lines(info: service.BackupInfo) -> list[str]:
    last = info.last_entry_at or _("（没有流水）")
    return [_("文件：{path}（{value} KB，保存于 {value2}）").format(path=info.path, value=info.size // 1024, value2=_saved_at(info.path)),
            _("村：{village}").format(village=info.village),
            _("积分流水 {entries} 条，最后一笔在 {last}").format(entries=info.entries, last=last)]


def backup(args, out) -> None:
    with acting(args) as ctx:
        info = service.backup(ctx, args.target)
    out.emit(_describe(info), [_("备份完成，已检查无误。")] + _lines(info))


def restore(args, out) -> int:
    live, now = Path(args.db), datetime.now()
    condition = heal.condition(live)
    expected, operator = None, None
    if condition == heal.WHOLE:
        operator, expected = _manager_of_live(args)
        # the connection is closed here: restore swaps the file underneath no one
    info = service.inspect(args.file)
    if condition != heal.WHOLE:   # nobody can log in against damaged or missing books: the backup's managers
        operator = heal.manager_of_backup(args.file, args.operator, args.pin)
    if not args.yes:
        if not out.as_json:
            print("\n".join(_lines(info)))
        raise Refused("restore_needs_yes")
    set_aside = heal.set_aside(live, now) if condition == heal.DAMAGED else None
    result = service.restore(live, args.file, expected, allow_other_village=args.other_village,
                             operator=operator)
    data = _describe(result.info) | {"db": str(live), "replaced_copy": result.replaced_copy,
                                     "damaged_copy": set_aside, "problems": result.problems,
                                     "traces": [getattr(p, "trace", "") for p in result.problems],
                                     "check_ok": not result.problems}
    lines = [_("已从备份恢复。")] + _lines(result.info)
    if result.replaced_copy:
        lines.append(_("原来的数据另存在：{replaced_copy}").format(replaced_copy=result.replaced_copy))
    if set_aside:
        lines.append(_("损坏的数据库文件已改名留着（没有删除）：{path}").format(path=set_aside))
    healed = _heal(live, now)
    data["township"] = healed[0]
    lines += healed[1]
    out.emit(data, lines)
    if result.problems:
        print(message("restore_problems", problems="\n".join(result.problems)), file=sys.stderr)
        return 1
    return 0


def _manager_of_live(args) -> tuple[str, str | None]:
    if not args.operator:
        raise Refused("restore_needs_manager")
    with acting(args) as ctx:
        if ctx.actor.role != Role.MANAGER:
            raise Refused("restore_not_allowed", who=ctx.actor.name, role=ctx.actor.role.value)
        try:
            return ctx.actor.name, ctx.village.id
        except Refused:  # a database with no village yet: nothing to compare with
            return ctx.actor.name, None


def _http() -> Client:
    return township_client()


def _heal(live: Path, now: datetime) -> tuple[dict | None, list[str]]:
    """Sync once at once when the books are enrolled: new identity, and what came after the backup."""
    if not heal.enrolled(live):
        return None, []
    with _http() as http:
        result = heal.from_township(live, http, now)
    if not result.ok:
        return ({"ok": False, "error": result.error},
                [_("现在连不上乡镇（{why}）。下次联网同步时，本机会改用新的收银台号，"
                   "并从乡镇取回备份之后的记录。").format(why=message(result.error or "sync_offline",
                                                         detail=result.detail or "-"))])
    return ({"ok": True, "pulled": result.pulled, "applied": result.applied, "pushed": result.pushed},
            [_("已和乡镇同步：本机改用新的收银台号，备份之后的记录从乡镇取回 {pulled} 条，记入 {applied} 条。")
             .format(pulled=result.pulled, applied=result.applied)])
