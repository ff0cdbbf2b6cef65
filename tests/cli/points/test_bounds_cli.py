"""Bounds from the command line (issue 16): --qty 744 mu, --date 1999-01-01, adjust three times."""

from __future__ import annotations

from tests.cli.points.test_points_admin_cli import books, people, refused  # noqa: F401  (fixtures)


def test_the_issues_cases_are_refused_naming_the_limit(kiosk, people, books):
    # the standard catalogue's 林下种植（每亩）: 5 points a mu
    assert "一次最多记 50" in refused(kiosk, books, "award", "王小明", "lxzz", "--qty", "744", *people)
    assert kiosk("rule", "edit", "lxzz", "--max-qty", "10", *people).code == 0
    listed = {r["code"]: r for r in kiosk("--json", "rule", "list").json()["rules"]}
    assert listed["lxzz"]["max_qty"] == "10" and listed["hjqs"]["max_qty"] == "5"
    assert "一次最多记 10" in refused(kiosk, books, "award", "王小明", "lxzz", "--qty", "12", *people)
    assert "太早" in refused(kiosk, books, "award", "王小明", "hjqs", "--date", "1999-01-01", *people)
    assert kiosk("adjust", "王小明", "+100", "--reason", "工作补贴", *people).code == 0
    err = refused(kiosk, books, "adjust", "王小明", "+100", "--reason", "工作补贴", *people)
    assert "每月 100 分的限额" in err
    books.balanced()
