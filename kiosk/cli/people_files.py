"""kiosk resident import FILE [--preview] [--map 表头=字段 ...], kiosk resident export FILE."""

from __future__ import annotations

from kiosk.cli.output import table
from kiosk.cli.session import acting
from kiosk.i18n import tr
from kiosk.services import resident_import

SHOWN_ROWS = 200


def register(res, operator_options) -> None:
    p = res.add_parser("import", help=tr("从村里的 Excel 或 CSV 名单导入村民和户", "import the village's list"))
    p.add_argument("file")
    p.add_argument("--preview", action="store_true", help=tr("只看每一行会怎样，不写入", "show each row; write nothing"))
    p.add_argument("--map", nargs="+", default=[], metavar="表头=字段",
                   help=tr("手工对应列，如 家庭住址=门牌号，备注=- 表示不要这一列",
                           "map a column by hand, e.g. Address=house_no; Notes=- skips it"))
    operator_options(p)
    p.set_defaults(run=resident_import_file)
    p = res.add_parser("export", help=tr("导出村民名单（.xlsx 或 .csv）", "export the list (.xlsx or .csv)"))
    p.add_argument("file")
    p.add_argument("--all", action="store_true", dest="include_left",
                   help=tr("连已迁出、已故的也导出", "include those who left"))
    operator_options(p)
    p.set_defaults(run=resident_export)


def resident_import_file(args, out) -> None:
    with acting(args) as ctx:
        if args.preview:
            _show(out, resident_import.plan(ctx, args.file, args.map))
            return
        done = resident_import.import_residents(ctx, args.file, args.map)
    out.emit({"imported": done.residents, "households": done.households},
             tr(f"已导入 {done.residents} 位村民，新立 {done.households} 户",
                f"Imported {done.residents} residents, {done.households} new households"))


def _show(out, plan) -> None:
    words = {f.key: f.zh for f in resident_import.FIELDS}
    columns = [tr(f"{words[key]} ← 第 {index + 1} 列“{plan.header[index]}”{'（手工）' if key in plan.mapping.by_hand else ''}",
                  f"{key} ← column {index + 1} “{plan.header[index]}”{' (by hand)' if key in plan.mapping.by_hand else ''}")
               for key, index in plan.mapping.columns.items()]
    rows = [[str(r.number), r.values.get("name", ""), r.values.get("house_no", ""), r.values.get("relation", ""),
             r.error or tr("可以导入", "ok")] for r in plan.rows[:SHOWN_ROWS]]
    bad = len(plan.errors)
    summary = (tr(f"共 {len(plan.rows)} 行，全部可以导入，将新立 {len(plan.new_households)} 户。去掉 --preview 就导入。",
                  f"{len(plan.rows)} rows, all good; {len(plan.new_households)} new households. Run without --preview to import.")
               if not bad else
               tr(f"共 {len(plan.rows)} 行，其中 {bad} 行有错。改好表格后再导入；现在什么都没有写入。",
                  f"{len(plan.rows)} rows, {bad} with errors. Fix the table and import again; nothing was written."))
    out.emit({"preview": True, "mapping": plan.mapping.columns, "errors": bad,
              "new_households": list(plan.new_households),
              "rows": [{"row": r.number, "values": r.values, "error": r.error} for r in plan.rows]},
             columns + table(rows) + [summary])


def resident_export(args, out) -> None:
    with acting(args) as ctx:
        path, count = resident_import.export_residents(ctx, args.file, args.include_left)
    out.emit({"file": str(path), "residents": count},
             tr(f"已导出 {count} 位村民到 {path}", f"Exported {count} residents to {path}"))
