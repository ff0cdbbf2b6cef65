"""Screenshots of the points sections: `python -m tests.ui.screens_points OUT [WxH]`.

A small demo village, the real counter window offscreen, the manager logged in;
then 记分 (an activity being picked), 审核, 公示 (with an objection) and 积分标准.
"""

from __future__ import annotations

import sys

from tests.ui.shooting import Camera, demo_village, log_in

SECTION_ROOM = (1366 - 160, 768 - 80)   # less the section buttons and the top bar


def main(out: str, size: str = "1366x768") -> None:
    from kiosk.ui.app import _close, application, counter_window
    from kiosk.ui.tasks import ImmediateRunner

    app = application()
    window = counter_window(demo_village(), runner=ImmediateRunner())
    camera = Camera(app, window, out, size)
    log_in(window, "刘建军", "2580")
    record = window.open_manage("record")
    record.choose_rule("zyfw")
    record.qty.setText("3")
    record.note.setText("3组村道清扫")
    record.find.setText("3组")
    record.picker.add_all_listed()
    record.find.setText("w")
    shoot(camera, "p1-record", record)
    shoot(camera, "p2-claims", window.open_manage("claims"))
    section = window.open_manage("notice")
    if section.found:
        section.table.selectRow(0)
        section.objector.setText("王五（5组2号）")
        section.why.setText("那天他没有参加")
        section.record_objection()
    shoot(camera, "p3-notice", section)
    rules = window.open_manage("rules")
    rules.pick(0)
    shoot(camera, "p4-rules", rules)
    _close(app, window)


def shoot(camera, name: str, section) -> None:
    """The section alone at the room it has in a 1366x768 window (the left column and top bar off)."""
    print(name, "smallest size:", section.minimumSizeHint().toTuple())
    section.setParent(None)
    section.resize(*SECTION_ROOM)
    section.show()
    camera.settle()
    camera.shot(name, section)


if __name__ == "__main__":
    main(*sys.argv[1:])
