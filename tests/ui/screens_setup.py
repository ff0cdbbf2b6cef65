"""Screenshots of the first-run wizard and the settings screen: `python -m tests.ui.screens_setup OUT [WxH]`.

Walks the wizard on a fresh folder (a bad answer on each page, then a good one),
finishes it, opens the counter on the new village and shows every settings tab.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from tests.ui.shooting import Camera, log_in


def _wizard(app, out: str, size: str, folder: Path) -> Path:
    from kiosk.services.setup.wizard import SetupWizard
    from kiosk.ui.tasks import ImmediateRunner
    from kiosk.ui.wizard.dialog import SetupDialog

    db_path = folder / "village.sqlite"
    dialog = SetupDialog(SetupWizard(db_path), ImmediateRunner())
    camera = Camera(app, dialog, out, size, "wizard-")
    camera.shot("1-village")
    dialog.next()
    camera.shot("1-village-empty")
    dialog.pages["village"].name.setText("石桥村")
    dialog.next()
    pad = dialog.pages["manager"].pad
    dialog.pages["manager"].name.setText("李春梅")
    for pin in ("1357", "1358"):
        for digit in pin:
            pad.press(digit)
        pad._submit()
    camera.shot("2-manager-pins-differ")
    for pin in ("1357", "1357"):
        for digit in pin:
            pad.press(digit)
        pad._submit()
    printer = dialog.pages["printer"].printer
    printer.kind.setCurrentIndex(printer.kind.findData("network"))
    camera.shot("3-printer-network")
    printer.kind.setCurrentIndex(printer.kind.findData("none"))
    dialog.pages["printer"].test_print()
    camera.shot("3-printer-none-tested")
    dialog.next()
    dialog.pages["township"].url.setText("jifen.zhen.gov.cn")
    dialog.pages["township"].code.setText("AB12-CD34")
    dialog.next()
    camera.shot("4-township-bad-url")
    dialog.pages["township"].url.setText("https://jifen.zhen.gov.cn")
    dialog.next()
    bad = folder / "bad.csv"
    bad.write_text("姓名,门牌号,卡号\n张三,1组1号,JF1\n李四,,\n王五,2组3号,JF1\n", encoding="utf-8")
    dialog.pages["residents"].choose_file(str(bad))
    camera.shot("5-residents-errors")
    good = folder / "good.csv"
    good.write_text("姓名,门牌号\n张三,1组1号\n李四,1组2号\n", encoding="utf-8")
    dialog.pages["residents"].choose_file(str(good))
    camera.shot("5-residents-checked")
    dialog.next()
    camera.shot("6-confirm")
    dialog.next()
    dialog.close()
    return db_path


def _settings(app, out: str, size: str, db_path: Path) -> None:
    from kiosk.ui.app import _close, counter_window
    from kiosk.ui.tasks import ImmediateRunner

    window = counter_window(db_path, runner=ImmediateRunner())
    camera = Camera(app, window, out, size, "settings-")
    camera.shot("0-login")
    log_in(window, "李春梅", "1357")
    section = window.open_settings()
    for index in range(section.tabs.count()):
        section.tabs.setCurrentIndex(index)
        camera.shot(f"{index + 1}-tab")
    section.fields["sync.url"].widget.setText("jifen zhen")
    section.save()
    camera.shot("9-refused")
    window.close()
    _close(app, window)


def main(out: str, size: str = "1366x768") -> None:
    from kiosk.ui.app import application

    app = application()
    db_path = _wizard(app, out, size, Path(tempfile.mkdtemp()))
    _settings(app, out, size, db_path)


if __name__ == "__main__":
    main(*sys.argv[1:])
