"""Notice ends on time (issue 16): credits land when the notice ends while the counter runs."""

from __future__ import annotations

from kiosk.services.points import awards, claims
from kiosk.ui.notice_job import NoticeJob
from tests.services._points_admin import credit_after_notice


def test_the_counter_credits_claims_when_their_notice_ends(qtbot, shop, volunteer, clock):
    from kiosk.ui.app import counter_window
    from kiosk.ui.tasks import ImmediateRunner

    credit_after_notice(shop, days=7)
    claims.approve(shop, awards.award(volunteer, "JF000004", "hjqs").id)
    window = counter_window(shop.db.path, runner=ImmediateRunner(), clock=clock)
    qtbot.addWidget(window)
    job = window.findChild(NoticeJob)
    assert job.credited == 0 and job.timer.isActive()
    clock.advance(days=7, minutes=1)
    job.timer.timeout.emit()                                   # the timer fires: no restart, no screen opened
    assert job.credited == 1
    assert window.session.db.scalar("SELECT COUNT(*) FROM entry WHERE kind = 'award'") == 1
    job.timer.stop()
    window._warm_up.stop()   # the exchange page is not built on a closed database after the test
    window.session.db.close()
