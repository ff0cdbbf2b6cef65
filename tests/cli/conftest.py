"""Running `kiosk` in-process, as a user would type it."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from kiosk.cli import main


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> dict:
        return json.loads(self.out)


@pytest.fixture
def kiosk(capsys, monkeypatch, tmp_path):
    """kiosk(*args) → Result, on a database in tmp_path unless --db is given."""
    monkeypatch.setenv("KIOSK_DB", str(tmp_path / "cli.sqlite"))
    monkeypatch.setenv("KIOSK_BUSY_TIMEOUT_MS", "300")
    monkeypatch.delenv("KIOSK_PIN", raising=False)

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = exit_.code
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


SUPPLIER = "青石镇配送中心"


@pytest.fixture
def village(kiosk):
    """A fresh village from `kiosk init` with one household and two goods in stock."""
    assert kiosk("init", "--village", "青石村", "--manager", "刘建军", "--pin", "2580").code == 0
    m = ("--operator", "刘建军", "--pin", "2580")
    assert kiosk("resident", "add", "王小明", "--house", "3组12号", *m).code == 0
    assert kiosk("product", "add", "东北大米 5kg", "--price", "50", "--barcode", "6901382002504",
                 "--category", "粮油副食", "--unit", "袋", *m).code == 0
    assert kiosk("product", "add", "香皂", "--price", "5.5", *m).code == 0
    assert kiosk("supplier", "add", SUPPLIER, "--kind", "乡镇配送", *m).code == 0
    assert kiosk("stock", "receive", "6901382002504", "10", "--source", SUPPLIER, *m).code == 0
    assert kiosk("stock", "receive", "香皂", "10", "--source", SUPPLIER, *m).code == 0
    return m
