"""Sending to the printer: bytes arrive, and every failure is a PrintingError in Chinese."""

from __future__ import annotations

import socket
import time

import pytest

from kiosk.printing import PrintingError, connection
from kiosk.printing.escpos_out import PrinterProfile, print_receipt, send, text_bytes
from tests.printing import receipts


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_file_profile_writes_the_bytes(tmp_path):
    target = tmp_path / "lp0"
    send(b"\x1b@hello\x1dV\x00", PrinterProfile("file", device=str(target)))
    assert target.read_bytes() == b"\x1b@hello\x1dV\x00"


def test_print_receipt_renders_for_the_profile(tmp_path):
    target = tmp_path / "lp0"
    print_receipt(receipts.sale(), PrinterProfile("file", device=str(target), paper=80))
    assert target.read_bytes() == text_bytes(receipts.sale(), 80)


def test_raster_profile_sends_an_image(tmp_path):
    target = tmp_path / "lp0"
    print_receipt(receipts.sale(), PrinterProfile("file", device=str(target), mode="raster"))
    assert b"\x1dv0" in target.read_bytes()


def test_none_profile_prints_nothing(monkeypatch):
    opened = []
    monkeypatch.setattr(connection, "_connect", opened.append)
    send(b"anything", PrinterProfile("none"))
    print_receipt(receipts.sale(), PrinterProfile())
    assert opened == []


def test_closed_network_port_says_what_to_check():
    profile = PrinterProfile("network", host="127.0.0.1", port=_closed_port(), timeout=2)
    started = time.monotonic()
    with pytest.raises(PrintingError) as caught:
        send(b"\x1b@", profile)
    assert time.monotonic() - started < 3
    assert "打印机没有连接或没有开机" in str(caught.value) and "重新打印" in str(caught.value)
    assert "not connected" in caught.value.message("en")
    assert caught.value.detail


def test_missing_usb_printer_is_a_printing_error():
    profile = PrinterProfile("usb", usb_vendor=0xFFFE, usb_product=0xFFFD, timeout=1)
    with pytest.raises(PrintingError) as caught:
        print_receipt(receipts.sale(), profile)
    assert "打印" in str(caught.value)


def test_usb_without_ids_never_picks_any_device():
    with pytest.raises(PrintingError):
        send(b"\x1b@", PrinterProfile("usb"))


def test_unwritable_file_device_is_a_printing_error(tmp_path):
    with pytest.raises(PrintingError) as caught:
        send(b"\x1b@", PrinterProfile("file", device=str(tmp_path / "no" / "such" / "lp0")))
    assert "数据线" in str(caught.value)


@pytest.mark.parametrize("profile", [PrinterProfile("serial"), PrinterProfile("network"),
                                     PrinterProfile("bluetooth")])
def test_incomplete_settings_are_a_printing_error(profile):
    with pytest.raises(PrintingError) as caught:
        send(b"\x1b@", profile)
    assert "设置" in str(caught.value)


def test_profile_from_settings_strings():
    profile = PrinterProfile.from_settings({"kind": "usb", "usb_vendor": "0x0416",
                                            "usb_product": "0x5011", "paper": "80",
                                            "mode": "raster", "timeout": "2", "host": ""})
    assert profile == PrinterProfile("usb", 0x0416, 0x5011, paper=80, mode="raster", timeout=2.0)
