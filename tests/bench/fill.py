"""Scaling the demo village up: thousands of products, half a million ledger entries.

Products go through the product and stock services (one transaction). Entries are
written by bulk SQL in one transaction, exactly as `awards._post` would write them:
the entry, its journal row (gap-free sequence) and its hash-chained audit row.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta

from kiosk.core.barcodes import check_digit
from kiosk.core.ids import new_id
from kiosk.core.points import Points
from kiosk.core.quantity import Measure
from kiosk.core.rules import points_for
from kiosk.services import products, stock
from kiosk.services.context import Context
from kiosk.services.demo_data import DemoData
from kiosk.store import audit
from kiosk.store.ledger import NewEntry
from kiosk.store.rules import to_rule

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
ENTRY_COLUMNS = tuple(NewEntry.__dataclass_fields__)
ENTRY_INSERT = (f"INSERT INTO entry ({', '.join(ENTRY_COLUMNS)})"
                f" VALUES ({', '.join('?' * len(ENTRY_COLUMNS))})")


def ean13(number: int) -> str:
    body = f"{BARCODE_PREFIX}{number:08d}"
    return body + check_digit(body)


def add_products(ctx: Context, target: int, rng: random.Random) -> int:
    """Add products (with stock) until the shop has `target`; returns how many were added."""
    have = ctx.db.scalar("SELECT COUNT(*) FROM product")
    taken = {row[0] for row in ctx.db.all("SELECT code FROM barcode")}
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
            price = rng.randint(2, 150) * 100 + rng.choice((0, 0, 0, 50))
            products.add_product(ctx, name=name, price=Points(price), category=category,
                                 unit=unit, barcode=code, reorder_level=rng.randint(0, 10))
            stock.receive(ctx, code, rng.randint(300, 800), source="乡镇配送", note="开业首批")
            added += 1
    return added


def _award_kinds(ctx: Context, data: DemoData) -> tuple[list, list[float]]:
    """(rule row, rule, qty range) for the demo's activities that earn points, and weights."""
    kinds, weights = [], []
    for act in data.activity:
        row = ctx.db.one("SELECT * FROM rule WHERE code = ?", (act.code,))
        if row is not None and row["points"] > 0 and row["active"]:
            kinds.append((row, to_rule(row), act.qty_min, act.qty_max))
            weights.append(act.monthly_chance)
    return kinds, weights


def top_up_ledger(ctx: Context, data: DemoData, target: int, rng: random.Random) -> int:
    """Append manager awards until the ledger holds `target` entries; returns how many."""
    db = ctx.db
    missing = target - db.scalar("SELECT COUNT(*) FROM entry")
    if missing <= 0:
        return 0
    people = db.all(
        "SELECT r.id, r.name, a.id AS account_id FROM resident r JOIN account a"
        " ON a.household_id = r.household_id OR a.resident_id = r.id WHERE r.status = 'active'")
    kinds, weights = _award_kinds(ctx, data)
    balances = dict(db.all("SELECT account_id, hundredths FROM balance"))
    operator = db.one("SELECT id, name FROM operator WHERE role = 'manager' ORDER BY created_at")
    terminal = ctx.terminal.id
    today = date.today()

    planned = []
    for _ in range(missing):
        day = today - timedelta(days=rng.randint(1, 365))
        at = datetime.combine(day, time(rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59)))
        planned.append((at, rng.choice(people), rng.choices(kinds, weights)[0]))
    planned.sort(key=lambda p: p[0])

    entries, journal_rows, audit_rows = [], [], []
    seq = db.scalar("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal_id = ?", (terminal,))
    last = db.one("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")
    audit_seq, prev = (last[0], last[1]) if last else (0, audit.GENESIS)
    for at, person, (row, rule, qty_min, qty_max) in planned:
        qty = Measure(rng.randint(qty_min, qty_max) * 100)
        amount = points_for(rule, qty)
        at_text = at.strftime("%Y-%m-%d %H:%M:%S")
        entry = NewEntry(id=new_id(), account_id=person["account_id"], kind="award",
                         hundredths=amount.hundredths, terminal_id=terminal, at=at_text,
                         activity_date=at_text[:10], resident_id=person["id"], rule_id=row["id"],
                         qty=qty.hundredths, operator_id=operator["id"])
        entries.append(tuple(getattr(entry, c) for c in ENTRY_COLUMNS))
        seq += 1
        journal_rows.append((terminal, seq, "entry", entry.id))
        balances[entry.account_id] = balances.get(entry.account_id, 0) + amount.hundredths
        after = json.dumps({"resident": person["name"], "rule": rule.code, "qty": str(qty),
                            "points": str(amount), "balance": str(Points(balances[entry.account_id]))},
                           ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        audit_seq += 1
        digest = audit.row_hash(prev, audit_seq, at_text, operator["id"], operator["name"],
                                "points.award", "entry", entry.id, "", after)
        audit_rows.append((audit_seq, at_text, operator["id"], operator["name"], "points.award",
                           "entry", entry.id, "", after, prev, digest))
        prev = digest

    db.execute("PRAGMA cache_size = -400000")  # 400 MB for the one big transaction
    with db.write() as conn:
        conn.executemany(ENTRY_INSERT, entries)
        conn.executemany(
            "INSERT INTO journal (terminal_id, seq, record_type, record_id) VALUES (?, ?, ?, ?)",
            journal_rows)
        conn.executemany(
            "INSERT INTO audit (seq, at, operator_id, operator_name, action, target_type,"
            " target_id, before, after, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            audit_rows)
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ('audit_head', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (f"{audit_seq}:{prev}",))
    db.execute("PRAGMA cache_size = -2000")
    return missing
