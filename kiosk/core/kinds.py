"""The kinds of points entries (积分流水) and stock movements (出入库): one table each.

Every place that shows, sums, filters or words a kind reads it here. A kind has
- its sign: only plus, only minus, or either (the migrations' CHECKs say the same);
- for an entry: whether it counts toward the year's score (信用等次), which kind
  revokes it (None: it cannot be revoked), whether it stands on the public notice
  (公示), and whether it spends points (going short by it is an overdraft, DESIGN
  invariant 6: deductions, expiry and corrections never are);
- its words, one per kind, marked here and translated where they are shown.

Adding a kind: a row here and the migration's CHECK; tests/unit/test_kinds.py fails
until both agree and every column is filled.
A kind this program does not know (a newer program's record) reads 未知类型, with a
warning in the log; it is never shown as its code.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum

from kiosk.i18n import N_, _

log = logging.getLogger(__name__)


class Sign(Enum):
    PLUS = "+"
    MINUS = "-"
    EITHER = "±"

    def allows(self, amount: int) -> bool:
        return amount != 0 and (self is Sign.EITHER or (amount > 0) == (self is Sign.PLUS))


@dataclass(frozen=True)
class EntryKind:
    code: str
    sign: Sign
    scored: bool              # counts toward the year's score (awards less deductions)
    revoked_by: str | None    # the kind of the entry that takes it back; None: cannot be revoked
    on_notice: bool           # stands on the public notice board (公示)
    spends: bool              # spends points: going short by it is an overdraft
    words: str                # as a villager reads it; marked, translated where shown

    @property
    def revocable(self) -> bool:
        return self.revoked_by is not None


@dataclass(frozen=True)
class StockKind:
    code: str
    sign: Sign
    counter: bool             # goods out of (or back into) the shop through the counter: sales and refunds
    by_hand: bool             # entered by hand as an adjustment (kiosk stock adjust)
    words: str


ENTRY_KINDS: dict[str, EntryKind] = {k.code: k for k in (
    EntryKind("award", Sign.PLUS, True, "deduct", True, False, N_("加分", "entry_kind")),
    EntryKind("deduct", Sign.MINUS, True, "award", True, False, N_("扣分", "entry_kind")),
    EntryKind("redeem", Sign.MINUS, False, None, False, True, N_("兑换商品", "entry_kind")),
    EntryKind("refund", Sign.PLUS, False, None, False, False, N_("退货退分", "entry_kind")),
    EntryKind("adjust", Sign.EITHER, False, "adjust", True, False, N_("管理员更正", "entry_kind")),
    EntryKind("expire", Sign.MINUS, False, None, False, False, N_("积分过期", "entry_kind")),
    EntryKind("transfer", Sign.EITHER, False, None, False, True, N_("积分转移", "entry_kind")),
)}

STOCK_KINDS: dict[str, StockKind] = {k.code: k for k in (
    StockKind("receive", Sign.PLUS, False, False, N_("入库", "stock_kind")),
    StockKind("sale", Sign.MINUS, True, False, N_("兑换出库", "stock_kind")),
    StockKind("return", Sign.PLUS, True, False, N_("退货回库", "stock_kind")),
    StockKind("take", Sign.EITHER, False, False, N_("盘点", "stock_kind")),
    StockKind("damage", Sign.MINUS, False, True, N_("损耗", "stock_kind")),
    StockKind("adjust", Sign.EITHER, False, True, N_("调整", "stock_kind")),
)}

UNKNOWN = N_("未知类型", "kind")

# The sets the ledger is read by, in the table's order.
SCORED = tuple(k.code for k in ENTRY_KINDS.values() if k.scored)
REVOCABLE = tuple(k.code for k in ENTRY_KINDS.values() if k.revocable)
# The kinds a revocation posts, and so the kinds that make an entry "revoked".
REVOKING = tuple(c for c in ENTRY_KINDS if c in {k.revoked_by for k in ENTRY_KINDS.values()})
ON_NOTICE = tuple(k.code for k in ENTRY_KINDS.values() if k.on_notice)
SPENDING = tuple(k.code for k in ENTRY_KINDS.values() if k.spends)
# May take a balance below zero and never make an overdraft.
NEVER_OVERDRAWS = tuple(k.code for k in ENTRY_KINDS.values() if k.sign is not Sign.PLUS and not k.spends)
COUNTER_MOVES = tuple(k.code for k in STOCK_KINDS.values() if k.counter)
BY_HAND_MOVES = tuple(k.code for k in STOCK_KINDS.values() if k.by_hand)


def entry_words(code: str, lang: str | None = None) -> str:
    """An entry's kind in the reader's language; an unknown kind reads 未知类型 (and is logged)."""
    return _words(ENTRY_KINDS.get(code), "entry", code, lang)


def stock_words(code: str, lang: str | None = None) -> str:
    """A stock movement's kind in the reader's language; an unknown kind reads 未知类型 (and is logged)."""
    return _words(STOCK_KINDS.get(code), "stock movement", code, lang)


def _words(kind: EntryKind | StockKind | None, what: str, code: str, lang: str | None) -> str:
    if kind is None:
        log.warning("unknown %s kind %r: shown as 未知类型", what, code)
        return _(UNKNOWN, lang)
    return _(kind.words, lang)
