"""Words printed on a receipt, Chinese by default, English on request."""

from __future__ import annotations

LABELS = {
    "zh": {
        "sale": "兑换单", "refund": "退货单", "copy": "** 重打 / COPY **",
        "village": "村名", "number": "小票号", "at": "时间", "operator": "操作员",
        "resident": "村民", "household": "户号",
        "item": "商品", "price": "单价", "qty": "数量", "points": "积分",
        "total": "合计", "before": "兑换前余额", "after": "兑换后余额",
        "refunded": "退回", "refund_before": "退前余额", "refund_after": "退后余额",
        "reason": "原因", "colon": "：",
        "refunded_mark": "已退", "sale_number": "原小票",
    },
    "en": {
        "sale": "Exchange receipt", "refund": "Refund slip", "copy": "** COPY / 重打 **",
        "village": "Village", "number": "Receipt", "at": "Time", "operator": "Operator",
        "resident": "Resident", "household": "House",
        "item": "Item", "price": "Price", "qty": "Qty", "points": "Points",
        "total": "Total", "before": "Balance before", "after": "Balance after",
        "refunded": "Refunded", "refund_before": "Balance before", "refund_after": "Balance after",
        "reason": "Reason", "colon": ": ",
        "refunded_mark": "Refunded", "sale_number": "Sale receipt",
    },
}


def labels(lang: str = "zh") -> dict[str, str]:
    return LABELS.get(lang, LABELS["zh"])
