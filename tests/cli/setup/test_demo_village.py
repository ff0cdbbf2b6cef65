"""`kiosk demo --no-gui`: a lived-in village that passes its own check."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.cli import main


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert main(["--db", str(path), "demo", "--no-gui"]) == 0
    conn = sqlite3.connect(path)
    yield path, conn
    conn.close()


def _one(conn, sql):
    return conn.execute(sql).fetchone()[0]


def test_demo_has_the_size_of_a_real_village(demo):
    _, conn = demo
    assert _one(conn, "SELECT COUNT(*) FROM household") >= 300
    assert _one(conn, "SELECT COUNT(*) FROM resident") >= 800
    assert _one(conn, "SELECT COUNT(*) FROM product") >= 60
    assert _one(conn, "SELECT COUNT(*) FROM operator") == 4
    assert _one(conn, "SELECT COUNT(DISTINCT category) FROM rule") >= 6


def test_demo_has_twelve_months_of_history(demo):
    _, conn = demo
    months = {row[0] for row in conn.execute("SELECT DISTINCT substr(activity_date, 1, 7) FROM entry")}
    assert len(months) >= 12
    for kind in ("award", "deduct", "redeem"):
        assert _one(conn, f"SELECT COUNT(*) FROM entry WHERE kind = '{kind}'") > 0
    assert _one(conn, "SELECT COUNT(*) FROM claim WHERE status = 'pending'") > 0
    assert _one(conn, "SELECT COUNT(*) FROM claim WHERE status = 'rejected'") > 0
    assert _one(conn, "SELECT COUNT(*) FROM stock_move WHERE kind = 'receive'") > 96


def test_demo_goods_have_valid_barcodes(demo):
    from kiosk.core.barcodes import normalise

    _, conn = demo
    codes = [row[0] for row in conn.execute("SELECT code FROM barcode")]
    assert len(codes) == len(set(codes))
    assert all(normalise(code) == code for code in codes)


def test_demo_passes_its_own_check_and_rebuilds(demo, capsys):
    path, _ = demo
    assert main(["--db", str(path), "check"]) == 0
    assert main(["--db", str(path), "demo", "--no-gui"]) == 0  # a demo is rebuilt, not refused
    out = capsys.readouterr().out
    assert "2580" in out
    assert "刘建军  管理员" in out and "张晓燕  志愿者" in out      # roles in words, not manager / volunteer
    assert "manager" not in out and "volunteer" not in out


def test_demo_never_overwrites_a_real_village(tmp_path):
    path = tmp_path / "real.sqlite"
    assert main(["--db", str(path), "init", "--village", "青石村", "--manager", "刘建军",
                 "--pin", "2580"]) == 0
    assert main(["--db", str(path), "demo", "--no-gui"]) == 1


def test_a_demo_build_cut_short_can_be_built_again(tmp_path, monkeypatch):
    """A build stopped half-way leaves no half village that would pass for a real one."""
    from kiosk.services.setup import demo

    def cut(*_args, **_kwargs):
        raise KeyboardInterrupt   # the volunteer closed the window while it was building

    path = tmp_path / "demo.sqlite"
    with monkeypatch.context() as patched:
        patched.setattr(demo.Year, "run", cut)
        assert main(["--db", str(path), "demo", "--no-gui"]) == 1
    assert main(["--db", str(path), "demo", "--no-gui"]) == 0
