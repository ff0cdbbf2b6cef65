"""What `kiosk check` says it found, in words a village manager reads: what happened and to which
record (named by who and when, never by an id). Looked up by kiosk.services.audit.check_words."""

from __future__ import annotations

from kiosk.messages.marks import N_

CHECK_WORDS: dict[str, str] = {
    # the links, the printed codes and the anchors the township keeps
    "code_holds": N_("校验码 {code} 对得上：到第 {position} 条为止，打印以后账本没被改过"),
    "code_short": N_("校验码 {code} 所在的第 {position} 条已不在账本里：打印以后账本被删短过"),
    "code_rewritten": N_("校验码 {code} 对不上：打印这张单子以后，第 {position} 条及以前的账被重写过"),
    "township_short": N_("乡镇记下的账本到第 {position} 条，现在的账本比它短：那以后有记录被删掉了"),
    "slip_short": N_("单子上记下的账本到第 {position} 条，现在的账本比它短：那以后有记录被删掉了"),
    "township_rewritten": N_("乡镇记下的第 {position} 条账本校验对不上：那次同步以后，到第 {position} 条为止的账被重写过"),
    "slip_rewritten": N_("单子上记下的第 {position} 条账本校验对不上：那次同步以后，到第 {position} 条为止的账被重写过"),
    "chain_cut": N_("账本链条在第 {position} 条断开：那里的记录被删掉了"),
    "broken_audit": N_("第 {position} 条记账对不上：{what}被改动或删除过"),
    "broken_removed": N_("第 {position} 条记账对不上：{what}被删除了"),
    "broken_changed": N_("第 {position} 条记账对不上：{what}被改动过"),
    "broken_around": N_("第 {position} 条记账对不上：{what}或它前后的记录被改动、插入、删除或调换过"),
    # records and the chain's bodies
    "changed": N_("第 {position} 条记账对不上：{what}被改动过{added}{more}"),
    "removed": N_("第 {position} 条记账对不上：{what}被删除了{added}{more}"),
    "added_parts": N_("：多了 {count} 条{kind}，第一条：{what}，那张单子记账时并没有它（绕过程序加进去的）"),
    "places": N_("（共 {count} 处）"),
    "pin_swapped": N_("操作员 {name} 的密码不是程序最后登记的那个：有人绕过程序换了它，请马上停用这个操作员并重设密码{more}"),
    "audit_unchained": N_("操作记录第 {seq} 条不在账本链条里：是绕过程序加进去的"),
    "unchained": N_("有 {count} 条{kind}不在账本链条里（绕过程序加进去的），第一条：{what}"),
    "unchained_claimed": N_("有 {count} 条{kind}不在账本链条里（绕过程序加进去的），第一条：{what}，"
                            "它说自己属于{parent}，可那张单子记账时并没有它"),
    "unjournaled": N_("有 {count} 条{kind}没有登记在本机要传给乡镇的记录里（绕过程序加进去的，或它的登记被删了），"
                      "乡镇永远看不到它，第一条：{what}"),
    "operator_unchained": N_("操作员 {name} 不在账本链条里：是绕过程序加进去的"),
    "township_key_unchained": N_("本机记着的{kind}不在账本链条里（绕过程序放进去的）：用它认的“乡镇回执”不一定是乡镇发的"),
    "year_grade_unchained": N_("有 {count} 条{kind}不在账本链条里（绕过程序加进去的），第一条：{year} 年 {house_no}"),
    "a_household": N_("一户"),
    "outbox_written": N_("等着发给乡镇的{what}被人绕过程序改过，和账本对不上：程序在 {at} 发现，已按账本重新发送。"
                         "有人想让乡镇看到账本里没有的积分，请查清是谁"),
    "sold_off_price": N_("兑换单 {receipt}（{when}）里的“{name}”按单价 {sold} 分卖出，可账本链条里这件商品当时的单价是 {then} 分："
                         "有人绕过程序改了价格又改回来（共 {count} 处）。请核对这张兑换单。"),
    "setting_changed": N_("设置“{label}”现在是 {now}，可程序最后一次记下的是 {expected}：有人绕过程序直接改了数据库文件。"
                          "请改回来，并核对改动期间记的积分"),
    "own_alone": N_("{name} {when} {act}，没有第二位管理员确认，而账本链里{name}当时属于这一户："
                    "可能有人绕过程序改过操作员和村民的对应关系，请核对{more}"),
    "own_award": N_("给本户（{house_no}）记分"),
    "own_deduct": N_("给本户（{house_no}）扣分"),
    "own_adjust": N_("调整本户（{house_no}）的积分"),
    "own_revoke": N_("撤销本户（{house_no}）的积分"),
    "own_claim": N_("审核本户（{house_no}）的申报"),
    "own_objection": N_("处理对本户（{house_no}）积分的异议"),
    "yes": N_("是"),
    "no": N_("否"),
    "received_forged": N_("有 {count} 条{kind}不在账本链条里（绕过程序加进去的，假装是别的收银台或乡镇发来的），"
                          "第一条：{what}"),
    "received_marked": N_("有 {count} 条收到的记录被标成“已入账”，账本链条里却没有这一步（绕过程序改的），第一条：{what}"),
    "received_gone": N_("有 {count} 条别的收银台发来的积分流水在这台电脑的账里不见了（绕过程序删掉的），第一条：{what}"),
    "outside_one": N_("第 {first} 条记账不是本程序写入的：有人绕过程序直接改了数据库文件，它是{what}。"
                      "程序在 {at} 发现并记下了它，请核对"),
    "outside_one_bare": N_("第 {first} 条记账不是本程序写入的：有人绕过程序直接改了数据库文件。"
                           "程序在 {at} 发现并记下了它，请核对"),
    "outside_many": N_("第 {first}–{last} 条记账（{count} 条）不是本程序写入的：有人绕过程序直接改了数据库文件，"
                       "第一条是{what}。程序在 {at} 发现并记下了它们，请逐条核对"),
    "outside_many_bare": N_("第 {first}–{last} 条记账（{count} 条）不是本程序写入的：有人绕过程序直接改了数据库文件。"
                            "程序在 {at} 发现并记下了它们，请逐条核对"),
    # how a record is named
    "audit_row": N_("操作记录第 {seq} 条"),
    "made_at": N_("{when} 记的{kind}（{details}）"),
    "made_at_plain": N_("{when} 记的{kind}"),
    "kind_details": N_("{kind}（{details}）"),
    "from_township": N_("乡镇发来的{what}"),
    "from_counter": N_("别的收银台发来的{what}"),
    "applied_mark": N_("{what}的“已入账”标记"),
    # the sums kept beside the records
    "damaged": N_("数据库文件有损坏：请用最近的备份恢复（kiosk restore），再核对一次"),
    "balance_cache": N_("余额缓存不符：{whose}的余额记的是 {cached}，按积分流水算是 {summed}"),
    "balance_orphan": N_("余额缓存不符：有一个余额不属于任何积分账户（{cached}）"),
    "stock_cache": N_("库存缓存不符：{name}的库存记的是 {cached}，按出入库记录算是 {summed}"),
    "sale_not_whole": N_("兑换单不完整：{receipt} 的商品、积分和出入库对不上"),
    "journal_gap": N_("同步序号有缺口：{counter}的记录中间少了，有记录被删掉了"),
    "a_counter": N_("一台收银电脑"),
    "household_account": N_("{house_no}{head}家"),
    "household_account_headless": N_("{house_no}那一户"),
    "an_account": N_("一个积分账户"),
    "check_failed": N_("检查没能做完，请再查一次；还是不行，请把这台电脑的数据库文件交给乡镇看"),
    "second_died": N_("检查出错：第二个检查进程中途退出了，请再查一次"),
}

# The chained records' kinds, as `kiosk check` names them.
CHAIN_KIND_WORDS = {
    "entry": N_("积分流水"), "sale": N_("兑换单"), "refund": N_("退货单"), "stock_move": N_("出入库记录"),
    "delivery": N_("进货单"), "price_change": N_("调价记录"), "household_event": N_("户变动记录"),
    "activity": N_("活动记录"), "cross_sale": N_("跨村兑换单"), "product": N_("商品"), "product_picture": N_("商品图片"),
    "resident": N_("村民"), "household": N_("户"), "account": N_("积分账户"), "rule": N_("积分标准"),
    "claim": N_("申报"), "objection": N_("异议"), "supplier": N_("供货方"), "audit": N_("操作记录"), "operator": N_("操作员"),
    "manager": N_("管理员"),
    "received": N_("收到的记录"), "received_applied": N_("收到的记录的“已入账”标记"),
    "year_grade": N_("年度信用等次"),
    "township_key": N_("乡镇公钥（认乡镇签章用的）"),
    "checked_from": N_("核对起点"),
}
