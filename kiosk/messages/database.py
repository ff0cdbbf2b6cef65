"""Messages of the database, settings and the files the program reads in."""

MESSAGES: dict[str, str] = {
    # database
    "db_missing": "找不到数据库 {path}。请先运行 kiosk init 或 kiosk demo。",
    "db_locked": "数据库正被另一个程序使用（{path}）。请关闭其他积分超市窗口后再试。",
    "db_not_kiosk": "{path} 不是积分超市的数据库。请检查文件是否选对。",
    "db_newer": "这个数据库由更新版本的程序建立（版本 {found}，本程序只认到 {supported}）。请先升级程序。",
    "db_older": "这个数据库还是旧版本（{found}），请先在收银台电脑上打开一次让它升级。",
    "db_read_only": "数据库 {path} 只能读不能写。请检查磁盘或文件权限。",
    "db_error": "数据库出错，没有保存任何改动：{detail}",
    "db_exists": "{path} 已经有一个积分超市数据库，没有覆盖它。",
    "gui_missing": "窗口程序没有装好（{detail}）。请重新安装，或先用命令行。",
    "print_pdf_failed": "小票 PDF 没有存下来（{detail}）。兑换已经记账，请检查磁盘后点“重新打印”。",
    "setting_unknown": "没有这项设置：{key}",
    "not_set_up": "还没有设置村庄。请先运行 kiosk init。",
    # files
    "file_missing": "找不到文件 {path}。",
    "csv_encoding": "{path} 既不是 UTF-8 也不是 GBK 编码的表格。",
    "csv_columns": "表格缺少这些列：{missing}。",
    "csv_rows": "表格有 {count} 行出错，没有导入任何一行：\n{rows}",
    "csv_row": "第 {row} 行：{reason}",
    "csv_empty": "表格里没有数据行。",
}
