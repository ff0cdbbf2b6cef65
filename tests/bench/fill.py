"""Scaling the demo village's shop up to thousands of products, through the services.

Names, units and categories look like a village shop's; barcodes are valid EAN-13.
Every product is added by `products.add_product` and stocked by `stock.receive`,
all in one transaction.
"""

from __future__ import annotations

import random

from kiosk.core.barcodes import check_digit
from kiosk.core.points import Points
from kiosk.services.shop import products
from kiosk.services.stock import movements as stock
from kiosk.services.context import Context

GOODS = {
    ("粮油副食", "袋"): ["大米", "小麦粉", "糯米", "小米", "玉米糁", "绿豆", "红豆", "黄豆"],
    ("粮油副食", "桶"): ["菜籽油", "花生油", "大豆油", "玉米油", "调和油"],
    ("粮油副食", "瓶"): ["酱油", "陈醋", "料酒", "蚝油", "辣椒酱"],
    ("粮油副食", "包"): ["挂面", "食盐", "白糖", "鸡精", "十三香", "方便面"],
    ("洗护用品", "瓶"): ["洗发水", "沐浴露", "洗衣液", "洗洁精", "护手霜"],
    ("洗护用品", "支"): ["牙膏", "洗面奶"],
    ("洗护用品", "块"): ["香皂", "肥皂", "硫磺皂"],
    ("日用百货", "包"): ["抽纸", "卫生纸", "垃圾袋", "湿巾"],
    ("日用百货", "个"): ["脸盆", "水桶", "保温杯", "晾衣架", "收纳箱"],
    ("日用百货", "条"): ["毛巾", "浴巾"],
    ("厨房用品", "个"): ["菜板", "炒锅", "汤锅", "饭盒", "菜刀"],
    ("学习用品", "盒"): ["铅笔", "彩笔", "橡皮", "中性笔"],
    ("学习用品", "个"): ["书包", "文具盒", "笔记本"],
    ("家用电器", "个"): ["手电筒", "插线板", "电池", "台灯", "电水壶"],
    ("农资种苗", "袋"): ["复合肥", "尿素", "菜种", "玉米种"],
}
BRANDS = ("金龙鱼", "福临门", "鲁花", "中粮", "五得利", "海天", "李锦记", "太太乐", "立白", "雕牌",
          "蓝月亮", "舒肤佳", "高露洁", "云南白药", "清风", "心相印", "维达", "康师傅", "白象",
          "今麦郎", "老干妈", "恒顺", "厨邦", "超能", "奥妙", "洁柔", "佳洁士", "六神", "南孚",
          "公牛", "晨光", "得力", "苏泊尔", "美的", "史丹利", "隆平", "农家", "山里红", "青石")
SPECS = ("", "500g", "1kg", "2.5kg", "5kg", "10kg", "400ml", "1L", "1.8L", "5L", "家庭装",
         "组合装", "3件套", "小号", "大号", "经济装")
BARCODE_PREFIX = "6939"  # not used by the demo's goods


def ean13(number: int) -> str:
    body = f"{BARCODE_PREFIX}{number:08d}"
    return body + check_digit(body)


def add_products(ctx: Context, target: int, rng: random.Random) -> int:
    """Add products (with stock) until the shop has `target`; returns how many were added."""
    have = ctx.db.scalar("SELECT COUNT(*) FROM product")
    taken = {row[0] for row in ctx.db.all("SELECT code FROM barcode")}
    named = {row[0] for row in ctx.db.all("SELECT name FROM product")}   # names are unique
    kinds = list(GOODS.items())
    added, number = 0, 0
    with ctx.db.write():
        while have + added < target:
            number += 1
            code = ean13(number)
            if code in taken:
                continue
            (category, unit), items = rng.choice(kinds)
            name = f"{rng.choice(BRANDS)}{rng.choice(items)} {rng.choice(SPECS)}".strip()
            name = name if name not in named else f"{name} {number}号"
            named.add(name)
            price = rng.randint(2, 150) * 100 + rng.choice((0, 0, 0, 50))
            products.add_product(ctx, name=name, price=Points(price), category=category,
                                 unit=unit, barcode=code, reorder_level=rng.randint(0, 10))
            stock.receive(ctx, code, rng.randint(300, 800), source="乡镇配送", note="开业首批")
            added += 1
    return added
