"""Messages of the setup area: settings, the first-run wizard, the database damaged, backup and restore.
code -> Simplified Chinese (the English is in the catalogue)."""

from __future__ import annotations

from kiosk.messages.marks import N_

MESSAGES: dict[str, str] = {
    # settings
    "setting_empty": "请填写“{label}”。",
    "setting_empty_example": "请填写“{label}”，例如：{example}。",
    "setting_not_whole": "“{label}”要填整数，“{value}”不是整数。",
    "setting_out_of_range": "“{label}”要在 {low} 到 {high} 之间，填的是 {value}。",
    "setting_not_choice": "“{label}”只能选：{choices}。“{value}”不在其中。",
    "setting_not_yes_no": "“{label}”只能是“是”或“否”，“{value}”不是。",
    "setting_too_long": "“{label}”太长了（{length} 个字，最多 {most} 个）。请写短一些。",
    "setting_bad_url": "“{label}”写得不对：“{value}”。请照乡镇给的写，以 http:// 或 https:// 开头，如 https://jifen.zhen.gov.cn",
    "setting_bad_month_day": "“{label}”写得不对：“{value}”。请写成 月-日，如 01-10 表示 1 月 10 日。",
    "setting_bad_enrol_code": "接入码“{value}”不对：应为 4 到 64 位字母、数字或短横线，请照乡镇给的抄。",
    "setting_bad_usb_id": "“{label}”写得不对：“{value}”。请写成 0x0416 这样（见打印机说明书或底部标签）。",
    # the first-run wizard
    "setup_pin_again": "请再输入一次密码，确认没有按错。",
    "setup_pins_differ": "两次输入的密码不一样。请重新输入密码，再输一次确认。",
    "setup_sync_half": "乡镇服务器地址和接入码要一起填；不联网就点“先不联网”。",
    "setup_step_missing": "还有一步没有完成：{step}。请回到那一步填好。",
    "setup_no_folder": "数据文件夹 {path} 建不起来或写不进去（{detail}），村庄没有建立。请检查磁盘后再试。",
    # the database damaged, backing up and restoring
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

# Why a backup copy was made, as the backup list says (kiosk.ui.manage.backup_section).
BACKUP_REASON_WORDS = {"start": N_("开机时自动"), "close": N_("关机时自动"),
                "": N_("手动备份")}

# The first-run wizard's steps (kiosk.services.setup.wizard).
WIZARD_STEP_WORDS = {"village": N_("村庄和积分名称"), "manager": N_("管理员和密码"),
              "printer": N_("小票打印机"), "township": N_("乡镇联网"),
              "residents": N_("村民名单"), "confirm": N_("核对并完成")}

# Names the wizard offers for a village's points (kiosk.services.setup.wizard).
CURRENCY_EXAMPLES = (N_("美德积分"), N_("爱心积分"), N_("信用积分"),
                     N_("文明积分"))
