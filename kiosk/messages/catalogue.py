"""Messages of the catalogue area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the product form
    "product_township": ("“{name}”是乡镇统一的商品，名称、价格和图片由乡镇管理，本机不能修改。如需调整请联系乡镇。",
                         "“{name}” is a township item: its name, price and picture are managed by the township"
                         " and cannot be changed here. Contact the township to change it."),
    "pinyin_bad": ("拼音“{value}”不对：只能写字母和数字，如 dm5kg（留空会按名称自动生成）。",
                   "The pinyin “{value}” is not valid: letters and digits only, like dm5kg"
                   " (leave it empty to make it from the name)."),
    "reorder_level_bad": ("预警数量“{value}”不对：应为 0 到 {most} 的整数。",
                          "The reorder level “{value}” is not valid: a whole number from 0 to {most}."),
    "barcode_not_extra": ("“{code}”不是“{name}”的其他条码，没有删除（商品自己的条码不能删）。",
                          "“{code}” is not one of “{name}”'s other barcodes; nothing was removed"
                          " (a product's own code cannot be removed)."),
    # pictures
    "picture_too_big": ("图片文件 {path} 太大（{size} MB，最多 {most} MB），没有读取。请先把照片缩小再试。",
                        "The picture file {path} is too big ({size} MB, at most {most} MB); it was not read."
                        " Make the photo smaller and try again."),
    "picture_not_image": ("{path} 不是图片。请选 JPG 或 PNG 照片。",
                          "{path} is not a picture. Choose a JPG or PNG photo."),
    "picture_too_many_pixels": ("图片 {path} 太大（{width}×{height} 像素）。请先把照片缩小再试。",
                                "The picture {path} is too large ({width}×{height} pixels). Make it smaller and try again."),
    "picture_broken": ("图片 {path} 打不开，文件可能已损坏（{detail}）。请换一张。",
                       "The picture {path} cannot be opened; the file may be damaged ({detail}). Choose another."),
    # importing and exporting
    "import_not_xlsx": ("{path} 不是 Excel 表格（.xlsx），打不开。请在 Excel 或 WPS 里“另存为” .xlsx 或 CSV 再导入。",
                        "{path} is not an Excel workbook (.xlsx) and cannot be opened."
                        " Save it as .xlsx or CSV in Excel or WPS, then import it."),
    "import_old_xls": ("{path} 是旧版 Excel（.xls）文件。请在 Excel 或 WPS 里“另存为” .xlsx 再导入。",
                       "{path} is an old Excel (.xls) file. Save it as .xlsx in Excel or WPS, then import it."),
    "import_file_too_big": ("{path} 太大（超过 {most} MB），不像是商品或村民名单，没有读取。",
                            "{path} is too big (over {most} MB) for a list of goods or residents; it was not read."),
    "import_too_many_rows": ("表格超过 {most} 行，一次最多导入 {most} 行。请把它分成几个文件再导入。",
                             "The table has more than {most} rows; at most {most} can be imported at once."
                             " Split it into several files."),
    "import_merged_header": ("表头有合并的单元格（{cells}）。请在 Excel 里取消合并，让每一列都有自己的标题。",
                             "The header has merged cells ({cells}). Unmerge them in Excel so that each column"
                             " has its own title."),
    "import_merged_cells": ("有合并的单元格（{cells}）。请取消合并，把每一格都填上。",
                            "Merged cells ({cells}). Unmerge them and fill in every cell."),
    "import_formula": ("“{column}”一格是公式（{formula}），不是数值。请在 Excel 里复制后“选择性粘贴 → 数值”。",
                       "The “{column}” cell is a formula ({formula}), not a value. In Excel, copy it and"
                       " paste as values."),
    "import_duplicate_barcode": ("条码“{code}”和第 {first} 行的重复了。",
                                 "The barcode “{code}” is the same as in row {first}."),
    "export_format": ("只能导出为 .xlsx 或 .csv 文件，“{path}”不是。", "Export to an .xlsx or .csv file; “{path}” is neither."),
    "export_failed": ("{path} 没有写成（{detail}）。请检查U盘或换个位置再试。",
                      "{path} was not written ({detail}). Check the USB stick or pick another place."),
}
