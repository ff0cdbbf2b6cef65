"""Messages of 回避 (no one decides alone on their own household) and of the bounds on points."""

MESSAGES: dict[str, str] = {
    "conflict_second_needed": "这是您自己家的积分（{house_no}）：{name}不能一个人{doing}，需要另一位管理员当场输入密码确认（回避）。请另一位管理员来输入密码。",
    "conflict_second_not_manager": "{second}不是管理员。确认自家的积分需要另一位管理员输入密码。",
    "conflict_second_is_self": "确认的人不能是{name}自己。请另一位管理员输入密码。",
    "conflict_second_same_household": "{second}也是{house_no}的人，同样要回避。请另一位不是这一户的管理员输入密码确认。",
    "operator_resident_taken": "村民{resident}已经是操作员“{name}”了。一位村民只能对应一位操作员。",
    "operator_relink_needs_second": "操作员“{name}”已经对应村民{resident}。改成别人需要另一位管理员当场输入密码确认。",
}
