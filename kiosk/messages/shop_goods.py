"""Messages of refund slips, weighed goods and purchase limits: code -> Simplified Chinese."""

MESSAGES: dict[str, str] = {
    # refund slips (退货单)
    "refund_slip_unknown": "找不到退货单“{query}”。请核对退货单号（如 退261205-01-0001-1）或扫退货单上的条码。",
    # weighed and loose goods (散装)
    "qty_step_bad": "最小数量“{step}”不对：整件商品写 1，散装称重的写 0.1（也可写 0.01 或 0.001）。",
    "qty_finer_than_step": "数量“{qty}”的小数位太多：这件商品最小按 {step} 计，请写成 1.5 这样。",
    "qty_step_has_moves": "“{name}”已经有出入库记录，不能再改最小数量（库存是按原来的算法记的）。如要改，请新建一件商品。",
    # purchase limits (限购)
    "limit_reached": "{words}，这次要换 {qty}{unit}，不能再多换了。请减少数量。",
    "limit_period_unknown": "限购周期“{period}”不认识。请写 周 或 月（week / month）。",
    # food dates (保质期)
    "delivery_line_best_before": "第 {line} 行：保质期“{value}”不是日期，请写成 2026-12-20 这样。整张入库单都没有入库。",
    "nothing_expired": "“{name}”没有过期的批次要报损。",
}
