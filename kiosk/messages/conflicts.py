"""Messages of 回避 (no one decides alone on their own household) and of the bounds on points."""

MESSAGES: dict[str, str] = {
    "conflict_second_needed": "这是您自己家的积分（{house_no}）：{name}不能一个人{doing}，需要另一位管理员当场输入密码确认（回避）。请另一位管理员来输入密码。",
    "conflict_second_not_manager": "{second}不是管理员。确认自家的积分需要另一位管理员输入密码。",
    "conflict_second_is_self": "确认的人不能是{name}自己。请另一位管理员输入密码。",
    "conflict_second_same_household": "{second}也是{house_no}的人，同样要回避。请另一位不是这一户的管理员输入密码确认。",
    "operator_resident_taken": "村民{resident}已经是操作员“{name}”了。一位村民只能对应一位操作员。",
    "operator_relink_needs_second": "操作员“{name}”已经对应村民{resident}。改成别人需要另一位管理员当场输入密码确认。",
}
MESSAGES.update({
    "qty_over_rule_most": "“{rule}”一次最多记 {most}，这次填了 {qty}。请核对数量；真的更多，请分开记，或请管理员改这条标准的“一次最多”。",
    "rule_max_qty_bad": "“{rule}”的“一次最多” {qty} 不对：要大于 0、不超过 {most}（按次数的标准要写整数）。",
    "award_beyond_township": "“{rule}”这一次是 {points} 分，超过了乡镇的规定：一次记分最多 {most} 分。请核对数量，或分开记。",
    "date_too_early": "活动日期 {value} 太早了：按本村设置，最早只能补记到 {earliest}（本月和前 {months} 个月）。更早的事请找管理员改设置。",
    "objection_reason_required": "处理对{resident}“{act}”的异议要写明理由（如：核实属实、有签到表为证）。",
    "adjust_month_needs_second": "这一户本月已经调整过 {done} 分，再调 {points} 分就超过每月 {most} 分的限额。需要另一位管理员当场输入密码确认。",
})
