"""Words for sync with the township (the terminal's side): its refusals, 积分互认, records kept aside."""

from __future__ import annotations

from kiosk.messages.marks import N_

MESSAGES: dict[str, str] = {
    "sync_not_enrolled": "这台电脑还没有接入乡镇服务器。请先运行 kiosk sync enroll 地址 接入码。",
    "sync_offline": "连不上乡镇服务器（{detail}）。数据都还在本机，网络恢复后会自动补传。",
    "sync_server_refused": "乡镇服务器拒绝了这次同步：{detail}。数据都还在本机，请联系乡镇管理员。",
    "sync_not_known": ("乡镇服务器不认这台收银机了（可能乡镇停用了它，或它的接入信息变了），这次没有同步。"
                       "本机什么也没丢：没传上去的记录都留在本机，重新接入后会自动传上去。"
                       "请联系乡镇管理员，告诉他是“{detail}”，要一个新的接入码，再在“同步”里点“重新接入”。"),
    "sync_clock_off": ("这台电脑的日期或时间不对，和乡镇服务器差得太多，乡镇不收这次同步。"
                       "请把电脑的日期和时间改对（和手机上的一样），再同步一次。"
                       "本机什么也没丢：没传上去的记录都留在本机，改对后会自动传上去。"),
    "sync_restore_disproved": ("乡镇发现这台电脑上已经同步过的旧账，和乡镇收到的不一样，所以没有给它换新的收银台号。"
                               "乡镇已经记下了这件事。请马上联系乡镇管理员核对；核对清楚以前，先不要改动这台电脑上的数据。"),
    "sync_bad_answer": "乡镇服务器的回答不完整或看不懂，这次什么也没改。稍后会再试。",
    "sync_local_error": "这次同步没做完：本机数据库忙或出错（{detail}）。什么也没丢，稍后会再试。",
    "sync_enrol_refused": "接入没有成功：{detail}。请检查接入码，或向乡镇管理员要一个新的。",
    "sync_bad_url": "服务器地址 {url} 不对，应该像 https://xiangzhen.example.cn 这样。",
    "sync_bundle_unreadable": "U 盘文件 {path} 读不出来（不完整或损坏）：{detail}。请让乡镇重新导出回执，什么也没改。",
    "sync_bundle_too_big": "U 盘文件 {path} 太大（{detail}），不像乡镇发回的回执。什么也没改，请让乡镇重新导出回执。",
    "sync_bundle_strange": "U 盘文件 {path} 里面的东西不对（{detail}），不像乡镇发回的回执。什么也没改，请让乡镇重新导出回执。",
    "sync_bundle_tampered": "U 盘文件 {path} 的签名不对：文件被改过，或不是给这台电脑的。什么也没改。",
    "sync_bundle_not_township": "U 盘文件 {path} 没有乡镇的签章，不是乡镇发回的回执。什么也没改。请把这个文件交给乡镇核实，再请乡镇重新导出回执。",
    "sync_not_township": "这次连上的服务器没有乡镇的签章，不是本乡镇的服务器（服务器地址可能被改过）。这次什么也没改，请联系乡镇管理员核对服务器地址。",
    "sync_anchor_not_township": ("乡镇没有在账本核对结果上签章，这次的核对结果没有记下（上传、下载的数据已照常同步）。"
                                 "请联系乡镇管理员核对服务器地址。"),
    "sync_push_not_township": "这次连上的服务器没有乡镇的签章，不是本乡镇的服务器（服务器地址可能被改过）。要上传的记录都还留在本机，没有算作已上传，连上真正的乡镇服务器时会再传。请联系乡镇管理员核对服务器地址。",
    "sync_pull_not_township": ("这次连上的服务器发来的是乡镇以前的旧数据，不是乡镇对这次下载的回答（服务器可能被人换过或拦在中间）。"
                               "这次下载的什么也没记，本机照旧，稍后会再试。请联系乡镇管理员核对服务器地址和网络。"),
    "sync_bundle_other_terminal": "U 盘文件 {path} 是给另一台电脑的回执，不是这台的。什么也没改。",
    "sync_bundle_not_reply": "U 盘文件 {path} 不是乡镇发回的回执（是 {kind}）。请导入乡镇给的回执文件。",
    "sync_bundle_missing": "找不到文件 {path}。请检查 U 盘是否插好、文件名是否写对。",
    "sync_export_failed": "没能写出 U 盘文件 {path}：{detail}。请检查 U 盘是否插好、有没有空间。",
    # The manager's sync screen (kiosk/services/sync/admin.py, sync_kept.py)
    "syncui_url_missing": "请填写乡镇服务器地址，例如 http://192.168.1.10:8800。",
    "syncui_code_missing": "请填写乡镇给的接入码（一次性的，向乡镇管理员要）。",
    "syncui_unreachable": "连不上乡镇服务器 {url}（{detail}）。请检查地址和网络后再试，什么也没改。",
    "syncui_confirm_reenrol": "这台电脑已经接入乡镇（{which}）。重新接入要先确认。",
    "syncui_folder_missing": "找不到文件夹 {path}。请插好 U 盘，再选一次。",
    "reject_conflict": "乡镇已经有一条编号相同、内容不同的记录，没有覆盖它。",
    "reject_bad_hash": "记录在路上损坏了（校验值不符）。可以重新提交。",
    "reject_bad_entry": "积分记录缺少账户或分值，乡镇不收。",
    "reject_other": "乡镇退回的原因：{reason}",
    "reject_unknown": "没有这条被退回的记录（第 {seq} 条）。请刷新后再选。",
    "reject_already_handled": "第 {seq} 条已经处理过了（{how}），不用再处理。",
    "reject_resend_conflict": "第 {seq} 条不能重新提交：乡镇已有同编号的另一条记录，再交也会被退回。请联系乡镇管理员核对，然后标记已处理。",
    "reject_still_bad": "第 {seq} 条不能重新提交：这条积分记录仍然缺少账户或分值。请联系乡镇管理员，然后标记已处理。",
    "reject_record_gone": "第 {seq} 条在本机找不到原记录了，不能重新提交。请标记已处理并写明情况。",
    "reject_note_missing": "请写一句处理说明（例如：已和乡镇核对，是重复记录）。",
    "reject_note_too_long": "处理说明太长了（最多 {most} 个字）。",
    # 积分互认: a resident of another village redeems here (online only)
    "cross_offline": "离线时不能用外村积分兑换，请联网后再试，或请他回本村兑换。什么也没记。",
    "cross_not_enrolled": "这台电脑还没有接入乡镇服务器，不能用外村积分兑换。请管理员先在设置里接入乡镇。",
    "cross_card_unknown": "{village}没有卡号 {card} 的村民。请核对卡号和村；刚办的卡要等他的村同步后才能用。",
    "cross_village_needed": "请先选他是哪个村的：每个村的卡号都从 JF000001 开始，同一个卡号在不同的村是不同的人。",
    "cross_village_unknown": "乡镇没有这个村。请等这台电脑和乡镇同步一次，再重新选村。",
    "cross_too_many": "这台电脑查卡太频繁了（{seconds} 秒内最多 {most} 次），乡镇暂时不让再查。请 {minutes} 分钟后再试；如果不是有人在乱查，请联系乡镇管理员。",
    "cross_same_village": "{name}是本村村民，请用平常的兑换。",
    "cross_inactive": "{name}的状态是“{status}”，不能兑换。",
    "cross_no_rate": "乡镇还没有公布{home}和{here}之间的积分兑换比例，暂时不能兑换。请联系乡镇管理员。",
    "cross_on_hold": "{name}的积分账户已冻结（{reason}），不能兑换。请他回本村处理。",
    "cross_short": "积分不够：{home}账户还有 {balance} 分，这次要 {needed} 分。请减少商品。",
    "cross_id_reused": "兑换编号 {id} 已用于另一笔兑换，这次没有记账。请重新扫卡再兑换。",
    "cross_wrong_village": "乡镇拒绝了：这台电脑只能为本村的兑换记账。请检查接入设置。",
    "cross_refused": "乡镇服务器拒绝了这次外村兑换：{detail}。什么也没记。",
    "cross_bad_answer": "乡镇服务器的回答看不懂，这次外村兑换没有记账。请稍后再试。",
    "cross_not_township": "这次连上的服务器没有乡镇的签章，它的回答不能算数，什么也没记。请联系乡镇管理员核对服务器地址。",
    "cross_no_visitor": "请先扫外村村民的卡。",
    # 积分互认 made durable (kiosk/services/sync/cross_pending.py)
    "cross_unconfirmed": "没收到乡镇回答，已记下。请再点确认兑换，乡镇确认后再给商品；不重复扣分。",
    "cross_unsigned_waiting": ("这次连上的服务器没有乡镇的签章，它的回答不能算数。这笔外村兑换已记下（小票 {receipt}），"
                               "等乡镇确认：现在请不要给商品。连上真正的乡镇服务器后再点确认兑换，不会重复扣分。"
                               "请联系乡镇管理员核对服务器地址。"),
    "cross_terminal_not_known": ("乡镇服务器不认这台电脑了（可能乡镇取消了它的接入）。这次什么也没记，他的分没有扣。"
                                 "请联系乡镇管理员，重新接入这台电脑。"),
    "cross_not_known_waiting": ("乡镇服务器不认这台电脑了（可能乡镇取消了它的接入）。这笔外村兑换已记下（小票 {receipt}），"
                                "等乡镇确认：现在请不要给商品。他的分不会白扣，也不会重复扣。"
                                "请联系乡镇管理员重新接入这台电脑，再点确认兑换。"),
    "cross_books_waiting": ("这台电脑的账本一时写不进去（可能另开了一个积分超市窗口，请把它关掉），这笔外村兑换"
                            "（小票 {receipt}）还没有记账，现在请不要给商品。稍后再点确认兑换：乡镇扣没扣分都会问清，不会重复扣分。"
                            "一直这样，请找管理员。"),
    "cross_books_not_sent": ("这台电脑的账本一时读写不了（可能另开了一个积分超市窗口，请把它关掉），这笔外村兑换没有发给乡镇："
                             "他的分没有扣，也没有记账。请稍等一下，再点确认兑换。一直这样，请找管理员。"),
    "cross_ended_meanwhile": ("小票 {receipt} 这笔外村兑换刚才已经结束了：乡镇没有扣他的分，也没有记账。"
                              "要兑换的话，请再点确认兑换。"),
    "cross_taken_not_sold": ("小票 {receipt} 这笔外村兑换，这台电脑先前当作没有成（没连上乡镇，或乡镇没同意），没有记账；"
                             "可是乡镇后来还是扣了他{home_village} {home_total} 分。这笔不会再记账，没给的商品就不要给了。"
                             "请打电话给乡镇管理员，告诉他小票号 {receipt}，请他把这 {home_total} 分退给这位村民。"),
    "cross_held_for_another": ("小票 {receipt} 这笔外村兑换，乡镇记在了另一张卡上（兑换在路上被人改过）。"
                               "这位村民的分没有扣，这笔也没有记账：没给商品的就不要给。"
                               "请打电话给乡镇管理员，告诉他小票号 {receipt}，请他查这笔兑换，把另一张卡被扣的分退回。"),
}

# What a record kept aside (refused by the township) is, in a manager's words (kiosk.services.sync.kept_words).
TYPE_WORDS = {
    "entry": N_("积分记录"), "sale": N_("兑换", "sync_kept_words#2"), "refund": N_("退货", "sync_kept_words"),
    "stock_move": N_("库存变动"), "delivery": N_("入库单"),
    "price_change": N_("改价"), "household_event": N_("户籍变动"),
    "activity": N_("集体活动记分"), "product": N_("商品"),
    "product_picture": N_("商品图片"), "resident": N_("村民"),
    "household": N_("户"), "account": N_("积分账户"), "rule": N_("积分标准"),
    "claim": N_("积分申请"), "objection": N_("异议"), "supplier": N_("供货方"),
}
