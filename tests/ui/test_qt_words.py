"""Qt's own words (file dialogs, a text field's right-click menu, message-box buttons) in the
program's language: Chinese from PySide6's shipped catalogue, English when English is chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QMessageBox, QPushButton

from kiosk.ui import qt_words
from kiosk.ui.qt_words import use_qt_words
from kiosk.ui.widgets import file_dialogs


@pytest.fixture
def speaking(qapp, monkeypatch):
    """use(lang): the program and Qt in `lang`; Qt back to its plain English afterwards."""
    def use(lang: str) -> None:
        monkeypatch.setenv("KIOSK_LANG", lang)
        use_qt_words(lang, qapp)
    yield use
    use_qt_words("en", qapp)


def _menu_words(qtbot) -> list[str]:
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    words = [action.text().split("\t")[0] for action in menu.actions() if action.text()]
    menu.deleteLater()
    return words


def _dialog_words(qtbot, dialog) -> tuple[list[str], list[str], list[str]]:
    qtbot.addWidget(dialog)
    buttons = [b.text() for b in dialog.findChildren(QPushButton)]
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    return buttons, labels, dialog.nameFilters()


def test_the_chinese_catalogue_ships_in_the_wheel():
    folders = [Path(folder) for folder in qt_words.translation_dirs()]
    assert any((folder / "qtbase_zh_CN.qm").is_file() for folder in folders)


def test_a_text_fields_menu_is_chinese_in_chinese(qtbot, speaking):
    speaking("zh")
    words = _menu_words(qtbot)
    assert {"复制(&C)", "粘贴(&P)", "剪切(&T)", "全选"} <= set(words)
    assert any(word.startswith("撤") for word in words)      # Qt writes 撤消
    assert not any("Copy" in word or "Paste" in word for word in words)


def test_a_text_fields_menu_is_english_in_english(qtbot, speaking):
    speaking("zh")
    speaking("en")   # a Chinese catalogue installed before is taken away
    assert {"&Undo", "&Copy", "&Paste", "Select All"} <= set(_menu_words(qtbot))


def test_an_open_dialog_speaks_chinese_with_a_chinese_filter(qtbot, speaking):
    speaking("zh")
    dialog = file_dialogs.file_dialog(None, "选择村民名单", file_dialogs.filters(file_dialogs.TABLES))
    buttons, labels, wanted = _dialog_words(qtbot, dialog)
    assert set(buttons) == {"打开(&O)", "取消"}
    assert {"查找范围(&L)：", "文件名称(&N)：", "文件类型(&T)："} <= set(labels)
    assert wanted == ["表格 (*.xlsx *.csv)"]


def test_an_open_dialog_speaks_english_in_english(qtbot, speaking):
    speaking("en")
    dialog = file_dialogs.file_dialog(None, "Residents list", file_dialogs.filters(file_dialogs.TABLES))
    buttons, labels, wanted = _dialog_words(qtbot, dialog)
    assert set(buttons) == {"&Open", "Cancel"}
    assert {"&Look in:", "File &name:", "Files of &type:"} <= set(labels)
    assert wanted == ["Tables (*.xlsx *.csv)"]


def test_a_save_dialog_offers_the_suggested_name(qtbot, speaking, tmp_path):
    speaking("zh")
    dialog = file_dialogs.file_dialog(None, "导出", file_dialogs.filters(file_dialogs.EXCEL, file_dialogs.CSV),
                                      str(tmp_path / "村民名单.xlsx"), save=True)
    buttons, _labels, wanted = _dialog_words(qtbot, dialog)
    assert set(buttons) == {"保存(&S)", "取消"}
    assert wanted == ["Excel 表格 (*.xlsx)", "CSV 表格 (*.csv)"]
    assert dialog.selectedFiles() == [str(tmp_path / "村民名单.xlsx")]


@pytest.mark.parametrize("lang, words", [("zh", {"是(&Y)", "否(&N)", "取消"}),
                                         ("en", {"&Yes", "&No", "Cancel"})])
def test_message_box_buttons(qtbot, speaking, lang, words):
    speaking(lang)
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                           | QMessageBox.StandardButton.Cancel)
    assert {button.text() for button in box.buttons()} == words


@pytest.mark.parametrize("opens", ["counter_window", "selfservice_window"])
def test_the_windows_install_the_programs_language(qtbot, speaking, monkeypatch, shop, db_path, opens):
    from kiosk.ui import app
    from kiosk.ui.tasks import ImmediateRunner

    speaking("en")
    monkeypatch.setenv("KIOSK_LANG", "zh")
    window = getattr(app, opens)(db_path, runner=ImmediateRunner())
    try:
        assert "复制(&C)" in _menu_words(qtbot)
    finally:
        app._close(app.application(), window)


@pytest.mark.parametrize("lang, copy", [("zh", "复制(&C)"), ("en", "&Copy")])
def test_the_wizard_speaks_the_programs_language(qtbot, qapp, speaking, monkeypatch, tmp_path, lang, copy):
    from kiosk.ui.wizard import run_setup
    from kiosk.ui.wizard.dialog import SetupDialog

    speaking("en" if lang == "zh" else "zh")          # the other language installed before
    monkeypatch.setenv("KIOSK_LANG", lang)
    seen = []
    monkeypatch.setattr(SetupDialog, "exec", lambda self: seen.append(_menu_words(qtbot)) or 0)
    assert run_setup(qapp, tmp_path / "new.sqlite") is False
    assert copy in seen[0]


def _the_dialog_asked(monkeypatch, ask) -> QFileDialog | None:
    """The file dialog that `ask()` opens (answered with 取消), or None if it opened none of ours."""
    seen: list[QFileDialog] = []

    def answer(dialog) -> int:
        seen.append(dialog)
        dialog.hide()
        return 0

    monkeypatch.setattr(QFileDialog, "exec", answer)
    for static in ("getOpenFileName", "getSaveFileName"):    # the desktop's dialog: answered, not seen
        monkeypatch.setattr(QFileDialog, static, staticmethod(lambda *args, **kwargs: ("", "")))
    assert ask() == ""
    return seen[0] if seen else None


@pytest.mark.parametrize("which", ["claim photo", "audit export"])
def test_the_photo_and_export_choosers_are_qt_dialogs_in_chinese_and_roomy(qtbot, speaking, monkeypatch,
                                                                          tmp_path, which):
    from kiosk.ui.counter.claim_dialog import ClaimDialog
    from kiosk.ui.manage.audit_section import AuditSection

    speaking("zh")
    ask = {"claim photo": lambda: ClaimDialog.ask_photo(None),
           "audit export": lambda: AuditSection.ask_path(None, tmp_path / "操作记录.xlsx")}[which]
    dialog = _the_dialog_asked(monkeypatch, ask)
    assert dialog is not None, "a desktop's own dialog speaks the desktop's language, not the program's"
    buttons, labels, _wanted = _dialog_words(qtbot, dialog)
    assert "取消" in buttons and "查找范围(&L)：" in labels
    assert dialog.width() >= 900                      # folder names and the path read whole
