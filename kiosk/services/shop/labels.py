"""Price labels (价签): which goods, how many of each, on which label stock, into a PDF.

Reads only: printing labels changes nothing in the books. Volunteers and managers
may print them; the self-service screen may not.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.core.errors import Refused
from kiosk.core.points import Points
from kiosk.printing.atomic import write_atomic
from kiosk.printing.label_sheets import SHEETS, Sheet, page_count
from kiosk.printing.price_labels import Tag, render_pdf
from kiosk.services.shop import products
from kiosk.services.context import Context, Role
from kiosk.services.dates import parse_day
from kiosk.store import labels as store

MAY_PRINT = frozenset({Role.VOLUNTEER, Role.MANAGER, Role.SYSTEM})
MAX_COPIES = 1000           # of one product in one go
MAX_LABELS = 20_000         # in one PDF: some 830 sheets of 24
_COPIES_SUFFIX = re.compile(r"^(.+?)\s*[xX×*]\s*(\d+)$")


@dataclass(frozen=True)
class LabelLine:
    """One product and how many labels of it."""
    code: str
    name: str
    price: Points
    unit: str
    category: str
    copies: int = 1


@dataclass(frozen=True)
class LabelsFile:
    path: Path
    sheet: str
    labels: int
    pages: int
    skip: int


def check_role(ctx: Context) -> None:
    if ctx.actor.role not in MAY_PRINT:
        raise Refused("labels_not_allowed", who=ctx.actor.name, role=ctx.actor.role.value)


def copies_count(value: object) -> int:
    """1 to MAX_COPIES labels of a product."""
    text = str(value).strip()
    if isinstance(value, bool) or not text.isascii() or not text.isdigit() or len(text) > 6 \
            or not 1 <= int(text) <= MAX_COPIES:
        raise Refused("labels_copies_bad", copies=text[:20], most=MAX_COPIES)
    return int(text)


def split_item(text: str, copies: object = 1) -> tuple[str, int]:
    """'6901234567892x3' → ('6901234567892', 3); without a count, `copies` each."""
    match = _COPIES_SUFFIX.match(text.strip())
    if match:
        return match[1], copies_count(match[2])
    return text.strip(), copies_count(copies)


def _line(row_or_product, copies: int) -> LabelLine:
    p = row_or_product
    if isinstance(p, products.Product):
        return LabelLine(p.code, p.name, p.price, p.unit, p.category, copies)
    return LabelLine(p["code"], p["name"], Points(p["price"]), p["unit"], p["category"], copies)


def find(ctx: Context, query: str, copies: object = 1) -> LabelLine:
    """One product by barcode, code or name; a retired one gets no new label."""
    check_role(ctx)
    count = copies_count(copies)
    product = products.resolve(ctx, query)
    if not product.active:
        raise Refused("product_retired", name=product.name)
    return _line(product, count)


def categories(ctx: Context) -> list[str]:
    check_role(ctx)
    return store.categories(ctx.db)


def on_sale(ctx: Context, *, category: str | None = None, changed_since: object = None,
            copies: object = 1) -> list[LabelLine]:
    """Every good on sale, or those of a category, or those repriced since a day."""
    check_role(ctx)
    count = copies_count(copies)
    category = (category or "").strip() or None
    if category is not None and not store.category_exists(ctx.db, category):
        raise Refused("labels_category_unknown", category=category,
                      known="、".join(store.categories(ctx.db)) or "—")
    since = None
    if changed_since not in (None, ""):
        since = parse_day(changed_since, ctx.clock.now().date()).isoformat()
    rows = store.goods_on_sale(ctx.db, category, since)
    if not rows and since is not None:
        raise Refused("labels_none_changed", day=since)
    if not rows and category is not None:
        raise Refused("labels_category_empty", category=category)
    return [_line(row, count) for row in rows]


def choose(ctx: Context, items: Iterable[str] = (), *, all_goods: bool = False,
           category: str | None = None, changed_since: object = None,
           copies: object = 1) -> list[LabelLine]:
    """The command line's choice: named items (ITEM or ITEMxN) and/or a range of goods."""
    check_role(ctx)
    chosen = [find(ctx, *split_item(item, copies)) for item in items]
    if all_goods or category or changed_since:
        named = {line.code for line in chosen}
        chosen += [line for line in on_sale(ctx, category=category, changed_since=changed_since,
                                            copies=copies) if line.code not in named]
    return chosen


def sheet_for(key: str) -> Sheet:
    try:
        return SHEETS[str(key).strip().lower().replace("×", "x")]
    except KeyError:
        raise Refused("labels_sheet_unknown", sheet=key, known=", ".join(SHEETS)) from None


def check_skip(sheet: Sheet, skip: object) -> int:
    text = str(skip).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 6 or int(text) >= sheet.per_page:
        raise Refused("labels_skip_bad", skip=text[:20], per_sheet=sheet.per_page,
                      last=sheet.per_page - 1)
    return int(text)


def tags(ctx: Context, lines: Sequence[LabelLine]) -> list[Tag]:
    """Every label to print, copies spelled out, in the order chosen."""
    if not lines:
        raise Refused("labels_nothing_chosen")
    total = sum(line.copies for line in lines)
    if total > MAX_LABELS:
        raise Refused("labels_too_many", count=total, most=MAX_LABELS)
    currency = ctx.village.currency
    return [Tag(line.code, line.name, str(line.price), currency, line.unit)
            for line in lines for _ in range(line.copies)]


def render(ctx: Context, lines: Sequence[LabelLine], sheet: str, skip: object = 0) -> bytes:
    check_role(ctx)
    chosen = sheet_for(sheet)
    return render_pdf(tags(ctx, lines), chosen, check_skip(chosen, skip),
                      title=f"{ctx.village.name} 价签")


def save_pdf(ctx: Context, lines: Sequence[LabelLine], sheet: str, skip: object,
             target: str | Path) -> LabelsFile:
    """Render everything first, then write the file whole (temp file, fsync, rename)."""
    check_role(ctx)
    target = Path(target).expanduser()
    chosen = sheet_for(sheet)
    skipped = check_skip(chosen, skip)
    if target.is_dir():
        raise Refused("labels_target_folder", path=str(target))
    data = render(ctx, lines, chosen.key, skipped)
    _write(target, data)
    count = sum(line.copies for line in lines)
    return LabelsFile(target, chosen.key, count, page_count(chosen, count, skipped), skipped)


def _write(target: Path, data: bytes) -> None:
    try:
        write_atomic(target, data)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise Refused("labels_read_only", path=str(target)) from None
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise Refused("labels_disk_full", path=str(target)) from None
        raise Refused("labels_write_failed", path=str(target), detail=exc.strerror or str(exc)) from None
