"""Screenshots of the people sections: `python -m tests.ui.screens_people OUT [WxH]`.

A small demo village, the real counter window offscreen, the manager logged in;
then 村民和户 (a resident chosen, the split form, the import preview with an error),
操作员 and 等次和过期, each as the whole window shows it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.ui.shooting import Camera, demo_village, log_in


def main(out: str, size: str = "1366x768") -> None:
    from openpyxl import Workbook

    from kiosk.ui.app import _close, application, counter_window
    from kiosk.ui.tasks import ImmediateRunner

    app = application()
    window = counter_window(demo_village(), runner=ImmediateRunner())
    camera = Camera(app, window, out, size)
    log_in(window, "刘建军", "2580")
    section = window.open_manage("residents")
    section.search.setText("1组")
    section.choose(section.found[0])
    camera.shot("r1-residents")
    section.act("split")
    camera.shot("r2-split")
    section.close_form()
    section.act("leave")
    camera.shot("r3-leave")
    section.close_form()
    sheet = Path(out) / "名册.xlsx"
    book = Workbook()
    book.active.append(["户主", "名字", "家庭住址", "与户主关系", "身份证后四位", "电话"])
    for row in (["赵德明", "赵德明", "9组5号", "户主", "1234", "13812345678"],
                ["赵德明", "钱玉兰", "9组5号", "配偶", "56789", ""], ["孙大勇", "孙大勇", "9组6号", "", "", ""]):
        book.active.append(row)
    book.save(sheet)
    section.open_import()
    section.importer.open_file(str(sheet), {"家庭住址": "门牌号"})
    camera.shot("r4-import")
    window.open_manage("operators")
    camera.shot("o1-operators")
    window.open_manage("grades")
    camera.shot("g1-grades")
    _close(app, window)


if __name__ == "__main__":
    main(*sys.argv[1:])
