"""The township server's words (admin CLI and HTTP error details): code -> Simplified Chinese, marked for
the catalogue (the English is in kiosk.po). Looked up by kiosk.township.words.say; beside them the admin
CLI's lines (kiosk.township.cli_human) and 积分互认's HTTP answers (kiosk.township.cross)."""

from __future__ import annotations

from kiosk.messages.marks import N_

WORDS: dict[str, str] = {
    "village_exists": N_("已经有叫“{name}”的村了。"),
    "village_unknown": N_("没有叫“{name}”的村。请先运行 kiosk-township village add。"),
    "village_needed": N_("请说是哪个村，例如 kiosk-township {command} {example}。有这些村：{villages}"),
    "code_unknown": N_("注册码 {code} 不对。请向乡镇管理员要一个新的注册码。"),
    "code_used": N_("注册码 {code} 已经用过了，每个注册码只能用一次。请向乡镇管理员要一个新的。"),
    "code_expired": N_("注册码 {code} 已过期（有效期 7 天）。请向乡镇管理员要一个新的。"),
    "numbers_full": N_("这个村已经有 {highest} 台收银电脑，没有空的终端编号了。请联系乡镇管理员。"),
    "auth_missing": N_("请求没有签名。请先在收银台电脑上注册（kiosk sync enroll）。"),
    "auth_unknown": N_("乡镇服务器不认识这台收银机（可能已被停用）。请向乡镇管理员要接入码，重新接入。"),
    "auth_bad": N_("签名不对，请求被拒绝。请检查这台电脑的注册信息。"),
    "auth_time": N_("这台电脑的时间和乡镇服务器相差 {minutes} 分钟（最多 10 分钟）。请校准电脑时间后再同步。"),
    "body_too_big": N_("一次发送的数据太大（最多 {limit} MB）。请分批同步。"),
    "body_bad_json": N_("收到的数据不完整或格式不对：{detail}"),
    "body_bad_shape": N_("数据内容不对：{detail}"),
    "internal": N_("乡镇服务器出了意外的错误，已经记下来了。请过几分钟再试；一直不行请联系乡镇管理员。"),
    "not_yours": N_("有记录不是这台终端自己的，终端只能上传自己的记录。"),
    "wrong_village": N_("有记录属于别的村，终端只能为本村写记录。"),
    "gap": N_("记录编号不连续：服务器等的是第 {expected} 条。"),
    "fork": N_("第 {seq} 条记录和服务器上已有的不同：可能两台电脑从同一个备份恢复了。请联系乡镇管理员。"),
    "conflict": N_("有记录和服务器上同编号的记录内容不同，没有覆盖。"),
    "bad_hash": N_("记录内容和校验值不符（传输中损坏或被改过）。"),
    "bad_entry": N_("积分记录缺少账户或分值。"),
    "bundle_unreadable": N_("U 盘文件 {path} 读不出来（不完整或损坏）：{detail}。请在村里重新导出。"),
    "records_chain_differs": N_("{village}的收银机“{counter}”算出的到第 {seq} 条为止发给乡镇的记录，和乡镇收到并保存的对不上："
                                "有记录在路上或在乡镇服务器上被改过、删掉或调换过。请拿这台收银机的数据和乡镇的核对，查清以前不要改动。"),
    "restore_disproved": N_("乡镇发现这台电脑上已经同步过的旧账，和乡镇收到的不一样，所以没有给它换新的收银台号，已经记下了这件事。"
                            "请联系乡镇管理员核对；核对清楚以前，先不要改动这台电脑上的数据。"),
    "restore_disproved_here": N_("{village}的收银机“{counter}”说它的数据回到了以前、要换新的收银台号，但它账上到第 {seq} 条为止"
                                 "已经交给乡镇的记录，和乡镇收到并保存的不一样：这些记录交上来以后在村里被改过，可能有人改过村里的账。"
                                 "没有给它换号。请到村里拿这台收银机的数据和乡镇的核对；核对清楚、确实没问题，"
                                 "可以用 kiosk-township allow-copy 让它换号。"),
    "renewed_no_proof_here": N_("{village}的收银机“{counter}”说它的数据回到了以前，已换成新的终端号 {new}（原来是 {old}）。"
                                "它没有拿出能和乡镇核对的旧账（旧版程序、乡镇没有它早先的记录，或有人动过这台电脑上的数据），没法核对它的账有没有被改过：请到村里问清楚。"),
    "renewed_beyond_here": N_("{village}的收银机“{counter}”说它的数据回到了以前，已换成新的终端号 {new}（原来是 {old}）。"
                              "它账上的记录比乡镇收到的还多（有的还没交到乡镇），没法核对它的账有没有被改过：请到村里问清楚。"),
    "renewed_refused_here": N_("{village}的收银机“{counter}”说它的数据回到了以前，已换成新的终端号 {new}（原来是 {old}）。"
                               "乡镇以前没收下它交来的某条记录，它却不知道，所以没法核对它的账有没有被改过：请到村里问清楚。"),
    "renewed_too_many_here": N_("{village}的收银机“{counter}”说它的数据回到了以前，已换成新的终端号 {new}（原来是 {old}）。"
                                "它有太多记录没交到乡镇就回到了以前，没法一条条核对它的账有没有被改过：请到村里问清楚。"),
    "renewed_granted_here": N_("{by} 核对后同意换号：{village}的收银机“{counter}”的数据回到了以前，"
                               "已换成新的终端号 {new}（原来是 {old}）。"),
    "restore_not_disproved": N_("事件 {id} 不是一台收银机换号被拒的事，不能用 allow-copy。"),
    "records_all_kept": N_("乡镇保存的每台收银机的记录都还和收到时一样。"),
    "records_changed": N_("乡镇保存的记录有被改过的：\n{detail}"),
    "records_changed_here": N_("{village}的收银机“{counter}”发来的第 {seq} 条记录，在乡镇服务器上已经不是收到时的样子（被改过、删掉或调换过）。"
                               "请从备份核对乡镇的数据。"),
    "bundle_tampered": N_("U 盘文件 {path} 的签名不对：文件被改过，或不是这台终端的。请在村里重新导出。"),
    "bundle_too_big": N_("U 盘文件 {path} 太大（{detail}），不像积分超市导出的文件，没有导入。请在村里重新导出。"),
    "bundle_strange": N_("U 盘文件 {path} 里面的东西不对（{detail}），不像积分超市导出的文件，没有导入。请在村里重新导出。"),
    "bundle_unknown_terminal": N_("这个U盘文件来自乡镇不认识的收银机（它可能接入的是别的乡镇服务器）。"
                                  "请给它的村发一个接入码，让村里重新接入这台收银机后再导出。"),
    "bundle_retired": N_("这个U盘文件来自{village}的收银机“{counter}”，它 {at} 已停用（{reason}），它的文件不再导入，什么也没改。"
                         "要继续用这台收银机，请给{village}发一个接入码，让村里重新接入；"
                         "它的记录都还在它自己的电脑上，重新接入后会传上来。"),
    "bundle_refused": N_("U 盘文件没有导入：{detail}"),
    "incident_unknown": N_("没有编号为 {id} 的事件。"),
    "manager_unknown": N_("{village}没有叫“{name}”的在用管理员（以收银机同步来的为准）。请核对名字；刚添加的管理员，请先让收银机同步一次。"),
    "manager_name_twice": N_("{village}有{count}位在用管理员都叫“{name}”（在不同的收银机上），命令行分不清是哪一位。"
                             "请到乡镇网页上这个村的页面确认，那里每位都写着是哪台收银机的。"),
    "manager_gone": N_("这位管理员已不在{village}的在用管理员里（可能刚被停用）。请刷新页面再看。"),
    "manager_pin_changed": N_("{village}的{name}：这位管理员的密码在您核实之后又改过，请重新核实。"),
    "manager_pin_not_own": N_("{village}的管理员{name}还不能确认：现在的密码是{setter}设的。"
                              "等本人在收银机上自己改一次密码，收银机同步以后再确认。"),
    "incident_resolved": N_("事件 {id} 已经处理过了。"),
    "bad_rate": N_("汇率必须是大于 0 的数，例如 1.5。"),
    "bad_file": N_("文件 {path} 读不出来或不是 JSON 对象：{detail}"),
    "overdraft": N_("{household}在两台收银机上用了同一笔积分，合并后余额是 {balance} 分，暂停兑换。"
                    "村里补发积分、余额回到 0 或以上就自动解冻（还差 {short} 分），或请乡镇管理员处理"),
    "overdraft_lifted": N_("{household}的余额已回到 {balance} 分，自动解冻"),
    "overdraft_never": N_("{household}的余额 {balance} 分是扣分或过期造成的，不是两台收银机透支，自动解冻"),
    "holder_household": N_("{house_no}{name}家"),
    "holder_person": N_("{house_no}{name}"),
    "holder_house": N_("{house_no}这户"),
    "holder_unknown": N_("这户村民（村里还没把这户的资料传到乡镇）"),
    "db_unreachable": N_("连不上乡镇数据库 {url}：{detail}。请检查数据库服务器是否开着、地址和密码对不对。"),
    "db_bad_url": N_("数据库地址 {url} 写得不对：{detail}。应该像 postgresql://用户@服务器/库名。"),
    "db_foreign": N_("{url} 不是乡镇服务器的数据库（里面是别的程序的表），什么都没有改。请换一个空库或乡镇数据库。"),
    "db_newer": N_("数据库 {url} 是更新版本的乡镇服务器建的（第 {found} 版，这个程序只认到第 {known} 版），什么都没有改。请先升级乡镇服务器程序。"),
    "db_unavailable": N_("乡镇数据库暂时连不上，这次没有保存。请过一会儿再同步，数据还在收银台上。"),
    "export_target_not_empty": N_("目标数据库 {url} 里已经有记录了，没有导入。请导到一个新建的空库。"),
    "export_mismatch": N_("导出后核对不一致（{detail}），已撤销这次导入。请联系技术人员。"),
    "township_only": N_("这种记录只能由乡镇发布（冻结、解冻、统一价格、兑换比例、统一积分标准），收银台不能上传。"),
}


