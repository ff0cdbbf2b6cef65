"""Messages about operators, roles, residents and households."""

MESSAGES: dict[str, str] = {
    # operators and roles
    "operator_unknown": "没有叫“{name}”的操作员。",
    "operator_exists": "已经有叫“{name}”的操作员了。",
    "operator_inactive": "操作员“{name}”已停用。请找管理员。",
    "pin_missing": "请输入密码（--pin 或 KIOSK_PIN）。",
    "pin_wrong": "密码不对。再错 {left} 次将锁定 {minutes} 分钟。",
    "pin_locked": "密码连续输错太多次，已锁定到 {until}。请稍后再试，或请管理员重置密码。",
    "pin_format": "密码要求 4 到 8 位数字。",
    "not_allowed": "{who}（{role}）不能{action}。请找管理员。",
    "role_unknown": "角色只能是 volunteer（志愿者）或 manager（管理员）。",
    # names and people
    "name_empty": "{what}不能为空。",
    "name_too_long": "{what}太长（{length} 个字，最多 {most} 个）。",
    "resident_unknown": "找不到村民“{query}”。请核对卡号、姓名或拼音首字母。",
    "resident_ambiguous": "“{query}”对应多位村民：{candidates}。请用卡号或门牌号区分。",
    "resident_inactive": "{name}的状态是“{status}”，不能操作积分。",
    "household_unknown": "找不到门牌号“{house_no}”的户。",
    "household_exists": "门牌号“{house_no}”已经登记过了。",
    "card_exists": "卡号“{card}”已经被{name}使用。",
    "id_last4_bad": "身份证后四位“{value}”不对：应为 4 位数字，最后一位可以是 X。",
    "account_on_hold": "{name}的积分账户已冻结：{reason}。请找管理员处理。",
}
