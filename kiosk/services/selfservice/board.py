"""The village notice board on the touchscreen: rankings, public notices, new goods, rules.

Read-only, for every role; `kiosk.services.selfservice.screen` is the screens' entry point.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from kiosk.config import NOTICE_DAYS, SELF_NAMES
from kiosk.core.clock import stamp
from kiosk.core.points import Points
from kiosk.services.points import notice
from kiosk.services.setup import settings
from kiosk.services.context import Context
from kiosk.services.selfservice.scores import scores
from kiosk.services.selfservice.words import act_words, rule_words, shown_name
from kiosk.store import selfservice as store
from kiosk.store.rules import to_rule

NOTICE_LIMIT = 100   # rows on the public notice board


@dataclass(frozen=True)
class ClaimItem:
    day: str
    resident: str
    rule: str          # the act in words: '志愿服务（按小时） 4 小时'
    points: Points
    status: str        # 'pending', 'notice', or a notice state: 'waiting', 'held', 'revoked' …


@dataclass(frozen=True)
class GoodsItem:
    code: str
    name: str
    category: str
    unit: str
    price: Points
    stock: int

    @classmethod
    def of(cls, row) -> GoodsItem:
        return cls(row["code"], row["name"], row["category"], row["unit"], Points(row["price"]),
                   row["stock"])


@dataclass(frozen=True)
class RankRow:
    place: int
    household: str     # house number
    shown_name: str
    earned: Points
    is_you: bool


@dataclass(frozen=True)
class RuleItem:
    category: str
    name: str
    words: str


def name_style(ctx: Context) -> str:
    return settings.value(ctx, SELF_NAMES)


def notice_since(ctx: Context) -> str:
    """The first moment an award can have been posted and still be on public notice."""
    return stamp(ctx.clock.now() - timedelta(days=max(0, settings.value(ctx, NOTICE_DAYS))))


def claim_item(row, status: str, resident: str) -> ClaimItem:
    return ClaimItem(row["activity_date"], resident, act_words(row["rule_name"], row["shape"], row["qty"]),
                     Points(row["hundredths"]), status)


def ranking(ctx: Context, period: str = "month", limit: int = 10,
            you: str | None = None) -> list[RankRow]:
    """The top households by earned score; others' names per the village's privacy setting."""
    style = name_style(ctx)
    return [RankRow(n, s.house_no, s.head if s.household_id == you else
                    shown_name(style, s.head, s.house_no), Points(s.earned), s.household_id == you)
            for n, s in enumerate(scores(ctx, period)[:max(0, limit)], start=1)]


def notices(ctx: Context) -> list[ClaimItem]:
    """Awards and deductions still on public notice (公示), newest first, names per setting.

    The same list as the counter's and the printed notice (kiosk.services.points.notice); an item
    plainly on notice has status 'notice', others their notice state ('held', 'waiting' …)."""
    style = name_style(ctx)
    return [ClaimItem(i.day, shown_name(style, i.resident, i.house_no), i.what, i.points,
                      "notice" if i.state == "on_notice" else i.state)
            for i in notice.items(ctx, NOTICE_LIMIT)]


def new_goods(ctx: Context, days: int = 30, limit: int = 12) -> list[GoodsItem]:
    """Active goods added in the last `days` days, newest first."""
    since = stamp(ctx.clock.now() - timedelta(days=max(0, days)))
    return [GoodsItem.of(row) for row in store.goods_added_since(ctx.db, since, max(0, limit))]


def rules_in_words(ctx: Context) -> list[RuleItem]:
    """Active rules in plain words, each category together, in the order first stored."""
    rules = [to_rule(row) for row in store.active_rules(ctx.db)]
    order = {c: n for n, c in reversed(list(enumerate(r.category for r in rules)))}
    return [RuleItem(r.category, r.name, rule_words(r))
            for r in sorted(rules, key=lambda r: order[r.category])]
