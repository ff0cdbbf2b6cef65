"""FIFO expiry over random years of earning, spending and expiry runs.

A household earns on random days, spends what the counter allows (or, now and
then, more: an overdraft merged from two counters), and the expiry job runs on
random days, posting what is due as a debit like any other. Whatever happens:
expired + spent never exceeds earned, a run never takes the balance below zero,
what the lots hold is the balance (or nothing when it is negative), and a second
run on the same day finds nothing more.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.core.expiry import Policy, Rule, due, live_lots

START = date(2025, 1, 1)

rules = st.one_of(
    st.builds(Rule, st.just(Policy.MONTHS), months=st.integers(1, 24)),
    st.builds(Rule, st.just(Policy.YEARLY), reset_month=st.integers(1, 12), reset_day=st.integers(1, 31)),
)
steps = st.lists(st.tuples(st.integers(0, 40),                        # days since the last step
                           st.sampled_from(["earn", "spend", "overspend", "run"]),
                           st.integers(1, 20_000)),                  # hundredths
                 max_size=60)


@settings(max_examples=300, deadline=None)
@given(rules, steps)
def test_expired_and_spent_never_exceed_earned(rule, plan):
    day, moves = START, []
    earned = spent = expired = 0
    covered = repaid = 0      # spending the balance paid; later earnings that paid an overdraft back
    for gap, kind, amount in plan:
        day += timedelta(days=gap)
        balance = earned - spent - expired
        if kind == "earn":
            moves.append((day, amount))
            earned += amount
            repaid += min(max(-balance, 0), amount)
        elif kind in ("spend", "overspend"):
            taken = amount if kind == "overspend" else min(amount, max(balance, 0))
            if taken:
                moves.append((day, -taken))
                spent += taken
                covered += min(taken, max(balance, 0))
        else:
            lots = live_lots(moves, rule.expires_on)
            owed = due(lots, day)
            assert owed <= max(balance, 0)
            assert sum(lot.left for lot in lots) == max(balance, 0)
            if owed:
                moves.append((day, -owed))
                expired += owed
            assert due(live_lots(moves, rule.expires_on), day) == 0      # a second run: nothing
        assert expired + covered + repaid <= earned   # an overdraft is paid by later earnings, never expired
    final = live_lots(moves, rule.expires_on)
    assert sum(lot.left for lot in final) == max(earned - spent - expired, 0)
    # every point earned was spent, expired, paid an overdraft back, or is still in a lot
    assert covered + expired + repaid + sum(lot.left for lot in final) == earned


@settings(max_examples=200, deadline=None)
@given(rules, st.lists(st.tuples(st.integers(0, 60), st.integers(1, 5000)), min_size=1, max_size=30),
       st.integers(0, 800))
def test_without_overdrafts_expired_plus_spent_is_at_most_earned(rule, earnings, spend_every):
    day, moves = START, []
    earned = spent = expired = 0
    for gap, amount in earnings:
        day += timedelta(days=gap)
        moves.append((day, amount))
        earned += amount
        taken = min(spend_every, earned - spent - expired)
        if taken > 0:
            moves.append((day, -taken))
            spent += taken
        owed = due(live_lots(moves, rule.expires_on), day + timedelta(days=gap))
        if owed:
            moves.append((day + timedelta(days=gap), -owed))
            expired += owed
        assert spent + expired <= earned