# Headings of the admin CLI's plain-text output (keys of its --json output).
LABELS: dict[str, str] = {
    "village": N_("村"), "villages": N_("村庄"), "currency": N_("积分名称", "words#2"),
    "code": N_("注册码"), "expires_at": N_("有效期至"),
    "terminals": N_("终端"), "published": N_("已发布"), "records": N_("记录"),
    "balances": N_("余额"), "ranking": N_("排行"), "incidents": N_("待处理事件"),
    "incident": N_("事件"), "resolved": N_("已处理"),
    "released_record": N_("解冻记录"), "terminal_id": N_("终端", "words"),
    "high_water": N_("已收到第几条"), "results": N_("结果"), "reply": N_("回复文件"),
    "reply_records": N_("回复记录数"),
    "cursor": N_("游标"), "conflicts": N_("冲突"),
    "verdict": N_("核验结果"), "house_no": N_("门牌号"), "head": N_("户主"), "balance": N_("余额"),
    "valid_until": N_("有效期至"), "records_kept": N_("记录核对"),
    "user": N_("用户"), "role": N_("角色"), "one_time_password": N_("一次性密码（第一次登录时必须修改）"),
}

# The township admin CLI's human-readable lines: key -> (zh, en) (kiosk.township.cli_human).
CLI_WORDS: dict[str, tuple[str, str]] = {
    "village_added": ("已添加村：{name}（积分名称：{currency}）", "Village added: {name} (points: {currency})"),
    "village_row": ("{name}（积分名称：{currency}）", "{name} (points: {currency})"),
    "no_villages": ("还没有村。请先运行 kiosk-township village add。", "No villages yet: run kiosk-township village add."),
    "terminal_row": ("{village} · {name}：{enrolled}注册，最后联系 {contact}，已收到 {high_water} 条",
                     "{village} · {name}: enrolled {enrolled}, last contact {contact}, {high_water} records received"),
    "never": ("还没有", "never"),
    "no_terminals": ("还没有注册的收银电脑。", "No counters enrolled yet."),
    "published_rate": ("已发布兑换比例：{from_name}的 1 分在{to_name}可换 {rate} 分。",
                       "Rate published: 1 point of {from_name} is worth {rate} in {to_name}."),
    "published_items": ("已发布{kind} {count} 条：{names}", "Published {count} {kind}: {names}"),
    "kind_rule": ("积分标准", "rules"), "kind_product": ("商品", "goods"), "kind_price": ("价格", "prices"),
    "balances_head": ("{village}（{currency}）：{count} 户", "{village} ({currency}): {count} households"),
    "balance_row": ("{house_no}  {head}  余额 {balance}  累计 {earned}", "{house_no}  {head}  balance {balance}  earned {earned}"),
    "rank_row": ("第 {rank} 名  {house_no}  {head}  累计 {earned}  余额 {balance}",
                 "#{rank}  {house_no}  {head}  earned {earned}  balance {balance}"),
    "not_synced": ("（这户的资料村里还没传到乡镇）", "(the village has not sent this household yet)"),
    "no_incidents": ("没有待处理的事件。", "No open incidents."),
    "incident_row": ("#{no}  {kind}  {where}：{what}（{at}）", "#{no}  {kind}  {where}: {what} ({at})"),
    "incident_done": ("  已处理：{note}", "  resolved: {note}"),
    "resolved": ("事件 #{no} 已处理。", "Incident #{no} resolved."),
    "released": ("已解冻：{what}", "Hold released: {what}"),
    "manager_confirmed": ("已确认{village}的管理员{manager}：收银机下次同步后，{manager}就能替别的管理员本户的事做第二位确认。",
                          "{manager} of {village} confirmed as a manager: after the counter's next sync, "
                          "{manager} may confirm for another manager's own household."),
    "manager_already": ("{village}的管理员{manager}现在的密码已经确认过了（或者只有本人知道），不用再确认。",
                        "{manager} of {village} is already confirmed for the current PIN (or nobody else set it)."),
    "what_gap": ("记录缺号：服务器等的是第 {expected} 条", "missing records: the server waits for number {expected}"),
    "what_seq": ("第 {seq} 条记录：{detail}", "record number {seq}: {detail}"),
    "what_renewed": ("这台电脑的数据回到了以前，已换成新的终端号 {new}（原来是 {old}）",
                     "this PC's data went back in time; it now has counter number {new} (was {old})"),
    "what_restore_disproved": ("这台电脑说它的数据回到了以前、要换新的终端号，但它到第 {seq} 条为止已经交给乡镇的记录"
                               "和乡镇保存的不一样：可能有人改过村里的账，没有给它换号",
                               "this PC says its data went back in time and asked for a new counter number, but its "
                               "records up to number {seq}, already sent, differ from those the township keeps: "
                               "someone may have changed the village's books; no new number was given"),
    "what_renewed_unproven": ("这台电脑说它的数据回到了以前，已换成新的终端号 {new}（原来是 {old}）；"
                              "它没有拿出能和乡镇核对的旧账（旧版程序、乡镇没有它早先的记录，或有人动过这台电脑上的数据），没法确认它的账没被改过：请到村里问清楚",
                              "this PC says its data went back in time; it now has counter number {new} (was {old}); "
                              "it showed nothing the township could check (an older program, the township lacking its early "
                              "records, or someone touched this PC's data), so nobody can tell its books were not changed: ask the village"),
    "what_renewed_granted": ("{by} 核对后同意换号：这台电脑的数据回到了以前，已换成新的终端号 {new}（原来是 {old}）",
                             "{by} checked and allowed it: this PC's data went back in time; it now has counter "
                             "number {new} (was {old})"),
    "allowed_copy": ("事件 #{no} 已处理：{village}的收银机“{counter}”下次同步或带 U 盘来时，会换成新的终端号。",
                     "Incident #{no} resolved: the counter \"{counter}\" of {village} gets a new counter number "
                     "at its next sync or USB file."),
    "what_chain": ("账本的校验链和以前交来的对不上：可能有人改过村里的账", "the books' chain no longer matches what it sent before"),
    "imported": ("已导入{village}{counter}的 U 盘文件：{stored} 条新记录（共 {total} 条），回复文件 {reply}（{sent} 条）",
                 "Imported the USB file of {village} {counter}: {stored} new of {total} records; reply {reply} ({sent} records)"),
}

# Words of 积分互认's HTTP answers; the counter shows its own (kiosk/messages/sync.py, same codes).
CROSS_WORDS: dict[str, tuple[str, str]] = {
    "cross_card_unknown": N_("{village}没有卡号 {card} 的村民。"),
    "cross_village_needed": N_("请说明持卡人是哪个村的：同一个卡号在不同的村是不同的人。"),
    "cross_village_unknown": N_("乡镇没有这个村（{village}）。"),
    "cross_too_many": N_("这台电脑查卡太频繁了（{seconds} 秒内最多 {most} 次），请 {minutes} 分钟后再查。"),
    "cross_same_village": N_("{name}是本村村民，请用平常的兑换。"),
    "cross_inactive": N_("{name}的状态是“{status}”，不能兑换。"),
    "cross_no_rate": N_("乡镇还没有公布{home}和{here}之间的积分兑换比例。"),
    "cross_on_hold": N_("{name}的积分账户已冻结：{reason}"),
    "cross_short": N_("积分不够：还有 {balance}，需要 {needed}（{home}积分）。"),
    "cross_id_reused": N_("兑换编号 {id} 已用于另一笔兑换。"),
    "cross_wrong_village": N_("终端只能为本村的兑换记账。"),
}
