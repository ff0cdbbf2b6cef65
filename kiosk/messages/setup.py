"""Messages of the setup area (first-run wizard, settings): code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, str] = {
    # settings
    "setting_empty": "“{label}”不能空着，请填上。",
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
}
