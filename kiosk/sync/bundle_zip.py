"""The zip of a USB bundle, opened as a stranger's file: limits checked before and while inflating.

Before zipfile reads the directory: the file's size, and the end-of-directory record's
member count and directory size (a zip of a million empty members is refused without
reading them). Then the members: exactly manifest.json, records.jsonl and signature (a reply
may add certificates.json, the township's signed snapshots, when the push asked for it), no
duplicates, no path names (../, /, \\), no encryption, stored or deflated, each declared no
bigger than its limit. While inflating: a member is read in chunks and never past its
declared size or its limit (zipfile stops at the declared size and checks the CRC, so a
header that lies about a bomb ends in a CRC error, not in a gigabyte of memory).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MANIFEST, RECORDS, SIGNATURE = "manifest.json", "records.jsonl", "signature"
CERTIFICATES = "certificates.json"   # optional, in a reply: 积分证明 snapshots
MAX_ZIP_MB = 64                 # the file on the stick (a year of a village is about 2 MB)
MAX_RECORDS_MB = 200            # records.jsonl inflated (a year of a village is about 15 MB)
# the manifest says, per account a bundle's spending touches, the credits the books know (kiosk/sync/credits.py):
# about 60 bytes an account, so a thousand-household village's year fits many times over
MAX_MANIFEST_KB, MAX_SIGNATURE_B, MAX_LINE_KB, MAX_CERTIFICATES_MB = 1024, 256, 1024, 16
MAX_DIRECTORY_KB, CHUNK = 4, 64 * 1024
_END = struct.Struct("<4s4H2LH")         # end of central directory, without its comment
_END_MAGIC, _ZIP64_LOCATOR_MAGIC = b"PK\x05\x06", b"PK\x06\x07"


class BundleError(ValueError):
    """A bundle that cannot be trusted: `reason` is one of unreadable, incomplete, too_big,
    bad_layout, bad_manifest, size_mismatch, bad_signature, bad_records, count_mismatch,
    not_township (a reply without the township's own signature, kiosk/sync/bundle.py read_reply)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


def limit(name: str) -> int:
    """How many bytes a member may inflate to (read at call time: tests lower them)."""
    return {MANIFEST: MAX_MANIFEST_KB * 1024, SIGNATURE: MAX_SIGNATURE_B,
            RECORDS: MAX_RECORDS_MB * 1024 * 1024, CERTIFICATES: MAX_CERTIFICATES_MB * 1024 * 1024}[name]


@contextmanager
def guarded() -> Iterator[None]:
    """What zipfile and the file system raise, as BundleError("unreadable")."""
    try:
        yield
    except BundleError:
        raise
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError, UnicodeDecodeError,
            NotImplementedError, RuntimeError, struct.error, ValueError) as exc:
        raise BundleError("unreadable", str(exc)[:200]) from None


@contextmanager
def opened(path: Path) -> Iterator[zipfile.ZipFile]:
    size = path.stat().st_size
    if size > MAX_ZIP_MB * 1024 * 1024:
        raise BundleError("too_big", f"the file is over {MAX_ZIP_MB} MB")
    with open(path, "rb") as fh:
        _check_directory(fh, size)
        with zipfile.ZipFile(fh) as zf:
            _check_members(zf.infolist())
            yield zf


def _check_directory(fh, size: int) -> None:
    tail_size = min(size, _END.size + 0xFFFF)
    fh.seek(size - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(_END_MAGIC)
    if at < 0 or len(tail) - at < _END.size:
        raise BundleError("unreadable", "not a zip file")
    _, _, _, here, entries, directory_size, _, _ = _END.unpack_from(tail, at)
    if max(here, entries) > 4 or tail[max(0, at - 20):at].startswith(_ZIP64_LOCATOR_MAGIC):
        raise BundleError("bad_layout", f"{max(here, entries)} members, a bundle has 3 (a reply with certificates 4)")
    if directory_size > MAX_DIRECTORY_KB * 1024:
        raise BundleError("bad_layout", f"a directory of {directory_size} bytes")


def _check_members(infos: list[zipfile.ZipInfo]) -> None:
    names = [info.orig_filename for info in infos]
    if len(names) > 4:
        raise BundleError("bad_layout", f"{len(names)} members, a bundle has 3 (a reply with certificates 4)")
    for name in names:
        if not name or "/" in name or "\\" in name or ".." in name or ":" in name or "\0" in name:
            raise BundleError("bad_layout", f"a path name {name!r}")
    if len(set(names)) != len(names):
        raise BundleError("bad_layout", "the same member twice")
    unexpected = set(names) - {MANIFEST, RECORDS, SIGNATURE, CERTIFICATES}
    if unexpected:
        raise BundleError("bad_layout", f"an unexpected member {min(unexpected)!r}")
    missing = {MANIFEST, RECORDS, SIGNATURE} - set(names)
    if missing:
        raise BundleError("incomplete", f"missing {', '.join(sorted(missing))}")
    for info in infos:
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError("bad_layout", f"{info.filename} is encrypted or packed in an unknown way")
        if info.file_size > limit(info.filename):
            raise BundleError("too_big", f"{info.filename} inflates to {info.file_size // 1024 // 1024} MB")


def chunks(zf: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """The member in chunks, never past its declared size or its limit; its CRC is checked
    by zipfile at the end, and a member shorter than declared is refused."""
    info, cap, read = zf.getinfo(name), limit(name), 0
    with zf.open(info) as member:
        while chunk := member.read(CHUNK):
            read += len(chunk)
            if read > min(info.file_size, cap):
                raise BundleError("too_big", f"{name} inflates past {cap // 1024} KB")
            yield chunk
    if read != info.file_size:
        raise BundleError("size_mismatch", f"{name} has {read} bytes, its header says {info.file_size}")


def small(zf: zipfile.ZipFile, name: str) -> bytes:
    return b"".join(chunks(zf, name))
