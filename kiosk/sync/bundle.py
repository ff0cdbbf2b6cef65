"""USB bundles: a sync round carried on a stick when the village has no network.

A bundle is a zip of three members: `manifest.json` (canonical JSON), `records.jsonl`
(one canonical record per line, in seq or commit order) and `signature`, the hex
HMAC-SHA256, keyed by the terminal's secret, over the manifest bytes, a newline and the
records bytes. A terminal's bundle has the manifest
{kind: "push", terminal_id, village_id, first_seq, last_seq, created, count, cursor};
the township's reply {kind: "reply", terminal_id, village_id, high_water, cursor, count,
created}. Both are written to a temp file, fsynced, renamed, then read back and checked.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import zipfile
from pathlib import Path

from kiosk.sync.wire import Record, canonical

MANIFEST, RECORDS, SIGNATURE = "manifest.json", "records.jsonl", "signature"


class BundleError(ValueError):
    """A bundle that cannot be trusted: `reason` is one of unreadable, incomplete,
    bad_manifest, bad_signature, bad_records, count_mismatch."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail


def _sign(secret: str, manifest: bytes, records: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), manifest + b"\n" + records, hashlib.sha256).hexdigest()


def _records_bytes(records) -> bytes:
    lines = [canonical(r.as_json() if isinstance(r, Record) else r) for r in records]
    return b"".join(line + b"\n" for line in lines)


def _members(path: Path) -> tuple[bytes, bytes, str]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            missing = {MANIFEST, RECORDS, SIGNATURE} - names
            if missing:
                raise BundleError("incomplete", f"missing {', '.join(sorted(missing))}")
            return zf.read(MANIFEST), zf.read(RECORDS), zf.read(SIGNATURE).decode("ascii").strip()
    except BundleError:
        raise
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError,
            UnicodeDecodeError, ValueError) as exc:  # a truncated zip fails its CRC or directory
        raise BundleError("unreadable", str(exc)) from None


def _manifest(raw: bytes) -> dict:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BundleError("bad_manifest", str(exc)) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("terminal_id"), str):
        raise BundleError("bad_manifest", "no terminal_id")
    return manifest


def read_manifest(path: str | os.PathLike) -> dict:
    """The manifest, NOT yet verified: only to learn whose secret checks the signature."""
    return _manifest(_members(Path(path))[0])


def read_bundle(path: str | os.PathLike, secret: str) -> tuple[dict, list[Record]]:
    """The verified manifest and records; raises BundleError when anything is off."""
    manifest_raw, records_raw, given = _members(Path(path))
    if not hmac.compare_digest(_sign(secret, manifest_raw, records_raw), given):
        raise BundleError("bad_signature", "the bundle was changed or is not this terminal's")
    manifest = _manifest(manifest_raw)
    try:
        records = [Record.from_json(json.loads(line)) for line in records_raw.decode("utf-8").splitlines()
                   if line.strip()]
    except (UnicodeDecodeError, ValueError, TypeError, AttributeError) as exc:
        raise BundleError("bad_records", str(exc)) from None
    if manifest.get("count") != len(records):
        raise BundleError("count_mismatch", f"manifest says {manifest.get('count')}, found {len(records)}")
    return manifest, records


def write_bundle(path: str | os.PathLike, manifest: dict, records, secret: str) -> Path:
    """Write atomically (temp file, fsync, rename, fsync the folder), then re-read and verify.

    `records` are Records or their JSON dicts; `count` in the manifest is set here."""
    path = Path(path)
    manifest = {**manifest, "count": len(records)}
    manifest_raw, records_raw = canonical(manifest), _records_bytes(records)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as fh:
            with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                zf.writestr(MANIFEST, manifest_raw)
                zf.writestr(RECORDS, records_raw)
                zf.writestr(SIGNATURE, _sign(secret, manifest_raw, records_raw))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, path)
    finally:
        if temp.exists():
            temp.unlink()
    _fsync_folder(path.parent)
    read_bundle(path, secret)
    return path


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
