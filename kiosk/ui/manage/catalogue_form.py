"""One product's form: picture, barcode, name, pinyin, category, unit, price, reorder level, other
barcodes, step (计量步长, for weighed goods) and purchase limit (限购 per week or month).

It holds what is typed and shows what the services return; the section saves it. What is
typed and not saved yet stays, marked 还没保存, until it is saved or the manager lets it go;
the stock beside it is read again whenever the list is.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from kiosk.core.weighed import SCALES
from kiosk.i18n import N_, _, _p
from kiosk.services.shop.limits import PERIODS
from kiosk.services.shop.catalogue import ProductDetail, ProductForm
from kiosk.services.shop.catalogue_pictures import Picture
from kiosk.ui.manage.catalogue_picture import PictureBox
from kiosk.ui.theme import WARN, polish
from kiosk.ui.widgets.hint_room import keep_hint_whole

# Offered in the operator's language; the unit is stored as chosen or typed.
UNITS = (N_("件"), N_("袋"), N_("桶"), N_("瓶"), N_("包"), N_("盒"),
         N_("支"), N_("块"), N_("个"), N_("条"), N_("箱"), N_("斤"))
SHOWN_PRICES = 3


class ProductFormWidget(QWidget):
    save_wanted = Signal()
    active_wanted = Signal(bool)     # retire (False) or bring back (True)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail: ProductDetail | None = None
        self.new_code: str | None = None          # a scanned code for a new product
        self.picture: Picture | None = None       # chosen, not saved yet
        self._as_filled: ProductForm | None = None   # the fields as last filled in by the program
        self.title = polish(QLabel(""), "title")
        self.picture_box = PictureBox()
        self.code = polish(QLabel(""), "muted")
        self.code.setObjectName("catalogue_code")
        self.code.setWordWrap(True)
        self.code.setFixedWidth(PictureBox.SIDE)
        self.fields = self._fields()
        self.state = polish(QLabel(""), "muted")
        self.state.setWordWrap(True)
        self.state.setFixedWidth(PictureBox.SIDE)
        self.history = polish(QLabel(""), "muted")
        self.history.setWordWrap(True)
        self.unsaved = QLabel(_("还没保存：点“保存”才算数"))
        self.unsaved.setObjectName("catalogue_unsaved")
        self.unsaved.setStyleSheet(f"color: {WARN}; font-weight: bold;")
        self.save = polish(QPushButton(_("保存")), "primary")
        self.save.setObjectName("catalogue_save")
        self.save.clicked.connect(self.save_wanted)
        self.retire = polish(QPushButton(""), "quiet")
        self.retire.setObjectName("catalogue_retire")
        self.retire.clicked.connect(lambda: self.active_wanted.emit(not self.detail.product.active))
        self._lay_out()
        self._watch_fields()
        self.clear()

    def _fields(self) -> dict[str, QWidget]:
        fields = {k: QLineEdit() for k in ("name", "pinyin", "price", "reorder_level", "extra_barcodes")}
        fields["limit"] = QLineEdit()
        fields["category"], fields["unit"] = QComboBox(), QComboBox()
        fields["step"], fields["per"] = QComboBox(), QComboBox()
        for key in ("category", "unit"):
            fields[key].setEditable(True)
        fields["unit"].addItems(_units())
        fields["step"].addItems(list(SCALES.values()))
        for code, words in PERIODS.items():
            fields["per"].addItem(_(words), code)
        fields["limit"].setPlaceholderText(_("不填则不限购"))
        fields["pinyin"].setPlaceholderText(_("留空则按名称自动生成"))
        fields["price"].setPlaceholderText(_("如 5 或 5.5"))
        fields["extra_barcodes"].setPlaceholderText(_("点这里再扫码可添加"))
        for key, widget in fields.items():
            widget.setObjectName(f"catalogue_{key}")
            if isinstance(widget, QLineEdit):
                keep_hint_whole(widget)
        return fields

    @staticmethod
    def _pair(first: QWidget, words: str, second: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(first, 1)
        row.addWidget(QLabel(words))
        row.addWidget(second, 1)
        return row

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(6)
        for key, words in (("name", N_("名称", "catalogue_form")), ("pinyin", N_("拼音", "catalogue_form")),
                            ("category", N_("分类", "catalogue_form"))):
            form.addRow(_(words), self.fields[key])
        # two short fields to a row, so the form fits under the counter's 1366×768 top bar
        for (key, words), (second, second_words) in (
                (("unit", N_("单位", "catalogue_form")), ("step", N_("计量步长"))),
                (("price", N_("积分")), ("reorder_level", N_("预警数量", "catalogue_form"))),
                (("limit", N_("限购")), ("per", N_("限购周期")))):
            form.addRow(_(words), self._pair(self.fields[key], _(second_words), self.fields[second]))
        form.addRow(_(N_("其他条码", "catalogue_form")), self.fields["extra_barcodes"])
        side = QVBoxLayout()
        side.addWidget(self.picture_box)
        side.addWidget(self.code)
        side.addWidget(self.state)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(side)
        top.addLayout(form, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retire, 1)
        buttons.addWidget(self.save, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.history)
        layout.addStretch(1)
        layout.addWidget(self.unsaved)
        layout.addLayout(buttons)

    def set_choices(self, categories: list[str], units: list[str]) -> None:
        for combo, items in ((self.fields["category"], [""] + categories),
                             (self.fields["unit"], units + [u for u in _units() if u not in units])):
            text = combo.currentText()
            combo.clear()
            combo.addItems(items)
            combo.setCurrentText(text)

    # --- what it shows ---------------------------------------------------------
    def clear(self) -> None:
        self.new_product(None)
        self.title.setText(_("扫商品条码，或在左边选一件"))

    def new_product(self, code: str | None) -> None:
        """An empty form; `code` is the scanned barcode, None for an in-store code."""
        self.detail, self.new_code, self.picture = None, code, None
        self.title.setText(_("新商品"))
        self.code.setText(code or _("（保存时自动生成店内码）"))
        self._fill(ProductForm("", "", "", "件", "", 0, (), "1", "", "month"))
        self.picture_box.show_picture(None)
        self.state.setText(_("填好名称和积分，点“保存”。"))
        self.history.setText("")
        self._set_editable(True)
        self.retire.setVisible(False)
        self._filled()
        self.fields["name"].setFocus()

    def show_detail(self, detail: ProductDetail) -> None:
        p = detail.product
        self.detail, self.new_code, self.picture = detail, None, None
        self.title.setText(_("修改：{name}").format(name=p.name))
        self.code.setText(p.code)
        self._fill(detail.form())
        self.picture_box.show_picture(detail.picture)
        self._show_facts(detail)
        self._set_editable(not p.township)
        self.retire.setVisible(not p.township)
        self._filled()

    def refresh(self, detail: ProductDetail) -> None:
        """The product as the books have it now: its stock, state and prices; what is typed
        and not saved stays as typed."""
        if not self.has_unsaved():
            self.show_detail(detail)
            return
        self.detail = detail
        self._show_facts(detail)

    def _show_facts(self, detail: ProductDetail) -> None:
        self.state.setText(_state_words(detail))
        self.history.setText(_price_words(detail))
        self.retire.setText(_("重新上架") if not detail.product.active else _("下架"))

    def show_chosen_picture(self, picture: Picture) -> None:
        self.picture = picture
        self.picture_box.show_picture(picture.data)
        self._mark()

    def add_extra_code(self, code: str) -> None:
        field = self.fields["extra_barcodes"]
        codes = field.text().split()
        if code not in codes:
            field.setText(" ".join(codes + [code]))

    def _fill(self, form: ProductForm) -> None:
        self.fields["name"].setText(form.name)
        self.fields["pinyin"].setText(form.pinyin)
        self.fields["category"].setCurrentText(form.category)
        self.fields["unit"].setCurrentText(form.unit)
        self.fields["price"].setText(str(form.price))
        self.fields["reorder_level"].setText(str(form.reorder_level))
        self.fields["extra_barcodes"].setText(" ".join(form.extra_barcodes))
        self.fields["step"].setCurrentText(str(form.step))
        self.fields["limit"].setText(str(form.limit))
        self.fields["per"].setCurrentIndex(max(0, self.fields["per"].findData(form.per)))

    def _set_editable(self, editable: bool) -> None:
        for widget in self.fields.values():
            widget.setEnabled(editable)
        self.save.setEnabled(editable)
        self.picture_box.choose.setEnabled(editable)

    # --- what is typed and not saved ----------------------------------------------
    def _watch_fields(self) -> None:
        for widget in self.fields.values():
            changed = widget.currentTextChanged if isinstance(widget, QComboBox) else widget.textChanged
            changed.connect(self._mark)

    def _filled(self) -> None:
        self._as_filled = self.form()
        self._mark()

    def has_unsaved(self) -> bool:
        """Something typed (or a picture chosen) that the books do not have yet."""
        return self.picture is not None or (self._as_filled is not None and self.form() != self._as_filled)

    def _mark(self) -> None:
        self.unsaved.setVisible(self.has_unsaved())

    def edited_name(self) -> str:
        """What the manager calls the product being edited."""
        typed = self.fields["name"].text().strip()
        return typed or (self.detail.product.name if self.detail else _("新商品"))

    # --- what it holds -----------------------------------------------------------
    def form(self) -> ProductForm:
        f = self.fields
        return ProductForm(f["name"].text(), f["price"].text().strip(), f["category"].currentText(),
                           f["unit"].currentText(), f["pinyin"].text(), f["reorder_level"].text(),
                           tuple(f["extra_barcodes"].text().split()), f["step"].currentText(),
                           f["limit"].text().strip(), f["per"].currentData())

    def extra_field_has_focus(self) -> bool:
        return self.fields["extra_barcodes"].hasFocus()


def _state_words(detail: ProductDetail) -> str:
    p = detail.product
    if p.township:
        return _("乡镇统一的商品：名称、价格和图片由乡镇管理，这里只能看。")
    stock = _p("catalogue_form", "库存 {stock}{unit}").format(stock=p.shown_stock, unit=p.unit)
    return (_p("catalogue_form", "在售") if p.active else _("已下架：收银台不显示")) \
        + " · " + stock


def _price_words(detail: ProductDetail) -> str:
    if not detail.prices:
        return ""
    recent = detail.prices[-SHOWN_PRICES:]
    lines = [f"{c.at[:10]}  {c.old} → {c.new}  {c.operator}" for c in reversed(recent)]
    return _("调价记录：") + "；".join(lines)


def _units() -> list[str]:
    return [_(unit) for unit in UNITS]
