"""Hand-made zips for bundle tests: members written raw, so a header may lie, a name may be
odd or repeated, and a gigabyte of zeros costs a megabyte and a second to make."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
MB = 1024 * 1024


@dataclass(frozen=True)
class Member:
    name: str
    packed: bytes             # the deflated (or stored) bytes
    crc: int
    size: int                 # what it really inflates to
    method: int = 8           # 8 deflated, 0 stored
    declared: int | None = None  # the size its headers claim, if it lies


def member(name: str, data: bytes, method: int = 8) -> Member:
    if method == 0:
        return Member(name, data, zlib.crc32(data), len(data), 0)
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))


@cache
def zeros(megabytes: int) -> Member:
    """A member of `megabytes` MB of zeros, deflated to about a thousandth: full-flushed 1 MB
    blocks repeated (each stands alone), then the final block."""
    chunk = bytes(MB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    return Member("records.jsonl", block * megabytes + packer.flush(), crc, megabytes * MB)


def write_zip(path: Path, members: list[Member]) -> Path:
    local, central = bytearray(), bytearray()
    for m in members:
        name, size = m.name.encode("utf-8"), m.size if m.declared is None else m.declared
        offset = len(local)
        local += _LOCAL.pack(b"PK\x03\x04", 20, 0, 0, m.method, 0, 0x21, m.crc, len(m.packed), size, len(name), 0)
        local += name + m.packed
        central += _CENTRAL.pack(b"PK\x01\x02", 20, 3, 20, 0, 0, m.method, 0, 0x21, m.crc, len(m.packed), size,
                                 len(name), 0, 0, 0, 0, 0, offset)
        central += name
    end = _END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path
