"""Choosing a file or a folder: Qt's own dialog (not the desktop's), so its buttons and labels
speak the program's language (kiosk.ui.qt_words) on every desktop, and tests can read them.

The filter words live here, each one whole in one language: 表格 (*.xlsx *.csv).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from kiosk.i18n import N_, _

TABLES = N_("表格 (*.xlsx *.csv)")
EXCEL = N_("Excel 表格 (*.xlsx)")
CSV = N_("CSV 表格 (*.csv)")
PDF = N_("PDF 文件 (*.pdf)")
PICTURES = N_("图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp)")
BACKUPS = N_("备份文件 (*.sqlite)")
REPLIES = N_("回执包 (*.zip)")
ANY_FILE = N_("所有文件 (*)")


def filters(*words: str) -> str:
    """The filter line of a dialog, each word in the reader's language."""
    return ";;".join(_(word) for word in words)


def file_dialog(parent: QWidget | None, title: str, wanted: str, directory: str = "",
                save: bool = False) -> QFileDialog:
    """The dialog, not yet shown; `wanted` is a filters() line."""
    dialog = QFileDialog(parent, title, directory, wanted)
    _qt_dialog(dialog)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog


def folder_dialog(parent: QWidget | None, title: str) -> QFileDialog:
    dialog = QFileDialog(parent, title)
    _qt_dialog(dialog)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    return dialog


def _qt_dialog(dialog: QFileDialog) -> None:
    """Qt's own dialog; the two labels Qt's Chinese catalogue lacks are ours."""
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.resize(960, 600)     # Qt's 600 px cut the folder names and the path to "roo" and "…"
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, _("查找范围(&L)："))
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, _("文件类型(&T)："))


def open_file(parent: QWidget | None, title: str, wanted: str, directory: str = "") -> str:
    """The file chosen, or '' when cancelled."""
    return _chosen(file_dialog(parent, title, wanted, directory))


def save_file(parent: QWidget | None, title: str, suggested: str, wanted: str) -> str:
    """Where to save (the suggested name preselected), or '' when cancelled."""
    return _chosen(file_dialog(parent, title, wanted, suggested, save=True))


def choose_folder(parent: QWidget | None, title: str) -> str:
    return _chosen(folder_dialog(parent, title))


def _chosen(dialog: QFileDialog) -> str:
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.selectedFiles()[0] if accepted and dialog.selectedFiles() else ""
    finally:
        dialog.deleteLater()
