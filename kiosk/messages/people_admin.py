"""Messages of the village committee's people and point policies: residents, households,
imports of the village's list, operators, expiry and grades. code -> (Simplified Chinese, English)."""

MESSAGES = {
    # residents who left
    "resident_left": "{name}（{house_no}）已登记为“{status}”，卡 {card} 已停用，不能兑换或记分。如果登记错了，请管理员在“村民和户”里恢复在册。",
    "resident_already_left": "{name}已经是“{status}”了，不用再登记。",
    "resident_not_left": "{name}现在在册，不用恢复。",
    "leave_status_unknown": "“{value}”不是迁出或去世。请选“已迁出”或“已故”。",
    "leave_points_unknown": "积分去向“{value}”不认识，只能是：{choices}。",
    # names of people and goods (kiosk.core.names.clean_label_name)
    "name_emoji": "{what}“{value}”里有表情符号 {emoji}。名字里不能有表情符号：小票、价签和积分卡上印不出来，也查不到。请去掉表情符号再保存。",
    # editing and moving
    "edit_nothing": "{name}的信息和原来一样，没有改动。",
    "phone_bad": "电话“{value}”不对：请写数字，如 13812345678 或 0531-1234567。",
    "move_household_unknown": "找不到门牌号“{house_no}”的户，没有迁入。请核对门牌号；要新立一户，请用“分户”。",
    "move_same_household": "{name}本来就在{house_no}，不用迁。",
    # splitting and merging
    "split_member_unknown": "{house_no}里没有“{query}”这个人。请写这户成员的姓名或卡号。",
    "split_nobody": "分户要选出要分出去的人（{house_no}）。",
    "split_takes_everyone": "{house_no}的在册成员都要分出去，原户就空了。这不是分户：请改门牌号，或用“迁户”。",
    "split_points_bad": "分给新户的积分“{value}”不对：要在 0 到原户余额 {balance} 分之间。",
    "split_points_per_resident": "本村积分按人记，分户时积分跟着人走，不用另分积分。",
    "merge_same": "不能把{house_no}并到它自己。请选另一户。",
    # importing the village's list
    "import_map_bad": "列的对应“{value}”写法不对，应写成 表头=字段，如 家庭住址=门牌号。",
    "import_map_no_column": "表格里没有叫“{column}”的列。表格的列有：{columns}。",
    "import_map_no_field": "“{field}”不是能导入的内容，只能是：{fields}（或写 - 表示不要这一列）。",
    "import_map_twice": "“{field}”对应了两列，只能对应一列。",
    "import_name_missing": "没有姓名。",
    "import_house_missing": "{name}没有门牌号。请填上门牌号（如 3组12号）。",
    "import_duplicate_resident": "{name}（{house_no}）和第 {first} 行重复了。请删掉一行。",
    "import_already_registered": "{name}已经登记在{house_no}（卡号 {card}），不能再导入一次。请删掉这一行。",
    "import_card_taken": "卡号“{card}”已经有人用了。请换一个卡号，或空着自动编号。",
    "import_card_twice": "卡号“{card}”和第 {first} 行重复了。",
    "import_head_differs": "{house_no}的户主写成了“{head}”，上面的行写的是“{other}”。请统一。",
    "import_head_exists": "{house_no}已经有户主{head}了，这一行不能再当户主。请改“与户主关系”。",
    "import_two_heads": "{house_no}有两个户主：上面已经有{head}了。请改“与户主关系”。",
    "import_head_not_listed": "户主“{head}”不在{house_no}这一户的名单里。请核对户主姓名，或把户主也列上。",
    # operators
    "operator_already_active": "操作员“{name}”本来就能登录。",
    "operator_already_inactive": "操作员“{name}”已经停用了。",
    "operator_last_manager": "“{name}”是最后一位在用的管理员，不能停用，否则就没人能管理了。请先添加另一位管理员。",
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
