"""A serving process sets what it holds for life aside from the garbage collector (gc.freeze), so a
full collection does not walk the modules, routes and store again in the middle of a crowd."""

from __future__ import annotations

import gc

from kiosk.township import app as township_app


def test_the_serving_app_is_set_aside_from_the_collector(tmp_path):
    gc.unfreeze()
    served = township_app.serving_app(tmp_path / "t.sqlite3")
    try:
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()              # the test process's own objects go back to the collector
        served.state.store.close()
