"""Messages of the points area: amounts, rules, recording, review and notice, objections, corrections,
回避 and the bounds on points, 积分证明, grades. code -> Simplified Chinese (the English is in the catalogue)."""

from __future__ import annotations

from kiosk.messages.marks import N_

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
    # 积分证明 printed at the counter
    "certificate_no_snapshot": "还没有 {house_no} 的乡镇签发数据，不能出具积分证明。请先同步一次（联网点“立即同步”，"
                               "或用 U 盘导入乡镇回执），再打印。",
    "certificate_snapshot_old": "{house_no} 的乡镇数据是 {day} 的，已超过有效期，银行不会认。请先同步一次，再打印。",
    "certificate_snapshot_bad": "{house_no} 的乡镇数据核对不上（可能被改动过），不能出具积分证明。请先同步一次，再打印。",
    "certificate_who_unknown": "找不到门牌号或村民“{who}”。请输入门牌号（如 3组12号）、姓名或卡号。",
    # 回避 (no one decides alone on their own household) and the bounds on points
    "conflict_second_needed": "这是您自己家的积分（{house_no}）：{name}不能一个人{doing}，需要另一位管理员当场输入密码确认（回避）。请另一位管理员来输入密码。",
    "conflict_second_not_manager": "{second}不是管理员。确认自家的积分需要另一位管理员输入密码。",
    "conflict_second_is_self": "确认的人不能是{name}自己。请另一位管理员输入密码。",
    "conflict_second_same_household": "{second}也是{house_no}的人，同样要回避。请另一位不是这一户的管理员输入密码确认。",
    # 回避's sock puppets: whoever made an operator or last reset its PIN may know it (kiosk/services/behind.py)
    "conflict_second_needed_behind": "{name}的密码是{behind}设的或重置的，{behind}可能知道它，而这是{behind}家（{house_no}）的积分：{name}也不能一个人{doing}（回避）。请另一位管理员当场输入密码确认；或请{name}先改一次自己的密码，再请乡镇确认{name}的管理员身份。",
    "conflict_second_pin_known": "{second}的密码是{actor}设的或重置的，{actor}可能知道它，所以{second}不能替{actor}本户的事做第二位确认。请{second}先改一次自己的密码，再请乡镇确认{second}的管理员身份；或请另一位管理员确认。",
    "conflict_actor_pin_known": "{actor}的密码是{second}设的或重置的，{second}可能知道它，所以{second}不能替{actor}本户的事做第二位确认。请{actor}先改一次自己的密码，再请乡镇确认{actor}的管理员身份；或请另一位管理员确认。",
    "conflict_both_pins_known": "{second}和{actor}的密码都是{behind}设的或重置的，{behind}可能都知道，所以{second}不能替{actor}本户的事做第二位确认。请两位先各自改一次自己的密码，再请乡镇确认管理员身份；或请另一位管理员确认。",
    "conflict_second_pin_known_by_household": "{second}的密码是{behind}设的或重置的，{behind}可能知道它，而{behind}是{house_no}的人，同样要回避。请{second}先改一次自己的密码，再请乡镇确认{second}的管理员身份；或请另一位不是这一户的管理员确认。",
    # … when the PIN named is that operator's own change already: only the township's confirmation is wanting
    "conflict_second_needed_behind_own": "{name}的密码是{behind}设的或重置的；后来虽然在{name}名下改过，但收银机分不出是谁改的，而这是{behind}家（{house_no}）的积分：{name}也不能一个人{doing}（回避）。请另一位管理员当场输入密码确认；或请乡镇核实后确认{name}的管理员身份（不用再改密码）。",
    "conflict_second_pin_known_own": "{second}的密码是{actor}设的或重置的；后来虽然在{second}名下改过，但收银机分不出是谁改的，所以{second}暂时不能替{actor}本户的事做第二位确认。请乡镇核实后确认{second}的管理员身份（不用再改密码）；或请另一位管理员确认。",
    "conflict_actor_pin_known_own": "{actor}的密码是{second}设的或重置的；后来虽然在{actor}名下改过，但收银机分不出是谁改的，所以{second}暂时不能替{actor}本户的事做第二位确认。请乡镇核实后确认{actor}的管理员身份（不用再改密码）；或请另一位管理员确认。",
    "conflict_both_pins_known_own": "{second}和{actor}的密码都是{behind}设的或重置的；后来虽然都在各自名下改过，但收银机分不出是谁改的，所以{second}暂时不能替{actor}本户的事做第二位确认。请乡镇核实后确认两位的管理员身份（不用再改密码）；或请另一位管理员确认。",
    "conflict_second_pin_known_by_household_own": "{second}的密码是{behind}设的或重置的；后来虽然在{second}名下改过，但收银机分不出是谁改的，而{behind}是{house_no}的人，同样要回避。请乡镇核实后确认{second}的管理员身份（不用再改密码）；或请另一位不是这一户的管理员确认。",
    "qty_over_rule_most": "“{rule}”一次最多记 {most}，这次填了 {qty}。请核对数量；真的更多，请分开记，或请管理员改这条标准的“一次最多”。",
    "rule_max_qty_bad": "“{rule}”的“一次最多” {qty} 不对：要大于 0、不超过 {most}（按次数的标准要写整数）。",
    "award_beyond_township": "“{rule}”这一次是 {points} 分，超过了乡镇的规定：一次记分最多 {most} 分。请核对数量，或分开记。",
    "date_too_early": "活动日期 {value} 太早了：按本村设置，最早只能补记到 {earliest}（本月和前 {months} 个月）。更早的事请找管理员改设置。",
    "objection_reason_required": "处理对{resident}“{act}”的异议要写明理由（如：核实属实、有签到表为证）。",
    "adjust_month_second_not_apart": "{second}和{actor}的密码可能被同一个人知道（一个人设过或重置过另一个人的密码），{second}不能替{actor}确认超过每月限额的调整。请另一位管理员当场输入密码确认；或请乡镇先确认{second}的管理员身份。",
    "adjust_month_needs_second": "这一户本月已经调整过 {done} 分，再调 {points} 分就超过每月 {most} 分的限额。需要另一位管理员当场输入密码确认。",
    # grades
    "grade_count": "等次要有 2 到 {most} 档，现在是 {count} 档。",
    "grade_label_empty": "第 {row} 档没有名称（如 五星、AAA）。",
    "grade_label_long": "等次名称“{label}”太长（最多 {most} 个字）。",
    "grade_perks_long": "“{label}”的待遇写得太长（最多 {most} 个字）。",
    "grade_minimum_bad": "“{label}”的最低分“{value}”不是分数。",
    "grade_label_twice": "等次“{label}”写了两次。",
    "grade_order": "等次要从高到低排：“{label}”的最低分 {minimum} 要比上一档“{above}”的 {above_minimum} 低。",
    "grade_perk_unknown": "写了待遇的等次“{label}”不在等次表里。",
    "grade_year_bad": "没有 {year} 年的等次：年份要在 2000 到 {this_year} 之间。",
}

