"""Messages of the backups area: code -> Simplified Chinese (the English is in the catalogue)."""

MESSAGES: dict[str, str] = {
    "db_damaged": "数据库文件 {path} 损坏了（{detail}），不能再用来记账。请管理员用最近的备份恢复："
                  "kiosk restore 备份文件 --yes --operator 管理员姓名 --pin 密码。"
                  "损坏的文件会改名留着，不会删除；接入乡镇的，备份之后的记录会从乡镇取回。",
    "restore_pin_wrong": "密码不对：恢复时按备份里管理员“{name}”的密码核对。请输入这位管理员在备份时用的密码。",
    "restore_other_program": "{path} 是别的程序的数据库，没有动它。请用 --db 指向积分超市的数据库。",
    # backing up and restoring (kiosk backup / restore)
    "backup_not_allowed": "{who}（{role}）不能备份数据。请找志愿者或管理员来备份。",
    "restore_not_allowed": "{who}（{role}）不能恢复备份，只有管理员可以。请找管理员。",
    "backup_missing": "找不到备份文件 {path}。请检查U盘是否插好、文件名是否写对。",
    "backup_folder_missing": "找不到文件夹 {path}。请检查U盘是否插好、路径是否写对。",
    "backup_not_sqlite": "{path} 不是数据库文件，不能用来恢复。请选用积分超市备份出来的 .sqlite 文件。",
    "backup_not_kiosk": "{path} 是别的程序的数据库，不是积分超市的备份，没有恢复。请检查文件是否选对。",
    "backup_truncated": "{path} 不完整（只有 {size} 字节，应有 {expected} 字节），可能拷贝时中断了。没有恢复，请换一份备份。",
    "backup_corrupt": "{path} 已经损坏（自检没有通过：{detail}）。没有恢复，请换一份备份。",
    "backup_empty": "{path} 里还没有建村，没有可以恢复的数据。请换一份备份。",
    "backup_no_space": "{path} 所在的磁盘（U盘）满了，备份没有写成，也没有留下半截文件。请腾出空间或换一个U盘再试。",
    "backup_read_only": "{path} 写不进去（U盘写保护或没有权限），备份没有写成。请打开写保护或换个位置再试。",
    "backup_failed": "备份没有写成（{detail}），原来的数据没有变。请换个位置再试。",
    "backup_onto_itself": "{path} 就是正在使用的数据库，不能备份或恢复到它自己身上。请选别的位置。",
    "restore_other_village": "这份备份是“{village}”的，不是本机的“{live}”，没有恢复。确实要换成这份数据，请加 --other-village 再运行。",
    "restore_needs_yes": "恢复会用备份替换现在的全部数据（现有数据会先另存一份）。核对上面的信息无误后，加 --yes 再运行。",
    "restore_needs_manager": "恢复备份要由管理员操作：请加 --operator 管理员姓名 --pin 密码。",
    "restore_problems": "已经恢复，但核对账目发现问题：\n{problems}\n请联系乡镇管理员。",
}
