"""kiosk resident import FILE [--preview] [--map 表头=字段 ...], kiosk resident export FILE."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting
from kiosk.i18n import _
from kiosk.services.people import resident_import

SHOWN_ROWS = 200


def register(res, operator_options) -> None:
    p = res.add_parser("import", help=_("从村里的 Excel 或 CSV 名单导入村民和户"))
    p.add_argument("file")
    p.add_argument("--preview", action="store_true", help=_("只看每一行会怎样，不写入"))
    p.add_argument("--map", nargs="+", default=[], metavar="表头=字段",
                   help=_("手工对应列，如 家庭住址=门牌号，备注=- 表示不要这一列"))
    operator_options(p)
    p.set_defaults(run=resident_import_file)
    p = res.add_parser("export", help=_("导出村民名单（.xlsx 或 .csv）"))
    p.add_argument("file")
    p.add_argument("--all", action="store_true", dest="include_left",
                   help=_("连已迁出、已故的也导出"))
    operator_options(p)
    p.set_defaults(run=resident_export)


def resident_import_file(args, out) -> None:
    with acting(args) as ctx:
        if args.preview:
            _show(out, resident_import.plan(ctx, args.file, args.map))
            return
        done = resident_import.import_residents(ctx, args.file, args.map)
    out.emit({"imported": done.residents, "households": done.households},
             _("已导入 {residents} 位村民，新立 {households} 户").format(residents=done.residents, households=done.households))


def _show(out, plan) -> None:
    words = {f.key: f.zh for f in resident_import.FIELDS}
    columns = [_("{value} ← 第 {value2} 列“{value3}”{value4}").format(value=words[key], value2=index + 1, value3=plan.header[index], value4='（手工）' if key in plan.mapping.by_hand else '', key=key, value5=' (by hand)' if key in plan.mapping.by_hand else '')
               for key, index in plan.mapping.columns.items()]
    rows = [[str(r.number), r.values.get("name", ""), r.values.get("house_no", ""), r.values.get("relation", ""),
             r.error or _("可以导入")] for r in plan.rows[:SHOWN_ROWS]]
    bad = len(plan.errors)
    summary = (_("共 {count} 行，全部可以导入，将新立 {count2} 户。去掉 --preview 就导入。").format(count=len(plan.rows), count2=len(plan.new_households))
               if not bad else
               _("共 {count} 行，其中 {bad} 行有错。改好表格后再导入；现在什么都没有写入。").format(count=len(plan.rows), bad=bad))
    out.emit({"preview": True, "mapping": plan.mapping.columns, "errors": bad,
              "new_households": list(plan.new_households),
              "rows": [{"row": r.number, "values": r.values, "error": r.error} for r in plan.rows]},
             columns + table(rows) + [summary])


def resident_export(args, out) -> None:
    with acting(args) as ctx:
        path, count = resident_import.export_residents(ctx, args.file, args.include_left)
    out.emit({"file": str(path), "residents": count},
             _("已导出 {count} 位村民到 {path}").format(count=count, path=path))
