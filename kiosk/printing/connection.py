"""Where the receipt printer is and how to reach it, and sending bytes to it.

Every failure to reach or write to the printer becomes a PrintingError with a
plain message: the sale is already committed, so printing raises nothing else.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass

from kiosk.i18n import N_
from kiosk.printing.errors import (
    PrintingError,
    bad_settings,
    missing_driver,
    not_connected,
)

KINDS = ("usb", "serial", "network", "file", "none")


@dataclass(frozen=True)
class PrinterProfile:
    kind: str = "none"          # usb | serial | network | file | none
    usb_vendor: int = 0         # e.g. 0x0416
    usb_product: int = 0        # e.g. 0x5011
    device: str = ""            # serial: /dev/ttyUSB0 or COM3; file: /dev/usb/lp0
    baudrate: int = 9600
    host: str = ""
    port: int = 9100
    paper: int = 58             # mm: 58 or 80
    mode: str = "text"          # text: the printer's Chinese font; raster: an image
    rare_chars: bool = False    # text: the font has all of GB18030 (four-byte 𠮷, 䶮), not GBK only
    timeout: float = 5.0        # seconds to connect or write

    @classmethod
    def from_settings(cls, values: Mapping[str, object]) -> PrinterProfile:
        """From settings strings: numbers may be '0x0416', '9100', '58'."""
        fields = {k: _typed(k, v) for k, v in values.items()
                  if k in cls.__dataclass_fields__ and v not in ("", None)}
        return cls(**fields)


_INTS = {"usb_vendor", "usb_product", "baudrate", "port", "paper"}


def _typed(key: str, value: object) -> object:
    if key in _INTS:
        return int(str(value), 0)
    if key == "timeout":
        return float(value)
    if key == "rare_chars":
        return value is True or str(value).strip().lower() in ("1", "true", "yes", "on", "是")
    return str(value)


def _usb(profile: PrinterProfile):
    from escpos.printer import Usb

    if not Usb.is_usable():
        raise missing_driver("USB", "pyusb")
    if not (profile.usb_vendor and profile.usb_product):    # 0 would match any USB device
        raise bad_settings("usb vendor/product id missing")
    return Usb(profile.usb_vendor, profile.usb_product, timeout=int(profile.timeout * 1000))


def _serial(profile: PrinterProfile):
    from escpos.printer import Serial

    if not Serial.is_usable():
        raise missing_driver(N_("串口"), "pyserial")
    return Serial(devfile=profile.device, baudrate=profile.baudrate, timeout=profile.timeout)


def _network(profile: PrinterProfile):
    from escpos.printer import Network

    return Network(profile.host, port=profile.port, timeout=profile.timeout)


def _file(profile: PrinterProfile):
    from escpos.printer import File

    return File(profile.device)


_MAKERS = {"usb": _usb, "serial": _serial, "network": _network, "file": _file}


def _connect(profile: PrinterProfile):
    make = _MAKERS.get(profile.kind)
    if make is None or (profile.kind in ("serial", "file") and not profile.device):
        raise bad_settings(f"printer kind {profile.kind!r}")
    if profile.kind == "network" and not profile.host:
        raise bad_settings("network printer without a host")
    printer = make(profile)
    printer.open()
    return printer


def _close(printer) -> None:
    with suppress(Exception):   # closing a dead connection must not hide the real error
        printer.close()


def send(data: bytes, profile: PrinterProfile) -> None:
    """Write ESC/POS bytes to the printer; kind 'none' prints nothing."""
    if profile.kind == "none":
        return
    cable = N_("网线") if profile.kind == "network" else N_("数据线")
    printer = None
    try:
        printer = _connect(profile)
        printer._raw(data)
    except PrintingError:
        raise
    except Exception as exc:    # OSError, USBError, DeviceNotFoundError, NoBackendError …
        raise not_connected(f"{type(exc).__name__}: {exc}", cable) from exc
    finally:
        if printer is not None:
            _close(printer)
