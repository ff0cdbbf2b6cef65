"""Messages of the shop area: quantities, goods, sales and refunds, weighed goods, purchase limits,
the catalogue (its form, pictures, imports and exports), price labels. code -> Simplified Chinese."""

from __future__ import annotations

from kiosk.messages.marks import N_

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
    "receipt_unknown": "找不到小票“{query}”。请核对小票号（如 261205-01-0001），或扫小票上的条码。",
    "refund_line_unknown": "小票 {receipt} 没有第 {line} 行。",
    "refund_too_many": "第 {line} 行最多还能退 {left} 件。",
    "refund_nothing_left": "小票 {receipt} 已经全部退过了。",
    # refund slips (退货单)
    "refund_slip_unknown": "找不到退货单“{query}”。请核对退货单号（如 退261205-01-0001-1）或扫退货单上的条码。",
    # weighed and loose goods (散装)
    "qty_step_bad": "最小数量“{step}”不对：整件商品写 1，散装称重的写 0.1（也可写 0.01 或 0.001）。",
    "qty_finer_than_step": "数量“{qty}”的小数位太多：这件商品最小按 {step} 计，请写成 1.5 这样。",
    "qty_step_has_moves": "“{name}”已经有出入库记录，不能再改最小数量（库存是按原来的算法记的）。如要改，请新建一件商品。",
    # purchase limits (限购)
    "limit_reached": "{words}，这次要换 {qty}{unit}，不能再多换了。请减少数量。",
    "limit_period_unknown": "限购周期“{period}”不认识。请写 周 或 月（week / month）。",
    # the catalogue
    # the product form
    "product_township": "“{name}”是乡镇统一的商品，名称、价格和图片由乡镇管理，本机不能修改。如需调整请联系乡镇。",
    "pinyin_bad": "拼音“{value}”不对：只能写字母和数字，如 dm5kg（留空会按名称自动生成）。",
    "reorder_level_bad": "预警数量“{value}”不对：应为 0 到 {most} 的整数。",
    "product_name_taken": "已经有一种商品叫“{name}”（条码 {code}）。同名的商品在收银台和标签上分不清，请换个名称，比如加上规格。",
    "barcode_not_extra": "“{code}”不是“{name}”的其他条码，没有删除（商品自己的条码不能删）。",
    # pictures
    "picture_too_big": "图片文件 {path} 太大（{size} MB，最多 {most} MB），没有读取。请先把照片缩小再试。",
    "picture_not_image": "{path} 不是图片。请选 JPG 或 PNG 照片。",
    "picture_too_many_pixels": "图片 {path} 太大（{width}×{height} 像素）。请先把照片缩小再试。",
    "picture_broken": "图片 {path} 打不开，文件可能已损坏（{detail}）。请换一张。",
    # importing and exporting
    "import_not_xlsx": "{path} 不是 Excel 表格（.xlsx），打不开。请在 Excel 或 WPS 里“另存为” .xlsx 或 CSV 再导入。",
    "import_old_xls": "{path} 是旧版 Excel（.xls）文件。请在 Excel 或 WPS 里“另存为” .xlsx 再导入。",
    "import_file_too_big": "{path} 太大（超过 {most} MB），不像是商品或村民名单，没有读取。",
    "import_too_many_rows": "表格超过 {most} 行，一次最多导入 {most} 行。请把它分成几个文件再导入。",
    "import_merged_header": "表头有合并的单元格（{cells}）。请在 Excel 里取消合并，让每一列都有自己的标题。",
    "import_merged_cells": "有合并的单元格（{cells}）。请取消合并，把每一格都填上。",
    "import_formula": "“{column}”一格是公式（{formula}），不是数值。请在 Excel 里复制后“选择性粘贴 → 数值”。",
    "import_duplicate_barcode": "条码“{code}”和第 {first} 行的重复了。",
    "import_category_unknown": "分类“{category}”不存在；最接近的是“{nearest}”。请改成已有的分类（新的分类请先在商品里添加）。",
    "import_category_unknown_none": "分类“{category}”不存在。已有的分类：{known}。请改成其中一个（新的分类请先在商品里添加）。",
    "export_format": "只能导出为 .xlsx 或 .csv 文件，“{path}”不是。",
    "export_failed": "{path} 没有写成（{detail}）。请检查U盘或换个位置再试。",
    # price labels
    "labels_not_allowed": "{who}（{role}）不能打印价签。请志愿者或管理员登录后再打印。",
    "labels_copies_bad": "价签张数“{copies}”不对：每种商品打 1 到 {most} 张。",
    "labels_skip_bad": "跳过“{skip}”个位置不行：这种标签纸每张只有 {per_sheet} 个位置，请填 0 到 {last}。",
    "labels_sheet_unknown": "标签纸“{sheet}”不认识，请选 {known}。",
    "labels_nothing_chosen": "还没有选要打价签的商品。请扫码或输入商品，或选“全部在售商品”、某个分类、某天以来改过价的商品。",
    "labels_category_unknown": "没有叫“{category}”的商品分类。现有分类：{known}。",
    "labels_category_empty": "分类“{category}”里没有在售的商品，没有价签可打。",
    "labels_none_changed": "{day} 以来没有商品改过价格，不用重打价签。",
    "labels_too_many": "一次最多打印 {most} 张价签，这次有 {count} 张。请分几次打印。",
    "labels_target_folder": "{path} 是一个文件夹，请在后面写上文件名，如 价签.pdf。",
    "labels_read_only": "{path} 写不进去（文件夹只读、U盘写保护或没有权限），没有留下半截文件。请换个位置，比如桌面。",
    "labels_disk_full": "{path} 所在的磁盘（U盘）满了，价签 PDF 没有写成，也没有留下半截文件。请腾出空间或换个位置。",
    "labels_write_failed": "价签 PDF 没有写成（{path}：{detail}），没有留下半截文件。请检查磁盘或换个位置再试。",
}

# The product form's fields as a manager reads them, for "changed: price, picture" (kiosk.services.shop.catalogue_fields).
CATALOGUE_FIELD_WORDS = {"name": N_("名称"), "pinyin": N_("拼音"), "category": N_("分类"),
               "unit": N_("单位"), "price": N_("价格"),
               "reorder_level": N_("预警数量"), "barcodes": N_("其他条码"),
               "picture": N_("图片"), "step": N_("计量步长"), "limit": N_("限购"),
               "per": N_("限购周期")}

# A purchase limit's period (kiosk.services.shop.limits).
LIMIT_PERIOD_WORDS = {"week": N_("周"), "month": N_("月")}

# Words printed on a receipt, Chinese by default, English on request (kiosk.printing.labels).
RECEIPT_LABELS = {
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
