"""Words for sync with the township (the terminal's side)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "sync_not_enrolled": (
        "这台电脑还没有接入乡镇服务器。请先运行 kiosk sync enroll 地址 接入码。",
        "This computer is not connected to the township yet. Run kiosk sync enroll URL CODE first."),
    "sync_offline": (
        "连不上乡镇服务器（{detail}）。数据都还在本机，网络恢复后会自动补传。",
        "Cannot reach the township server ({detail}). Everything is kept here and will be sent when the network is back."),
    "sync_server_refused": (
        "乡镇服务器拒绝了这次同步：{detail}。数据都还在本机，请联系乡镇管理员。",
        "The township server refused this sync: {detail}. Everything is kept here; call the township."),
    "sync_bad_answer": (
        "乡镇服务器的回答不完整或看不懂（{detail}），这次什么也没改。稍后会再试。",
        "The township's answer was incomplete or unreadable ({detail}); nothing was changed. It will try again later."),
    "sync_local_error": (
        "这次同步没做完：本机数据库忙或出错（{detail}）。什么也没丢，稍后会再试。",
        "This sync did not finish: the local database was busy or failed ({detail}). Nothing is lost; it will try again."),
    "sync_enrol_refused": (
        "接入没有成功：{detail}。请检查接入码，或向乡镇管理员要一个新的。",
        "Enrolment failed: {detail}. Check the code, or ask the township for a new one."),
    "sync_bad_url": (
        "服务器地址 {url} 不对，应该像 https://xiangzhen.example.cn 这样。",
        "The server address {url} is not valid; it should look like https://township.example.cn."),
    "sync_bundle_unreadable": (
        "U 盘文件 {path} 读不出来（不完整或损坏）：{detail}。请让乡镇重新导出回执，什么也没改。",
        ("The file {path} cannot be read (incomplete or damaged): {detail}. Ask the township to export the "
         "reply again; nothing was changed.")),
    "sync_bundle_tampered": (
        "U 盘文件 {path} 的签名不对：文件被改过，或不是给这台电脑的。什么也没改。",
        "The file {path} fails its signature: it was altered or is not for this computer. Nothing was changed."),
    "sync_bundle_other_terminal": (
        "U 盘文件 {path} 是给另一台电脑（{terminal}）的回执，不是这台的。什么也没改。",
        "The file {path} is a reply for another computer ({terminal}), not this one. Nothing was changed."),
    "sync_bundle_not_reply": (
        "U 盘文件 {path} 不是乡镇发回的回执（是 {kind}）。请导入乡镇给的回执文件。",
        "The file {path} is not a reply from the township (it is {kind}). Import the township's reply file."),
    "sync_bundle_missing": (
        "找不到文件 {path}。请检查 U 盘是否插好、文件名是否写对。",
        "There is no file {path}. Check that the USB stick is in and the name is right."),
    "sync_export_failed": (
        "没能写出 U 盘文件 {path}：{detail}。请检查 U 盘是否插好、有没有空间。",
        "Could not write {path}: {detail}. Check that the USB stick is in and has room."),
    # The manager's sync screen (kiosk/services/sync_admin.py, sync_kept.py)
    "syncui_url_missing": (
        "请填写乡镇服务器地址，例如 http://192.168.1.10:8800。",
        "Enter the township server address, e.g. http://192.168.1.10:8800."),
    "syncui_code_missing": (
        "请填写乡镇给的接入码（一次性的，向乡镇管理员要）。",
        "Enter the one-time enrolment code the township gave you."),
    "syncui_unreachable": (
        "连不上乡镇服务器 {url}（{detail}）。请检查地址和网络后再试，什么也没改。",
        "Cannot reach the township server {url} ({detail}). Check the address and the network; nothing was changed."),
    "syncui_confirm_reenrol": (
        "这台电脑已经接入乡镇（终端 {terminal}）。重新接入要先确认。",
        "This computer is already connected (terminal {terminal}). Confirm before connecting it again."),
    "syncui_folder_missing": (
        "找不到文件夹 {path}。请插好 U 盘，再选一次。",
        "There is no folder {path}. Put the USB stick in and choose again."),
    "reject_conflict": (
        "乡镇已经有一条编号相同、内容不同的记录，没有覆盖它。",
        "The township already holds a record with this number but different content; it was not overwritten."),
    "reject_bad_hash": (
        "记录在路上损坏了（校验值不符）。可以重新提交。",
        "The record was damaged on the way (checksum mismatch). It can be submitted again."),
    "reject_bad_entry": (
        "积分记录缺少账户或分值，乡镇不收。",
        "The points entry lacks its account or amount; the township does not take it."),
    "reject_other": (
        "乡镇退回的原因：{reason}",
        "The township's reason: {reason}"),
    "reject_unknown": (
        "没有这条被退回的记录（第 {seq} 条）。请刷新后再选。",
        "There is no refused record number {seq}. Refresh and choose again."),
    "reject_already_handled": (
        "第 {seq} 条已经处理过了（{how}），不用再处理。",
        "Record number {seq} was already dealt with ({how})."),
    "reject_resend_conflict": (
        "第 {seq} 条不能重新提交：乡镇已有同编号的另一条记录，再交也会被退回。请联系乡镇管理员核对，然后标记已处理。",
        ("Record number {seq} cannot be sent again: the township holds another record under its number and would "
         "refuse it again. Check with the township, then mark it handled.")),
    "reject_still_bad": (
        "第 {seq} 条不能重新提交：这条积分记录仍然缺少账户或分值。请联系乡镇管理员，然后标记已处理。",
        ("Record number {seq} cannot be sent again: the entry still lacks its account or amount. "
         "Call the township, then mark it handled.")),
    "reject_record_gone": (
        "第 {seq} 条在本机找不到原记录了，不能重新提交。请标记已处理并写明情况。",
        "The original of record number {seq} is no longer on this PC; it cannot be sent again. Mark it handled with a note."),
    "reject_note_missing": (
        "请写一句处理说明（例如：已和乡镇核对，是重复记录）。",
        "Write a short note on how it was dealt with (e.g. checked with the township: a duplicate)."),
    "reject_note_too_long": (
        "处理说明太长了（最多 {most} 个字）。",
        "The note is too long ({most} characters at most)."),
    # 积分互认: a resident of another village redeems here (online only)
    "cross_offline": (
        "离线时不能用外村积分兑换，请联网后再试，或请他回本村兑换。什么也没记。",
        "Points from another village cannot be used offline. Try again when online, or redeem in the home village. Nothing was recorded."),
    "cross_not_enrolled": (
        "这台电脑还没有接入乡镇服务器，不能用外村积分兑换。请管理员先在设置里接入乡镇。",
        "This computer is not connected to the township, so points from another village cannot be used. Ask a manager to enrol it in settings."),
    "cross_card_unknown": (
        "乡镇没有卡号 {card} 的村民。请核对卡号；刚办的卡要等他的村同步后才能用。",
        "The township knows no resident with card {card}. Check the card; a new card works once the home village has synced."),
    "cross_same_village": (
        "{name}是本村村民，请用平常的兑换。",
        "{name} lives in this village: use the usual exchange."),
    "cross_inactive": (
        "{name}的状态是“{status}”，不能兑换。", "{name} is marked “{status}”; no exchange."),
    "cross_no_rate": (
        "乡镇还没有公布{home}和{here}之间的积分兑换比例，暂时不能兑换。请联系乡镇管理员。",
        "The township has published no exchange rate between {home} and {here} yet. Call the township."),
    "cross_on_hold": (
        "{name}的积分账户已冻结（{reason}），不能兑换。请他回本村处理。",
        "{name}'s points account is on hold ({reason}); no exchange. They should see their home village."),
    "cross_short": (
        "积分不够：{home}账户还有 {balance} 分，这次要 {needed} 分。请减少商品。",
        "Not enough points: the {home} account has {balance}, this needs {needed}. Take something out of the cart."),
    "cross_id_reused": (
        "兑换编号 {id} 已用于另一笔兑换，这次没有记账。请重新扫卡再兑换。",
        "Exchange id {id} was already used for another exchange; nothing was recorded. Scan the card again."),
    "cross_wrong_village": (
        "乡镇拒绝了：这台电脑只能为本村的兑换记账。请检查接入设置。",
        "The township refused: this computer records exchanges only for its own village. Check the enrolment."),
    "cross_refused": (
        "乡镇服务器拒绝了这次外村兑换：{detail}。什么也没记。",
        "The township refused this exchange: {detail}. Nothing was recorded."),
    "cross_bad_answer": (
        "乡镇服务器的回答看不懂，这次外村兑换没有记账。请稍后再试。",
        "The township's answer could not be read; this exchange was not recorded. Try again later."),
    "cross_no_visitor": (
        "请先扫外村村民的卡。", "Scan the visiting resident's card first."),
    "cross_already_recorded": (
        "这笔外村兑换已经记过账了（小票 {receipt}），没有再扣积分。",
        "This exchange is already recorded (receipt {receipt}); no points were taken again."),
}
