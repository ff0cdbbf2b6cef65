"""Messages about points: amounts, adjustments, rules and claims."""

MESSAGES: dict[str, str] = {
    # points
    "points_bad": "“{value}”不是积分数（最多两位小数）。",
    "insufficient_points": "积分不够：余额 {balance} 分，本次需要 {total} 分，还差 {shortfall} 分。",
    "reason_required": "请写明原因。",
    "adjust_zero": "调整的积分不能为 0。",
    "adjust_absurd": "一次调整最多 ±{most} 分。",
    "adjust_overdraw": "扣减后余额会变成负数（余额 {balance} 分）。",
    # rules and claims
    "rule_unknown": "找不到积分标准“{query}”。",
    "rule_ambiguous": "“{query}”对应多条积分标准：{candidates}。",
    "rule_retired": "积分标准“{rule}”已停用。",
    "rule_exists": "已经有编号为“{code}”的积分标准。",
    "rule_zero_points": "积分标准“{rule}”的分值不能为 0。",
    "rule_absurd_points": "积分标准“{rule}”的分值太大（最多 ±{most} 分）。",
    "rule_unit_not_measured": "“{rule}”按次或按期计分，不能设置计量单位。",
    "rule_cap_incomplete": "“{rule}”的上限要同时写明分数和周期。",
    "rule_cap_not_positive": "“{rule}”的上限必须大于 0。",
    "rule_shape_unknown": "计分方式“{shape}”不认识。",
    "cap_reached": "{name}本{period}在“{rule}”上已得 {earned} 分，上限 {cap} 分，这次最多还能记 {room} 分。",
    "claim_unknown": "找不到申报“{query}”。",
    "claim_decided": "这条申报已经处理过了（{status}）。",
    "claim_own": "不能审核自己提交的申报。请由另一位管理员审核。",
    "date_bad": "日期“{value}”不对，请写成 2026-11-03 这样。",
    "date_future": "日期 {value} 还没到。",
}
