"""Messages of the catalogue area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, str] = {
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
}
