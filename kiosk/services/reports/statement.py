"""A resident's or a household's statement (对账单): every change in a period, with balances.

A resident's statement is the statement of the account their points are in: in a
village of household accounts that is the household's, each line saying which
member it was for.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.core.errors import Refused
from kiosk.core.names import normalise_text
from kiosk.core.points import Points
from kiosk.i18n import _, _p
from kiosk.services.people import residents
from kiosk.services.context import Context
from kiosk.services.reports.common import subtitle
from kiosk.services.reports.figures import POINTS, Column, Fact, Report, Table
from kiosk.services.reports.period import ReportPeriod
from kiosk.services.selfservice.words import entry_words
from kiosk.store import people as people_store
from kiosk.store import reports as store
from kiosk.store import selfservice as selfservice_store


@dataclass(frozen=True)
class Whose:
    title: str             # '王小明（3组12号，卡号 JF000001）'
    accounts: list[str]


def whose(ctx: Context, resident: str | None, household: str | None, anyone: str | None = None) -> Whose:
    """The accounts of a resident, of a household, or of `anyone`: a house number if one
    is registered as such, else a resident (card code, name or initials)."""
    if anyone:
        text = normalise_text(anyone)
        if people_store.household_by_house_no(ctx.db, text):
            household = text
        else:
            resident = text
    if resident:
        person = residents.resolve(ctx, resident)
        return Whose(person.label(), [residents.account_id_for(ctx, person)])
    house_no = normalise_text(household or "")
    if not house_no:
        raise Refused("report_needs_whom")
    row = people_store.household_by_house_no(ctx.db, house_no)
    if row is None:
        raise Refused("household_unknown", house_no=house_no)
    card = selfservice_store.household_card(ctx.db, row["id"])
    head = _("（户主 {head}）").format(head=card['head']) if card and card["head"] else ""
    return Whose(f"{house_no}{head}", selfservice_store.household_accounts(ctx.db, row["id"]))


def _what(row) -> str:
    words = entry_words(row)
    return f"{words}（{_('小票')} {row['receipt']}）" if row["receipt"] else words


def build(ctx: Context, period: ReportPeriod, resident: str | None = None,
          household: str | None = None, whom: str | None = None, **_unused) -> Report:
    owner = whose(ctx, resident, household, whom)
    start, end = period.bounds
    opening = Points(store.accounts_before(ctx.db, owner.accounts, start) if owner.accounts else 0)
    lines = store.statement_lines(ctx.db, owner.accounts, start, end) if owner.accounts else []
    rows, balance = [], opening
    for row in lines:
        change = Points(row["hundredths"])
        balance += change
        rows.append((row["at"][:16], row["activity_date"], row["who"] or "", _what(row),
                     change if row["hundredths"] > 0 else None,
                     -change if row["hundredths"] < 0 else None, balance))
    income = Points(sum(r["hundredths"] for r in lines if r["hundredths"] > 0))
    spent = Points(-sum(r["hundredths"] for r in lines if r["hundredths"] < 0))
    columns = (Column(_("记账时间")), Column(_("活动日期")),
               Column(_("村民")), Column(_("内容")),
               Column(_("收入"), POINTS), Column(_("支出"), POINTS),
               Column(_p("statement", "余额"), POINTS))
    nothing = _("{label}没有积分变动，余额一直是 {opening} 分。").format(label=period.label, opening=opening)
    return Report(
        "statement", _("积分对账单：{title}").format(title=owner.title), period,
        subtitle(ctx, period),
        facts=(Fact(_("期初余额"), opening), Fact(_("收入"), income),
               Fact(_("支出"), spent), Fact(_("期末余额"), balance),
               Fact(_("笔数"), len(rows))),
        tables=(Table("statement", _("积分明细"), columns, tuple(rows),
                      (_("合计"), None, None, None, income, spent, balance), nothing),),
        notes=() if rows else (nothing,), empty=not rows)
