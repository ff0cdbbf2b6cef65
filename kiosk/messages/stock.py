"""Messages of the stock area: receiving, write-offs, stock-take, suppliers, food dates. code -> Simplified Chinese."""

from __future__ import annotations

from kiosk.messages.marks import N_

MESSAGES: dict[str, str] = {
    # receiving (入库)
    "delivery_empty": "这张入库单还没有商品。请先扫码或输入商品和数量。",
    "delivery_source_unknown": "来源“{source}”不认识。请选：乡镇配送、捐赠、采购或其他。",
    "delivery_line_unknown": "第 {line} 行：找不到商品“{query}”。请核对条码，或先登记这件商品。整张入库单都没有入库。",
    "delivery_line_ambiguous": "第 {line} 行：“{query}”对应多件商品：{candidates}。请用条码或编号。整张入库单都没有入库。",
    "delivery_line_qty": "第 {line} 行（{name}）：数量“{qty}”不对，要写 1 到 {most} 的整数。整张入库单都没有入库。",
    "delivery_note_used": "送货单 {note_no}（{source}）已经在 {day} 入过库了（入库单 {number}）。同一张送货单不能入两次。",
    "delivery_unknown": "找不到入库单“{query}”。请核对入库单号。",
    "delivery_file_columns": "{path} 里要有“条码”（或“商品”）和“数量”两列。请在第一行写上列名。",
    "note_no_too_long": "送货单号太长（{length} 个字，最多 {most} 个）。",
    # write-offs (损耗)
    "writeoff_why_unknown": "损耗原因“{why}”不认识。请选：损坏、过期或丢失。",
    "writeoff_more_than_on_hand": "“{name}”只有 {on_hand}{unit}，不能报损 {qty}{unit}。请核对数量。",
    # stock-take (盘点)
    "stocktake_already_open": "已经有一次盘点在进行（{by} 在 {started} 开始）。请先确认过账或作废它，再开始新的。",
    "stocktake_none_open": "现在没有进行中的盘点。请先点“开始盘点”。",
    "stocktake_counted_twice": "“{name}”已经录过数了（{counted}{unit}，{at} 录入）。如果是重新清点的，请选“重新清点”再录入。",
    "stocktake_nothing_counted": "还没有录入任何清点数量，没有可以过账的。",
    "stocktake_goes_negative": "“{name}”清点的是 {counted}{unit}，清点后又少了 {gone}{unit}，过账后库存会成负数。请重新清点这件商品。",
    "stocktake_use_count": "正在盘点：请在盘点里录入“{name}”的数量。",
    "refund_line_done": "第 {line} 行“{name}”的 {qty} 件已经全部退过了（{at} 退的，原因：{reason}），不能再退。",
    "barcode_not_goods": "“{code}”有 {length} 位数字，不是商品条码（商品条码是 13 位、12 位或 8 位，最后一位是校验位），所以不能登记成商品。可能扫到了箱码或别的码，请扫商品本身上的条码。",
    "delivery_line_not_goods": "第 {line} 行：“{code}”有 {length} 位数字，不是商品条码（应为 13、12 或 8 位），不能登记成商品。请改用商品本身上的条码。整张入库单都没有入库。",
    "supplier_kind_unknown": "供货方类别“{kind}”不认识。请选：{kinds}。",
    "supplier_contact_too_long": "联系方式太长了（最多 {most} 个字）。",
    "supplier_none_yet": "还没有登记供货方，找不到“{name}”。请先添加：kiosk supplier add 名称 --kind 乡镇配送（或 采购、爱心捐赠、企业捐赠）。",
    "supplier_unknown": "没有叫“{name}”的供货方（最接近的是“{nearest}”）。已登记的：{known}。新的供货方请先用 kiosk supplier add 添加。",
    "supplier_exists": "已经有叫“{name}”的供货方了。请换个名称，或修改原来那个。",
    "delivery_supplier_required": "请说明这批货从哪里来：选一个供货方或捐赠人（没有的话先在“供货方”里添加）。",
    "delivery_line_cost_required": "第 {line} 行“{name}”：从“{supplier}”采购的货要填进价（每件多少元）。整张入库单都没有入库。",
    "delivery_line_cost_bad": "第 {line} 行“{name}”：{reason} 整张入库单都没有入库。",
    "yuan_bad": "金额“{value}”不对：应为不小于 0 的元数，如 12.5。",
    "yuan_too_fine": "金额“{value}”不对：最多精确到分（两位小数）。",
    "yuan_absurd": "金额“{value}”太大了，请核对。",
    "delivery_not_donation": "入库单 {number} 来自“{supplier}”，不是捐赠，没有捐赠公示和感谢条。",
    "count_negative": "清点数量不能是负数：“{qty}”。",
    # food dates (保质期)
    "delivery_line_best_before": "第 {line} 行：保质期“{value}”不是日期，请写成 2026-12-20 这样。整张入库单都没有入库。",
    "nothing_expired": "“{name}”没有过期的批次要报损。",
}

# Write-off reasons (kiosk.services.stock.movements).
WRITEOFF_WHYS = {"damaged": N_("损坏"), "expired": N_("过期"), "lost": N_("丢失")}
