"""A serving process sets what it holds for life aside from the garbage collector (gc.freeze), so a
full collection does not walk the modules, routes and store again in the middle of a crowd: the
app of `serve` and of each of its `--workers` (uvicorn builds a worker's from the environment)."""

from __future__ import annotations

import gc

import pytest

from kiosk.township import app as township_app


@pytest.mark.parametrize("build", ["serve", "worker"])
def test_a_serving_app_is_set_aside_from_the_collector(tmp_path, monkeypatch, build):
    path = tmp_path / "t.sqlite3"
    monkeypatch.setenv("KIOSK_TOWNSHIP_DB", str(path))
    gc.unfreeze()
    served = township_app.serving_app(path) if build == "serve" else township_app.from_environment()
    try:
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()              # the test process's own objects go back to the collector
        served.state.store.close()


def test_serve_builds_the_serving_app(tmp_path, monkeypatch):
    """`kiosk-township serve` (one process) runs the app serving_app built, not a bare one."""
    from kiosk.township import cli
    ran = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: ran.append(app))
    monkeypatch.setattr(township_app, "serving_app", lambda db: ("served", str(db)))
    assert cli.main(["--db", str(tmp_path / "t.sqlite3"), "serve", "--port", "0"]) == 0
    assert ran == [("served", str(tmp_path / "t.sqlite3"))]
