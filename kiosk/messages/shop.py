"""Messages of the shop: quantities, goods, stock, sales and refunds."""

MESSAGES: dict[str, str] = {
    # quantities
    "qty_not_whole": "数量“{qty}”必须是整数。",
    "qty_not_positive": "数量“{qty}”必须大于 0。",
    "qty_not_number": "“{qty}”不是数量。",
    "qty_absurd": "数量“{qty}”太大了（最多 {most}）。请核对。",
    # goods
    "barcode_bad_format": "条码“{code}”不对：应为 8、12 或 13 位数字。",
    "barcode_bad_check_digit": "条码“{code}”的校验位不对（应为 {expected}）。请重新扫码或核对。",
    "barcode_exists": "条码“{code}”已属于商品“{name}”。",
    "product_unknown": "找不到商品“{query}”。请核对条码或编号。",
    "product_ambiguous": "“{query}”对应多件商品：{candidates}。",
    "product_retired": "商品“{name}”已下架。",
    "price_not_positive": "价格必须大于 0 分。",
    "price_absurd": "价格“{price}”太高（最多 {most} 分）。",
    "out_of_stock": "“{name}”库存不够：还有 {on_hand}{unit}，要 {qty}{unit}。",
    "stock_below_zero": "“{name}”库存会变成负数（现有 {on_hand}）。",
    "refund_no_lines": "请选择要退的商品行。",
    "entry_unknown": "要更正的流水“{entry}”不在这个账户里。",
    "damage_not_negative": "损耗只能减少库存，请写成负数，如 -2。",
    "stock_kind_unknown": "库存调整类型“{kind}”不认识。",
    "cart_empty": "没有要兑换的商品。",
    "item_bad": "“{item}”写法不对，应为 条码 或 条码x数量。",
    # sales and refunds
    "receipt_unknown": "找不到小票“{query}”。",
    "refund_line_unknown": "小票 {receipt} 没有第 {line} 行。",
    "refund_too_many": "第 {line} 行最多还能退 {left} 件。",
    "refund_nothing_left": "小票 {receipt} 已经全部退过了。",
}
