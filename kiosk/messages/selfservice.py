"""Words of the residents' touchscreen and the notice board: its refusals, units and periods."""

from __future__ import annotations

from kiosk.core.rules import Shape
from kiosk.messages.marks import N_

MESSAGES: dict[str, str] = {
    # self-service touchscreen
    "ranking_period_unknown": "排行只能按月（month）或按年（year）：“{value}”不认识。",
}

UNIT_WORDS = {Shape.PER_HOUR: N_("小时"), Shape.PER_M2: N_("平方米"), Shape.PER_MU: N_("亩"),
              Shape.FIXED: N_("次"), Shape.PER_PERIOD: N_("期")}
CAP_WORDS = {"day": N_("每天"), "month": N_("每月"), "year": N_("每年")}
