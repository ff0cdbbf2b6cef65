"""Words of the audit area: what each action, target and before/after key of the trail is called,
the kinds a manager may type to pick actions (what `kiosk check` says: kiosk.messages.check)."""

from __future__ import annotations

from kiosk.messages.marks import N_

MESSAGES: dict[str, str] = {}

# The trail's actions as a manager reads them (kiosk.services.audit.words.did).
ACTION_WORDS = {
    "certificate.print": N_("打印积分证明"),
    "points.award": N_("记分"), "points.adjust": N_("调整积分"), "claim.file": N_("提交申报"),
    "claim.approve": N_("通过申报"), "claim.reject": N_("驳回申报"), "claim.credit": N_("公示期满入账"),
    "entry.revoke": N_("撤销积分"), "activity.record": N_("活动记分"), "notice.object": N_("登记异议"),
    "notice.uphold": N_("异议成立"), "notice.dismiss": N_("异议不成立"),
    "rule.add": N_("新增积分标准"), "rule.edit": N_("修改积分标准"), "rule.retire": N_("停用积分标准"),
    "setting.change": N_("修改设置"), "grades.set": N_("修改信用等次"),
    "operator.add": N_("添加操作员"), "operator.link": N_("登记操作员是哪位村民"),
    "operator.reset_pin": N_("重设密码"), "operator.activate": N_("启用操作员"),
    "operator.deactivate": N_("停用操作员"), "resident.add": N_("登记村民"), "resident.edit": N_("修改村民"),
    "resident.move": N_("迁户"), "resident.leave": N_("迁出或去世"), "resident.return": N_("村民回村"),
    "resident.pin": N_("设村民密码"), "resident.card_reissue": N_("补办积分卡"),
    "household.add": N_("登记新户"), "household.reopen": N_("重新启用门牌号"),
    "household.split": N_("分户"), "household.merge": N_("合户"), "sale.redeem": N_("兑换"),
    "sale.refund": N_("退货"), "sale.cross_village": N_("外村村民兑换"),
    "sale.cross_held_for_another": N_("外村兑换被乡镇记到别的卡上（请联系乡镇管理员）"),
    "sale.cross_taken_not_sold": N_("外村兑换没记账，乡镇却扣了分（请乡镇管理员退分）"),
    "sale.cross_note_seen": N_("看过外村兑换的结果（点了“知道了”）"),
    "product.add": N_("新增商品"), "product.edit": N_("修改商品"), "product.picture": N_("换商品照片"),
    "product.restore": N_("恢复商品"), "stock.delivery": N_("入库"), "stock.writeoff": N_("损耗"),
    "stock.take": N_("盘点调整"), "stocktake.start": N_("开始盘点"), "stocktake.count": N_("盘点计数"),
    "stocktake.post": N_("盘点过账"), "stocktake.cancel": N_("作废盘点"),
    "backup.write": N_("备份"), "backup.restore": N_("恢复备份"), "village.init": N_("建立村庄"),
    "expiry.run": N_("积分过期清零"), "sync_enrol": N_("接入乡镇"), "sync_import_reply": N_("导入乡镇回执"),
    "stock.receive": N_("入库"), "stock.adjust": N_("调整库存"),
}
# What a manager may type to pick a kind of action (the codes work too).
KIND_WORDS = {"积分标准": "rule", "设置": "setting", "公示": "notice", "异议": "notice", "记分": "points",
              "申报": "claim", "操作员": "operator", "村民": "resident", "户": "household", "更正": "entry",
              "撤销": "entry", "兑换": "sale", "商品": "product", "库存": "stock", "等次": "grades"}
# Whose the points accounts are (a village's account mode).
ACCOUNT_MODE_WORDS = {"household": N_("按户"), "resident": N_("按人")}
# How an award was set to credit.
CREDIT_WORDS = {"now": N_("立即入账"), "after_notice": N_("公示期满后入账")}
# What a row of the trail is about.
TARGET_WORDS = {
    "rule": N_("积分标准"), "setting": N_("设置"), "entry": N_("积分流水"), "claim": N_("申报"),
    "resident": N_("村民"), "household": N_("户"), "operator": N_("操作员"), "objection": N_("异议"),
    "product": N_("商品"), "sale": N_("兑换单"), "activity": N_("活动"), "refund": N_("退货单"),
    "village": N_("村庄"), "delivery": N_("入库单"), "stock_count": N_("盘点单"),
    "cross_note": N_("外村兑换的提醒"),
}
# The before/after keys of a change.
KEY_WORDS = {
    "value": N_("值"), "points": N_("分值"), "name": N_("名称"), "resident": N_("村民"), "rule": N_("标准"),
    "reason": N_("原因"), "note": N_("理由"), "outcome": N_("结果"), "status": N_("状态"), "balance": N_("余额"),
    "cap": N_("上限"), "shape": N_("形式"), "unit": N_("单位"), "max_qty": N_("一次最多"),
    "objector": N_("提出人"), "why": N_("异议"), "role": N_("角色"), "qty": N_("数量"),
    "active": N_("在用"), "house_no": N_("门牌号"), "stock": N_("库存"), "counted": N_("点数"),
    "card_code": N_("卡号"), "total": N_("合计"), "item": N_("公示条目"), "grades": N_("等次"),
    "entry": N_("流水"), "code": N_("编号"), "price": N_("价格"), "currency": N_("积分名称"),
    "manager": N_("管理员"), "household": N_("户"), "category": N_("类别"), "cap_period": N_("上限周期"),
    "doubles_within_days": N_("再犯加倍天数"), "needs_review": N_("要审核"), "source": N_("来源"),
    "reversal": N_("撤销流水"), "objections": N_("异议条数"), "credit": N_("入账"), "members": N_("成员"),
    "new_house_no": N_("新门牌号"), "into": N_("并入"), "state": N_("状态"), "amount": N_("数量"),
    "account_mode": N_("积分账户"), "claim_review": N_("申报要审核"), "grade_scale": N_("信用等次表"),
    "people": N_("人数"), "day": N_("日期"), "photo": N_("照片"), "receipt": N_("小票号"), "lines": N_("行数"),
}
