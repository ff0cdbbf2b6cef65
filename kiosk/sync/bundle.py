"""USB bundles: a sync round carried on a stick when the village has no network.

A bundle is a zip of three members: `manifest.json` (canonical JSON), `records.jsonl`
(one canonical record per line, in seq or commit order) and `signature`, the hex
HMAC-SHA256, keyed by the terminal's secret, over the manifest bytes, a newline and the
records bytes. A terminal's bundle has the manifest
{kind: "push", terminal_id, village_id, first_seq, last_seq, created, count, records_bytes,
cursor, credits} (records_bytes: the size of records.jsonl, checked against the zip and what inflates;
credits: per account the bundle's spending touches, the credits the books know, kiosk/sync/credits.py);
the township's reply {kind: "reply", terminal_id, village_id, high_water, cursor, count,
created, records_bytes}. A reply may carry `certificates.json` (the township's signed 积分证明
snapshots, when the push manifest sent `certificates`): its sha256 and size are in the manifest, so
the HMAC covers it too. A reply also carries `township_signature` in its manifest: the township's
Ed25519 signature (kiosk/core/township_word.py) over the sha256 of the manifest without it, a
newline and the records, which a counter that knows the township's key requires (read_reply):
the HMAC's secret is in the counter's own file, the township's private key is not.
Both are written to a temp file, fsynced, renamed, then read back and checked.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

from kiosk.core import township_word

from kiosk.sync.bundle_zip import (
    CERTIFICATES,
    MANIFEST,
    MAX_LINE_KB,
    RECORDS,
    SIGNATURE,
    BundleError,
    chunks,
    guarded,
    opened,
    small,
)
from kiosk.sync.wire import Malformed, Record, canonical, strict_loads


def _sign(secret: str, manifest: bytes, records: bytes) -> str:
    mac = _mac(secret, manifest)
    mac.update(records)
    return mac.hexdigest()


def _mac(secret: str, manifest: bytes):
    return hmac.new(secret.encode("utf-8"), manifest + b"\n", hashlib.sha256)


def _manifest(raw: bytes) -> dict:
    try:
        manifest = strict_loads(raw)
    except Malformed as exc:
        raise BundleError("bad_manifest", str(exc)) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("terminal_id"), str):
        raise BundleError("bad_manifest", "no terminal_id")
    return manifest


def _verify(secret: str, manifest_raw: bytes, chunks, given: str) -> None:
    mac = _mac(secret, manifest_raw)
    for chunk in chunks:
        mac.update(chunk)
    _verify_mac(mac, given)


def _verify_mac(mac, given: str) -> None:
    if not hmac.compare_digest(mac.hexdigest(), given):
        raise BundleError("bad_signature", "the bundle was changed or is not this terminal's")


def _hashed(chunks, mac):
    for chunk in chunks:
        mac.update(chunk)
        yield chunk


def _parse(chunks, count: object) -> list[Record]:
    """Records from the lines of the stream; no more lines than the manifest counts."""
    records: list[Record] = []
    expected = count if isinstance(count, int) and not isinstance(count, bool) else -1
    try:
        for line in lines(chunks, MAX_LINE_KB * 1024):
            if line.strip():
                if len(records) >= expected:
                    raise BundleError("count_mismatch", f"manifest says {count}, found more")
                records.append(Record.from_json(strict_loads(line)))
    except ValueError as exc:  # Malformed, or a record of the wrong shape
        if isinstance(exc, BundleError):
            raise
        raise BundleError("bad_records", str(exc)) from None
    return records


def lines(chunks, longest: int):
    """The lines of a stream of chunks (without their newline); refuses a line over `longest`."""
    pending = b""
    for chunk in chunks:
        *whole, pending = (pending + chunk).split(b"\n")
        if len(pending) > longest:
            raise BundleError("too_big", f"a line longer than {longest // 1024} KB")
        yield from whole
    if pending:
        yield pending


def _records_bytes(records) -> bytes:
    lines = [canonical(r.as_json() if isinstance(r, Record) else r) for r in records]
    return b"".join(line + b"\n" for line in lines)


def read_manifest(path: str | os.PathLike) -> dict:
    """The manifest, NOT yet verified: only to learn whose secret checks the signature.
    Reads the manifest member alone (the records are not inflated for this)."""
    with guarded(), opened(Path(path)) as zf:
        return _manifest(small(zf, MANIFEST))


def read_bundle(path: str | os.PathLike, secret: str) -> tuple[dict, list[Record]]:
    """The verified manifest and records; raises BundleError when anything is off.

    The records member is read twice in chunks: first only hashed, so a forged or bombed
    bundle costs no more memory than a chunk, then parsed line by line (hashed again, in
    case the file changed in between). Every member is held to its limit as it inflates."""
    manifest, records, _ = _read(path, secret)
    return manifest, records


TOWNSHIP_SIGNED = "township_signature"


def read_reply(path: str | os.PathLike, secret: str, terminal_id: str,
               trusted: tuple[str, bool] | None) -> tuple[dict, list[Record], bool]:
    """read_bundle for the township's reply to `terminal_id`, judged by the township's signature
    with the key and flag the counter trusts (kiosk/core/township_word.py): BundleError
    "not_township" when refused; the third value says whether it carried a genuine signature."""
    manifest, records, signed_hash = _read(path, secret)
    verdict = township_word.judged(trusted, township_word.REPLY, terminal_id, signed_hash,
                                   manifest.get(TOWNSHIP_SIGNED))
    if verdict == township_word.REFUSED:
        raise BundleError("not_township", "the reply does not carry the township's signature")
    return manifest, records, verdict == township_word.SIGNED


def _read(path: str | os.PathLike, secret: str) -> tuple[dict, list[Record], str]:
    """The verified manifest and records, and the sha256 the township signs (see the module's doc)."""
    with guarded(), opened(Path(path)) as zf:
        manifest_raw, given = small(zf, MANIFEST), small(zf, SIGNATURE).decode("ascii").strip()
        manifest = _manifest(manifest_raw)
        _verify(secret, manifest_raw, chunks(zf, RECORDS), given)
        declared, in_zip = manifest.get("records_bytes"), zf.getinfo(RECORDS).file_size
        if declared is not None and declared != in_zip:
            raise BundleError("size_mismatch", f"manifest says {declared} bytes, the zip {in_zip}")
        mac = _mac(secret, manifest_raw)
        signed = hashlib.sha256(_unsigned(manifest) + b"\n")
        records = _parse(_hashed(_hashed(chunks(zf, RECORDS), mac), signed), manifest.get("count"))
        _verify_mac(mac, given)
    if manifest.get("count") != len(records):
        raise BundleError("count_mismatch", f"manifest says {manifest.get('count')}, found {len(records)}")
    return manifest, records, signed.hexdigest()


def _unsigned(manifest: dict) -> bytes:
    return canonical({key: value for key, value in manifest.items() if key != TOWNSHIP_SIGNED})


def write_bundle(path: str | os.PathLike, manifest: dict, records, secret: str,
                 certificates: bytes | None = None, township: Callable[[str], str] | None = None) -> Path:
    """Write atomically (temp file, fsync, rename, fsync the folder), then re-read and verify.

    `records` are Records or their JSON dicts; `count` in the manifest is set here. `township`
    signs a reply: given the sha256 the township signs, it returns the signature."""
    path = Path(path)
    records_raw = _records_bytes(records)
    manifest = {**manifest, "count": len(records), "records_bytes": len(records_raw)}
    if certificates is not None:
        manifest |= {"certificates_sha256": hashlib.sha256(certificates).hexdigest()}
    if township is not None:
        manifest[TOWNSHIP_SIGNED] = township(hashlib.sha256(_unsigned(manifest) + b"\n" + records_raw).hexdigest())
    manifest_raw = canonical(manifest)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST, manifest_raw)
                zf.writestr(RECORDS, records_raw)
                zf.writestr(SIGNATURE, _sign(secret, manifest_raw, records_raw))
                if certificates is not None:
                    zf.writestr(CERTIFICATES, certificates)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()
    _fsync_folder(path.parent)
    read_bundle(path, secret)
    return path


def read_certificates(path: str | os.PathLike, manifest: dict) -> bytes | None:
    """The reply's certificates member, checked against the sha256 in its verified manifest;
    None when the reply has none."""
    expected = manifest.get("certificates_sha256")
    if not isinstance(expected, str):
        return None
    with guarded(), opened(Path(path)) as zf:
        if CERTIFICATES not in zf.namelist():
            raise BundleError("incomplete", f"missing {CERTIFICATES}")
        raw = small(zf, CERTIFICATES)
    if not hmac.compare_digest(hashlib.sha256(raw).hexdigest(), expected):
        raise BundleError("bad_signature", "the certificates were changed")
    return raw


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
