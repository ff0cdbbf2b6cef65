"""Messages of the backups area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, str] = {
    "db_damaged": "数据库文件 {path} 损坏了（{detail}），不能再用来记账。请管理员用最近的备份恢复："
                  "kiosk restore 备份文件 --yes --operator 管理员姓名 --pin 密码。"
                  "损坏的文件会改名留着，不会删除；接入乡镇的，备份之后的记录会从乡镇取回。",
    "restore_pin_wrong": "密码不对：恢复时按备份里管理员“{name}”的密码核对。请输入这位管理员在备份时用的密码。",
    "restore_other_program": "{path} 是别的程序的数据库，没有动它。请用 --db 指向积分超市的数据库。",
}
