"""The audit trail in plain words: what each action, target and before/after key is called."""

from __future__ import annotations

import json

from kiosk.config import BY_KEY
from kiosk.i18n import N_, _, word
from kiosk.messages.values import ROLE_WORDS, STATUS_WORDS

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
CREDIT_WORDS = {"now": N_("立即入账"), "after_notice": N_("公示期满后入账")}
VALUE_WORDS = {"role": ROLE_WORDS, "status": STATUS_WORDS, "credit": CREDIT_WORDS}
HIDDEN_WHEN_NAMED = ("code",)         # a rule's or product's code, when its name is there too
TARGET_WORDS = {
    "rule": N_("积分标准"), "setting": N_("设置"), "entry": N_("积分流水"), "claim": N_("申报"),
    "resident": N_("村民"), "household": N_("户"), "operator": N_("操作员"), "objection": N_("异议"),
    "product": N_("商品"), "sale": N_("兑换单"), "activity": N_("活动"), "refund": N_("退货单"),
    "village": N_("村庄"), "delivery": N_("入库单"), "stock_count": N_("盘点单"),
}
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
    "people": N_("人数"), "day": N_("日期"), "photo": N_("照片"), "receipt": N_("小票号"), "lines": N_("行数"),
}


def did(action: str) -> str:
    return _(ACTION_WORDS[action]) if action in ACTION_WORDS else _("其他操作")


def kind_code(typed: str | None) -> str | None:
    text = (typed or "").strip()
    return KIND_WORDS.get(text, text) or None


def target(target_type: str, target_id: str) -> str:
    """'设置：审核通过的积分等公示期满后才入账', '积分标准' — never an id (whom: in the change)."""
    if target_type == "setting" and target_id in BY_KEY:
        return f"{_(TARGET_WORDS['setting'])}{_('：')}{_(BY_KEY[target_id].zh)}"
    return _(TARGET_WORDS[target_type]) if target_type in TARGET_WORDS else _("其他")


def change(before, after, names: dict[str, str] | None = None) -> str:
    """'分值: 5 → 3；名称: 环境清扫' — what changed, before → after."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return f"{_shown(before)} → {_shown(after)}"
    parts, names = [], names or {}
    for key in dict.fromkeys([*before, *after]):
        if key in HIDDEN_WHEN_NAMED and ("name" in before or "name" in after):
            continue
        old, new = _value(key, before.get(key), names), _value(key, after.get(key), names)
        if _is_id(old) or _is_id(new):
            continue                   # an id says nothing to a villager; the names say whom
        label = _(KEY_WORDS[key]) if key in KEY_WORDS else key
        if key in before and key in after:
            if old != new:
                parts.append(f"{label}: {_shown(old)} → {_shown(new)}")
        else:
            parts.append(f"{label}: {_shown(new if key in after else old)}")
    return _("；").join(parts)


def _value(key: str, value, names: dict[str, str]):
    if key == "rule" and isinstance(value, str):
        return names.get(value, value)                # a rule's code → its name
    if key in VALUE_WORDS and isinstance(value, str):
        return word(VALUE_WORDS[key], value)
    return value


def _is_id(value) -> bool:
    return isinstance(value, str) and len(value) == 36 and value.count("-") == 4


def _shown(value) -> str:
    if value is None or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
