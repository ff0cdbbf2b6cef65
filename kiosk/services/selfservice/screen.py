"""The residents' self-service touchscreen (自助查询): everything it shows, nothing it writes.

Every function reads only, so every role may call it, the self-service one included.
The notice board (rankings, public notices, new goods, rules) lives in
selfservice_board and is re-exported here: screens import this module alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kiosk.config import SELF_PIN_REQUIRED
from kiosk.core.codes import normal_code
from kiosk.core.errors import Refused
from kiosk.core.names import normalise_text
from kiosk.core.points import Points
from kiosk.services.people import operators, residents
from kiosk.services.setup import settings
from kiosk.services.context import Context
from kiosk.services.selfservice.board import (  # noqa: F401  (the screens' API)
    ClaimItem, GoodsItem, RankRow, RuleItem, claim_item, new_goods, notice_since, notices,
    ranking, rules_in_words,
)
from kiosk.services.selfservice.scores import place_of, scores
from kiosk.services.selfservice.words import entry_words, house_order
from kiosk.store import people as people_store
from kiosk.store import selfservice as store

HISTORY_ROWS = 20
AFFORDABLE_ROWS = 24


@dataclass(frozen=True)
class HistoryItem:
    day: str           # YYYY-MM-DD, the day of the act (or of the exchange)
    words: str         # '志愿服务（按小时） 4 小时', '兑换 东北大米 5kg 等 2 件', '退货退回'
    points: Points


@dataclass(frozen=True)
class MemberShare:
    name: str
    relation: str
    earned: Points     # this year's awards less deductions by this member


@dataclass(frozen=True)
class Summary:
    """What shows before the PIN: whose household, and its balance."""
    resident: residents.Resident
    household: str     # house number
    head: str          # 户主
    balance: Points
    currency: str


@dataclass(frozen=True)
class Details:
    summary: Summary
    grade: str
    year_score: Points
    next_grade: str | None
    next_grade_at: Points | None
    members: tuple[MemberShare, ...]
    history: tuple[HistoryItem, ...]       # newest first
    claims: tuple[ClaimItem, ...]          # pending, then still on public notice
    affordable: tuple[GoodsItem, ...]      # in stock and within the balance, cheapest first
    rank: int                              # this household's place by this year's score
    households: int                        # of how many


def pin_required(ctx: Context) -> bool:
    return bool(settings.value(ctx, SELF_PIN_REQUIRED))


def summary(ctx: Context, resident: residents.Resident) -> Summary:
    return _summary(ctx, resident)[0]


def _summary(ctx: Context, resident: residents.Resident) -> tuple[Summary, str]:
    account = people_store.account_of(ctx.db, ctx.village.policy.account_mode.value,
                                                resident.id, resident.household_id)
    if account is None:
        raise Refused("resident_unknown", query=resident.name)
    card = store.household_card(ctx.db, resident.household_id)
    return Summary(resident, card["house_no"] if card else resident.house_no,
                   card["head"] if card else "", Points(account["balance"]),
                   ctx.village.currency), account["id"]


def details(ctx: Context, resident: residents.Resident) -> Details:
    """Everything on the resident's own screen, after the PIN when the village asks for one."""
    top, account_id = _summary(ctx, resident)
    accounts = store.household_accounts(ctx.db, resident.household_id)
    today = ctx.clock.now().date()
    earned = store.earned_by_member(ctx.db, accounts, date(today.year, 1, 1).isoformat(),
                                    date(today.year + 1, 1, 1).isoformat())
    score = Points(sum(row["earned"] for row in earned if row["account_id"] == account_id))
    scale = ctx.village.grades
    upcoming = scale.next_above(score)
    ranked = scores(ctx, "year")
    return Details(
        summary=top, grade=scale.grade_for(score).label, year_score=score,
        next_grade=upcoming.label if upcoming else None,
        next_grade_at=upcoming.minimum if upcoming else None,
        members=tuple(_members(ctx, resident.household_id, earned)),
        history=tuple(HistoryItem(row["activity_date"], entry_words(row), Points(row["hundredths"]))
                      for row in store.history(ctx.db, account_id, HISTORY_ROWS)),
        claims=tuple(_claims(ctx, accounts)),
        affordable=tuple(GoodsItem.of(row) for row in store.affordable_goods(
            ctx.db, top.balance.hundredths, AFFORDABLE_ROWS)),
        rank=place_of(ranked, resident.household_id), households=len(ranked),
    )


def _members(ctx: Context, household_id: str, earned_rows) -> list[MemberShare]:
    """Each member's share; a member who left or died shows only if they earned this year.

    Entries by people no longer in the household (or by nobody named) are shown too,
    so the shares always add up to what the household's accounts earned."""
    earned: dict[str | None, int] = {}
    names: dict[str | None, str] = {}
    for row in earned_rows:
        earned[row["resident_id"]] = earned.get(row["resident_id"], 0) + row["earned"]
        names[row["resident_id"]] = row["name"] or "（未记名）"
    shares = [MemberShare(m.name, m.relation, Points(earned.pop(m.id, 0)))
              for m in residents.members(ctx, household_id)
              if m.status == residents.ACTIVE or earned.get(m.id)]
    return shares + [MemberShare(names[key], "", Points(value)) for key, value in earned.items() if value]


def _claims(ctx: Context, accounts: list[str]) -> list[ClaimItem]:
    pending = [claim_item(row, "pending", row["name"]) for row in store.pending_claims(ctx.db, accounts)]
    return pending + [claim_item(row, "notice", row["name"] or "")
                      for row in store.notices_of(ctx.db, accounts, notice_since(ctx))]


def check_pin(ctx: Context, resident: residents.Resident, pin: str) -> bool:
    """Whether `pin` is the resident's own. No PIN set: False. Never writes (no lockout)."""
    stored = store.pin_hash(ctx.db, resident.id)
    try:
        operators.check_pin_format(pin)
    except Refused:
        return False
    return bool(stored) and operators.pin_matches(str(pin), stored)


def find_by_initials(ctx: Context, letters: str, limit: int = 30) -> list[residents.Resident]:
    """Active residents whose pinyin initials start with `letters` (everyone when empty)."""
    prefix = "".join(normalise_text(letters).split()).lower()
    return [residents.Resident.of(row)
            for row in store.residents_by_initials(ctx.db, prefix, max(0, limit))]


def find_by_house(ctx: Context, text: str, limit: int = 30) -> list[residents.Resident]:
    """Active residents whose house number starts with `text` ('3组', '3组1'), head first."""
    rows = store.residents_by_house(ctx.db, normalise_text(text))
    rows.sort(key=lambda r: (house_order(r["house_no"]), r["relation"] != "户主", r["name"]))
    return [residents.Resident.of(row) for row in rows[:max(0, limit)]]


def find_by_card(ctx: Context, code: str) -> residents.Resident | None:
    """The active resident holding this card, whatever the letter case of the scan."""
    code = normal_code(code)
    row = store.resident_by_card(ctx.db, code) if code else None
    return residents.Resident.of(row) if row else None
