"""Refund slips are found by their number or their scanned T-code at the refund desk."""

from __future__ import annotations

from kiosk.services.shop import receipts, refunds
from tests.services._support import refuse


def test_refund_numbers_count_the_refunds_of_their_sale(shop, scene):
    first = refunds.refund(shop, scene.receipt, "香皂受潮", {1: 1})
    second = refunds.refund(shop, scene.receipt, "整单退")
    assert (first.number, second.number) == (f"退{scene.receipt}-1", f"退{scene.receipt}-2")
    assert refunds.find_refund(shop, second.number) == (second.id, second.number)


def test_scanning_a_refund_slip_at_the_refund_desk_opens_its_sale(shop, scene):
    refunds.refund(shop, scene.receipt, "香皂受潮", {1: 1})
    scanned = "T" + scene.receipt.replace("-", "") + "01"
    number, lines = refunds.open_lines(shop, scanned)
    assert number == scene.receipt
    assert [(line.line_no, line.left) for line in lines] == [(1, 1), (2, 1)]


def test_a_reprint_carries_what_each_line_gave_back(shop, scene):
    refunds.refund(shop, scene.receipt, "香皂受潮", {1: 1})
    copy = receipts.for_sale(shop, scene.receipt, copy=True)
    assert [line.refunded for line in copy.lines] == [1, 0]


def test_refund_slip_by_number_and_by_id_is_the_same_slip(shop, scene):
    done = refunds.refund(shop, scene.receipt, "香皂受潮", {1: 1})
    by_number = receipts.for_number(shop, done.number)
    assert by_number == receipts.for_refund(shop, done.id)
    assert by_number.number == done.number and by_number.sale_number == scene.receipt


def test_a_refund_slip_number_beyond_the_refunds_made_is_refused(shop, scene):
    refunds.refund(shop, scene.receipt, "香皂受潮", {1: 1})
    exc = refuse(shop.db, "refund_slip_unknown", receipts.for_number, shop, f"退{scene.receipt}-2")
    assert "退货单" in exc.message()
