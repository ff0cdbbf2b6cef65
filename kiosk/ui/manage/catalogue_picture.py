"""The product's picture in the form, with a button to choose another; file choosers tests replace."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _, _p
from kiosk.ui.theme import polish
from kiosk.ui.widgets import file_dialogs

SIDE = 168
PICTURES = (file_dialogs.PICTURES, file_dialogs.ANY_FILE)
TABLES = (file_dialogs.TABLES, file_dialogs.ANY_FILE)


class Files:
    """The file choosers, behind plain functions so a test can answer them."""

    @staticmethod
    def open_picture(parent: QWidget) -> str:
        return file_dialogs.open_file(parent, _("选一张商品照片"), file_dialogs.filters(*PICTURES))

    @staticmethod
    def open_table(parent: QWidget) -> str:
        return file_dialogs.open_file(parent, _("选要导入的商品表"), file_dialogs.filters(*TABLES))

    @staticmethod
    def save_table(parent: QWidget) -> str:
        return file_dialogs.save_file(parent, _("导出商品表"), _("商品.xlsx"), file_dialogs.filters(*TABLES))


class PictureBox(QWidget):
    wanted = Signal(str)   # the path of an image file the manager chose
    SIDE = SIDE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image = QLabel()
        self.image.setObjectName("catalogue_picture")
        self.image.setFixedSize(SIDE, SIDE)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setWordWrap(True)
        self.image.setStyleSheet("background: white; border: 1px solid #d6cfbf; border-radius: 8px;"
                                 " color: #8a857a; font-size: 16px;")
        self.choose = polish(QPushButton(_("换图片…")), "quiet")
        self.choose.setObjectName("catalogue_choose_picture")
        self.choose.setFixedWidth(SIDE)
        self.choose.clicked.connect(self._ask)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image)
        layout.addWidget(self.choose)
        self.show_picture(None)

    def show_picture(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.image.setPixmap(pixmap.scaled(SIDE - 8, SIDE - 8, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        else:
            self.image.setPixmap(QPixmap())
            self.image.setText(_p("catalogue_picture", "没有图片"))

    def has_picture(self) -> bool:
        return not self.image.pixmap().isNull()

    def _ask(self) -> None:
        path = Files.open_picture(self)
        if path:
            self.wanted.emit(path)
