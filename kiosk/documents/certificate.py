"""What a 积分证明 says: a household's grade and scores from the township's signed snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kiosk.i18n import _


@dataclass(frozen=True)
class Certificate:
    village: str
    currency: str
    house_no: str
    head: str
    grade: str
    year: int
    this_year: str
    last_year: str
    balance: str
    by_category: tuple[tuple[str, str], ...]      # (category, points earned this year)
    holds: tuple[tuple[str, str], ...]            # (since, balance) of each open hold
    snapshot_at: datetime                         # the township's snapshot, local time
    valid_until: datetime
    age_days: int                                 # how many days before printing it was made
    signed: str                                   # the township's signed text
    qr_text: str                                  # what the QR holds: the check link, or the text alone
    printed_by: str
    printed_at: datetime

    def age_words(self) -> str:
        day = _("{month}月{day}日").format(month=self.snapshot_at.month, day=self.snapshot_at.day)
        if self.age_days <= 0:
            return _("数据截至 {day} {time}，今天同步").format(day=day, time=self.snapshot_at.strftime("%H:%M"))
        if self.age_days == 1:
            return _("数据截至 {day}，昨天同步").format(day=day)
        return _("数据截至 {day}，{days}天前同步").format(day=day, days=self.age_days)
