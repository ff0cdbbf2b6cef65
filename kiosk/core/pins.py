"""PINs: four to eight digits, kept only as scrypt hashes."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from kiosk.core.errors import Refused

_PIN = re.compile(r"^\d{4,8}$")
_N, _R, _P = 2**14, 8, 1


def hash_pin(pin: str) -> str:
    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        found = hashlib.scrypt(str(pin).encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r),
                               p=int(p), dklen=len(digest) // 2)
    except ValueError:
        return False
    return hmac.compare_digest(found.hex(), digest)


def check_pin_format(pin: str) -> None:
    if not _PIN.match(str(pin or "")):
        raise Refused("pin_format")
