"""Households' earned scores for any month or year, computed as the touchscreen does.

`selfservice_scores.scores` ranks the month or year holding the context's clock; a
report of an earlier period asks it with a clock standing on that period's last day,
so the notice board, the roster and the touchscreen can never disagree.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from kiosk.core.clock import FixedClock
from kiosk.services.context import Context
from kiosk.services.reports.period import ReportPeriod
from kiosk.services.selfservice.scores import Score, scores


def scores_in(ctx: Context, period: ReportPeriod) -> list[Score]:
    """Every active household's score in a month or a year, best first (ties by house number)."""
    last_day = period.end - timedelta(days=1)
    then = Context(ctx.db, ctx.actor, FixedClock(datetime.combine(last_day, time(12))))
    return scores(then, period.kind.value)
