"""USB bundles from strangers: bombs, oversized members, too many members, odd names — each
refused with its reason, within a fixed memory bound (measured with tracemalloc)."""

from __future__ import annotations

import tracemalloc
import zlib
from pathlib import Path

import pytest

from kiosk.sync import bundle_zip
from kiosk.sync.bundle import _mac, read_bundle, read_manifest, write_bundle
from kiosk.sync.bundle_zip import BundleError
from kiosk.sync.wire import canonical
from tests.sync.zips import MB, Member, member, write_zip, zeros

SECRET = "k" * 64
BOUND = 64 * MB       # what reading any bundle here may cost, whatever it declares


def _manifest(**extra) -> Member:
    return member("manifest.json", canonical({"kind": "push", "terminal_id": "t1", "count": 1, **extra}))


def _signature(manifest: Member, records: list[bytes] | None = None, zero_mb: int = 0) -> Member:
    """The real signature over the manifest and the records (or `zero_mb` MB of zeros)."""
    mac = _mac(SECRET, zlib.decompressobj(-15).decompress(manifest.packed))
    for part in records or [bytes(MB)] * zero_mb:
        mac.update(part)
    return member("signature", mac.hexdigest().encode())


def _refused(path: Path, reason: str, secret: str = SECRET) -> BundleError:
    """Read the bundle as both sides do (manifest first, then whole), within BOUND."""
    tracemalloc.start()
    try:
        with pytest.raises(BundleError) as refused:
            read_manifest(path)
            read_bundle(path, secret)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.reason == reason, refused.value
    assert peak < BOUND, f"peak {peak // MB} MB"
    return refused.value


def test_a_gigabyte_zip_bomb_is_refused_by_its_declared_size(tmp_path):
    bomb = write_zip(tmp_path / "bomb.zip", [_manifest(), zeros(1024), member("signature", b"0" * 64)])
    assert bomb.stat().st_size < 2 * MB
    _refused(bomb, "too_big")


def test_a_bomb_whose_header_lies_stops_at_the_declared_size(tmp_path):
    lying = Member(**{**zeros(1024).__dict__, "declared": 10 * MB})
    bomb = write_zip(tmp_path / "bomb.zip", [_manifest(), lying, member("signature", b"0" * 64)])
    _refused(bomb, "unreadable")           # zipfile stops at 10 MB and the CRC does not match


def test_a_bomb_within_the_limits_is_only_hashed_never_parsed(tmp_path):
    records = zeros(150)                   # 150 MB of zeros: under the 200 MB limit
    bomb = write_zip(tmp_path / "bomb.zip", [_manifest(), records, member("signature", b"0" * 64)])
    _refused(bomb, "bad_signature")


def test_even_a_signed_bomb_is_parsed_a_bounded_line_at_a_time(tmp_path):
    records, manifest = zeros(150), _manifest()
    bomb = write_zip(tmp_path / "bomb.zip", [manifest, records, _signature(manifest, zero_mb=150)])
    _refused(bomb, "too_big")              # one "line" of 150 MB: refused after a megabyte


@pytest.mark.parametrize("name, size", [("manifest.json", bundle_zip.MAX_MANIFEST_KB * 1024 + 1), ("signature", 257),
                                        ("records.jsonl", 2 * MB)])
def test_an_oversized_member_is_refused(tmp_path, monkeypatch, name, size):
    monkeypatch.setattr(bundle_zip, "MAX_RECORDS_MB", 1)
    parts = {"manifest.json": _manifest(), "records.jsonl": member("records.jsonl", b"{}\n"),
             "signature": member("signature", b"0" * 64)}
    parts[name] = member(name, b"x" * size)
    _refused(write_zip(tmp_path / "big.zip", list(parts.values())), "too_big")


def _three() -> list[Member]:
    return [_manifest(), member("records.jsonl", b""), member("signature", b"0" * 64)]


@pytest.mark.parametrize("extra", [1, 5000])
def test_too_many_members_are_refused_before_zipfile_reads_them(tmp_path, extra):
    members = _three() + [member(f"x{i}", b"") for i in range(extra)]
    _refused(write_zip(tmp_path / "many.zip", members), "bad_layout")


@pytest.mark.parametrize("names, detail", [
    (["../manifest.json", "records.jsonl", "signature"], "path name"),
    (["manifest.json", "/records.jsonl", "signature"], "path name"),
    (["manifest.json", "records.jsonl", "sub/signature"], "path name"),
    (["manifest.json", "records.jsonl", "..\\signature"], "path name"),
    (["manifest.json", "records.jsonl", "C:signature"], "path name"),
    (["manifest.json", "manifest.json", "signature"], "twice"),
    (["manifest.json", "records.jsonl", "notes.txt"], "unexpected member"),
])
def test_odd_or_repeated_path_names_are_refused(tmp_path, names, detail):
    members = [Member(**{**m.__dict__, "name": n}) for m, n in zip(_three(), names)]
    assert detail in _refused(write_zip(tmp_path / "odd.zip", members), "bad_layout").detail


def test_the_manifest_size_must_match_the_zip(tmp_path):
    records = member("records.jsonl", b"")
    manifest = _manifest(records_bytes=999, count=0)
    path = write_zip(tmp_path / "m.zip", [manifest, records, _signature(manifest, [b""])])
    _refused(path, "size_mismatch")


def test_a_member_shorter_than_its_header_says_is_refused(tmp_path):
    records = member("records.jsonl", b"")
    manifest = _manifest(count=0)
    short = Member(**{**records.__dict__, "declared": 1000})
    path = write_zip(tmp_path / "short.zip", [manifest, short, _signature(manifest, [b""])])
    _refused(path, "size_mismatch")


def test_a_good_bundle_still_reads_and_declares_its_size(tmp_path):
    path = write_bundle(tmp_path / "ok.zip", {"terminal_id": "t1"}, [], SECRET)
    manifest, records = read_bundle(path, SECRET)
    assert manifest["records_bytes"] == 0 and records == []
