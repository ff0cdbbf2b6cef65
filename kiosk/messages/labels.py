"""Messages of the labels area: code -> (Simplified Chinese, English)."""

MESSAGES: dict[str, str] = {
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
