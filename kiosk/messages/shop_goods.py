"""Messages of refund slips, weighed goods and purchase limits: code -> Simplified Chinese."""

MESSAGES: dict[str, str] = {
    # refund slips (退货单)
    "refund_slip_unknown": "找不到退货单“{query}”。请核对退货单号（如 退261205-01-0001-1）或扫退货单上的条码。",
}