# A notice item's state as the board and the back office show it (kiosk.services.points.notice).
NOTICE_STATE_WORDS = {
    "on_notice": N_("公示中（已入账）"),
    "waiting": N_("公示中，期满入账"),
    "due": N_("公示期满，待入账"),
    "held": N_("有异议，待处理"),
    "revoked": N_("已撤销"),
    "withheld": N_("异议成立，不入账"),
}

# The back office's rule form: how a rule counts, its cap's period, what one award counts (kiosk.ui.manage.points_parts).
SHAPE_WORDS = {"fixed": N_("按次"), "per_hour": N_("按小时"),
               "per_m2": N_("按平方米"), "per_mu": N_("按亩"),
               "per_period": N_("按评比期")}
CAP_PERIOD_WORDS = {"": N_("不设上限"), "day": N_("每天"), "month": N_("每月"),
                    "year": N_("每年")}
QTY_WORDS = {"fixed": N_("次数"), "per_hour": N_("小时", "points_parts"), "per_m2": N_("平方米"),
             "per_mu": N_("亩"), "per_period": N_("期数")}

# An objection's decision as the back office lists it (kiosk.ui.manage.notice_section).
OBJECTION_DECISION_WORDS = {"open": N_("待处理"), "upheld": N_("成立"), "dismissed": N_("不成立")}

# The claims list's status filter (kiosk.ui.manage.claims_section).
CLAIM_STATUS_CHOICES = {"pending": N_("待审核"), "approved": N_("已通过"), "rejected": N_("已驳回")}

# The printed notice's note beside an item, by its state (kiosk.printing.notice_pdf).
NOTICE_SHEET_NOTES = {"on_notice": "", "waiting": N_("期满入账"),
               "held": N_("有异议待处理"), "revoked": N_("已撤销"),
               "withheld": N_("异议成立"), "due": ""}
