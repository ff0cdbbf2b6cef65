"""Messages of points coming in (积分标准、记分、审核、公示、更正): code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, str] = {
    # the rule catalogue
    "rule_beyond_township": "“{rule}”每次 {points} 分，超过了乡镇的规定：村里自定的标准每次最多 {most} 分。请把分值改小。",
    "rule_township_read_only": "“{rule}”是乡镇统一的积分标准，村里不能修改或停用。需要调整请向乡镇反映。",
    "rule_doubling_not_deduction": "“{rule}”是加分的标准，只有扣分才能设“再犯加倍”。",
    "rule_doubling_days_bad": "“{rule}”的再犯加倍期限 {days} 天不对：要在 1 到 {most} 天之间。",
    "rule_edit_nothing": "“{rule}”没有改动任何内容。",
    "rule_replaced": "“{rule}”已由乡镇统一为“{township}”（同值化），村里不能再改它。记分请用“{township}”。",
    # recording points
    "activity_nobody": "还没有选村民。请至少选一位参加的村民。",
    "activity_too_many": "一次最多记 {most} 人，这次选了 {count} 人。请分几次记。",
    "activity_twice": "{name}在名单里出现了两次。请去掉重复的，再记分。",
    "activity_inactive": "名单里有不在册的村民：{names}。整批都没有记分，请把他们去掉后再记。",
    "activity_caps": "“{rule}”每{period}最多 {cap} 分，这 {count} 位会超过上限：{names}。整批都没有记分，请去掉他们或减少数量后再记。",
    "activity_file_too_big": "名单文件 {path} 太大了，不像是村民名单。请检查文件是否选对。",
    "activity_file_row": "名单第 {row} 行写法不对：“{line}”。每行写 村民,数量（数量可以不写）。",
    # photos
    "photo_too_big": "照片 {path} 有 {size} MB，太大了（最多 {most} MB）。请换一张小一点的照片。",
    "photo_not_image": "{path} 不是照片。请选 JPG、PNG 这样的图片文件。",
    "photo_too_many_pixels": "照片 {path} 有 {width}×{height} 像素，太大了。请换一张小一点的照片。",
    "photo_broken": "照片 {path} 打不开（{detail}），可能已经损坏。请换一张。",
    # corrections
    "revoke_reason_required": "撤销要写明原因（如：记错了人）。",
    "entry_not_found": "找不到积分流水“{query}”。请核对编号（列表上的末 6 位）。",
    "entry_ambiguous": "“{query}”对应多条积分流水，请多写几位编号。",
    "revoke_not_points": "只有记分、扣分和管理员调整可以撤销。兑换请用“退货”，过期和转移不能撤销。",
    "revoke_a_reversal": "这条流水本身就是一次撤销，不能再撤销。如果撤错了，请重新记分。",
    "revoke_twice": "这条流水已经在 {at} 撤销过了（原因：{reason}），不能再撤销一次。",
    "revoke_overdraw": "撤销要扣回 {points} 分，但账户只剩 {balance} 分（积分可能已经兑换掉了）。请和村民商量，用“调整积分”扣回能扣的部分。",
    # public notice and objections
    "notice_item_unknown": "公示里找不到“{query}”。请核对编号（公示单上的末 6 位）。",
    "notice_item_ambiguous": "“{query}”对应多条公示，请多写几位编号。",
    "objection_who_required": "请写明是谁提出的异议。",
    "objection_why_required": "请写明异议的理由。",
    "objection_too_long": "写得太长了（{length} 个字，最多 {most} 个）。请简短一些。",
    "objection_revoked": "{resident}的“{act}”已经撤销了，不用再提异议。",
    "objection_too_late": "{resident}的“{act}”公示已在 {ended} 结束，不能再提异议。确有问题，请管理员用“撤销”更正。",
    "objection_outcome_bad": "处理结果“{value}”不对：只能是 uphold（异议成立）或 dismiss（异议不成立）。",
    "objection_none_open": "{resident}的“{act}”没有待处理的异议。",
}
