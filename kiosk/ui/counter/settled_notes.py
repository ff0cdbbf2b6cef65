"""What a background sync settled of the 外村兑换 that waited: one row each, above the cart.

The volunteer told a visitor "we'll know later"; a row stays until someone taps 知道了, whatever
the counter does meanwhile (sales, lock, log in), and whatever happens to the window: the notes
are kept in the books, and shown as the books have them (`show`). 知道了 asks for the note to be
acknowledged there (`acknowledge_wanted`); its row goes once that is written (`remove`). A recorded
sale's row prints its slip. One row shows at a time, its 知道了 saying how many more follow: the
cart and 确认兑换 keep their room on a 1366×768 screen. The words come from kiosk.services.sync.cross_notes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import _
from kiosk.services.sync import cross_notes
from kiosk.ui.theme import polish
from kiosk.ui.widgets.feedback_bar import COLOURS

KINDS = {cross_notes.SOLD: "ok", cross_notes.REFUSED: "warn", cross_notes.HELD: "bad", cross_notes.TAKEN: "bad"}


class SettledNoteRow(QWidget):
    print_wanted = Signal(object, bool)    # (cross_pending.CrossSale, a copy: printed here before)

    def __init__(self, note: cross_notes.Note, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note, self.printed = note, False
        self.setObjectName("settled_note")
        self.text = QLabel(note.text)
        self.text.setObjectName("settled_text")
        self.text.setWordWrap(True)
        self.text.setStyleSheet(f"background: {COLOURS[KINDS[note.outcome]]}; color: white; font-size: 19px;"
                                " padding: 4px 12px; border-radius: 8px;")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        if note.sale is not None:
            self.print_button = polish(QPushButton(_("打印小票")), "quiet")
            self.print_button.setObjectName("settled_print")
            self.print_button.clicked.connect(self._print)
            row.addWidget(self.print_button)
        self.done = polish(QPushButton(_("知道了")), "quiet")
        self.done.setObjectName("settled_done")
        row.addWidget(self.done)

    def _print(self) -> None:
        self.print_wanted.emit(self.note.sale, self.printed)
        self.printed = True
        self.print_button.setText(_("再打印一张"))


class SettledNotes(QWidget):
    print_wanted = Signal(object, bool)
    acknowledge_wanted = Signal(str)       # the note's key: someone tapped its 知道了

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settled_notes")
        self.rows: list[SettledNoteRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.setVisible(False)

    def show_kept(self, notes: tuple[cross_notes.Note, ...]) -> None:
        """The notes the books keep unacknowledged: rows shown already stay as they are (a slip printed
        from one stays printed), new ones go below, gone ones (acknowledged elsewhere) go; a beep when a
        new one says no goods."""
        wanted = {note.key for note in notes}
        for row in [row for row in self.rows if row.note.key not in wanted]:
            self._drop(row)
        shown = {row.note.key for row in self.rows}
        new = [note for note in notes if note.key not in shown]
        for note in new:
            row = SettledNoteRow(note, self)
            row.print_wanted.connect(self.print_wanted)
            row.done.clicked.connect(lambda _checked=False, key=note.key: self.acknowledge_wanted.emit(key))
            self.layout().addWidget(row)
            self.rows.append(row)
        self._show_first()
        if any(note.outcome != cross_notes.SOLD for note in new):
            QApplication.beep()

    def remove(self, key: str) -> None:
        """Acknowledged in the books: its row goes."""
        for row in [row for row in self.rows if row.note.key == key]:
            self._drop(row)
        self._show_first()

    def texts(self) -> list[str]:
        return [row.note.text for row in self.rows]

    def _drop(self, row: SettledNoteRow) -> None:
        self.rows.remove(row)
        self.layout().removeWidget(row)
        row.deleteLater()

    def _show_first(self) -> None:
        for n, row in enumerate(self.rows):
            row.setVisible(n == 0)
        if self.rows:
            more = len(self.rows) - 1
            self.rows[0].done.setText(_("知道了（还有 {more} 条）").format(more=more) if more else _("知道了"))
        self.setVisible(bool(self.rows))
