"""The receipt as rows of text: widths, wrapping, labels."""

from __future__ import annotations

import pytest

from kiosk.printing.receipt_layout import layout
from kiosk.printing.text_width import width, wrap
from tests.printing import receipts


def _lines(receipt, columns, lang="zh"):
    return [row.text(columns) for row in layout(receipt, columns, lang)]


def test_chinese_characters_take_two_columns():
    assert width("青石村") == 6
    assert width("5kg") == 3
    assert width("×：") == 4        # two-byte in GB18030, so the printer's Chinese font


def test_wrap_keeps_latin_words_whole_and_splits_chinese_anywhere():
    assert wrap("东北大米 5kg 特级珍珠米", 10) == ["东北大米", "5kg 特级珍", "珠米"]
    assert wrap("abcdefghijkl", 5) == ["abcde", "fghij", "kl"]


@pytest.mark.parametrize("columns", [32, 48])
@pytest.mark.parametrize("receipt", [receipts.sale(copy=True), receipts.refund(),
                                     receipts.long_names()])
def test_no_row_is_wider_than_the_paper(receipt, columns):
    rows = layout(receipt, columns)
    for row in rows:
        limit = columns // 2 if row.kind == "title" else columns
        assert width(row.text(columns)) <= limit, row


def test_sale_shows_who_what_and_the_balances():
    text = "\n".join(_lines(receipts.sale(), 32))
    for expected in ("青石村积分超市", "兑换单", "小票号：261122-01-0007", "操作员：李芳",
                     "王小明", "3组12号", "东北大米 5kg", "香皂", "×2", "55.5 美德积分",
                     "兑换前余额", "320 美德积分", "兑换后余额", "264.5 美德积分",
                     "积分兑换，文明你我"):
        assert expected in text
    assert "重打" not in text


def test_item_amount_is_flush_right_on_its_name_line():
    lines = _lines(receipts.sale(), 32)
    rice = next(line for line in lines if line.startswith("东北大米"))
    assert rice.endswith(" 50") and width(rice) == 32


def test_long_names_wrap_under_themselves():
    lines = _lines(receipts.long_names(), 32)
    first = lines.index(next(line for line in lines if line.startswith("金龙鱼")))
    assert lines[first].endswith("361.5")
    assert "10kg 装" in lines[first + 2]


def test_copy_and_refund_marks():
    assert any("重打 / COPY" in line for line in _lines(receipts.sale(copy=True), 32))
    refund = "\n".join(_lines(receipts.refund(), 32))
    assert "退货单" in refund and "退回" in refund and "退后余额" in refund
    assert "原因：包装破损，村民退回" in refund
    assert "兑换单" not in refund


def test_english_labels_on_request():
    text = "\n".join(_lines(receipts.sale(copy=True), 48, lang="en"))
    for expected in ("Exchange receipt", "Receipt: 261122-01-0007", "Resident: 王小明",
                     "Total", "Balance after", "COPY"):
        assert expected in text
    assert "合计" not in text


def test_barcode_row_carries_the_twelve_digits_and_the_number():
    row = next(r for r in layout(receipts.sale(), 32) if r.kind == "barcode")
    assert (row.left, row.right) == ("261122010007", "261122-01-0007")
