"""USB bundles on the township: same path as push, idempotent, refused when not to be trusted."""

from __future__ import annotations

import json
import zipfile

import pytest

from kiosk.sync.bundle import BundleError, read_bundle, write_bundle
from kiosk.township import cli
from tests.township.conftest import records_fingerprint


def _bundle(till, path, records, cursor=0, secret=None):
    manifest = {"kind": "push", "terminal_id": till.id, "village_id": till.village_id,
                "first_seq": records[0].seq, "last_seq": records[-1].seq, "created": "2026-11-22T10:00:00Z",
                "cursor": cursor}
    return write_bundle(path, manifest, records, secret or till.secret)


def _import(db_path, bundle, reply, capsys):
    code = cli.main(["--db", str(db_path), "--json", "import", str(bundle), "--reply", str(reply)])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if code == 0 else captured.err)


def test_bundle_round_trip_and_reply(enrol, admin, db_path, tmp_path, capsys):
    a, b = enrol(name="A"), enrol(name="B")
    b.push(b.entries(2, account="JF000002"))
    bundle = _bundle(a, tmp_path / "a.zip", a.entries(3))
    code, result = _import(db_path, bundle, tmp_path / "reply.zip", capsys)
    assert code == 0 and result["results"] == {"stored": 3} and result["high_water"] == 3
    manifest, records = read_bundle(tmp_path / "reply.zip", a.secret)
    assert manifest["kind"] == "reply" and manifest["high_water"] == 3 and manifest["count"] == 2
    assert [r.terminal_id for r in records] == [b.id, b.id]
    assert b.pull().json()["records"][-1]["seq"] == 3           # A's records reach B by pull
    assert admin.one("SELECT high_water FROM terminal WHERE id = ?", (a.id,))[0] == 3


def test_same_bundle_twice_and_older_after_newer_change_nothing(enrol, admin, db_path, tmp_path, capsys):
    a = enrol()
    first = a.entries(2)
    older = _bundle(a, tmp_path / "old.zip", first)
    newer = _bundle(a, tmp_path / "new.zip", first + a.entries(2))
    assert _import(db_path, newer, tmp_path / "r1.zip", capsys)[0] == 0
    before = records_fingerprint(admin)
    for again in (newer, older):
        code, result = _import(db_path, again, tmp_path / "r2.zip", capsys)
        assert code == 0 and set(result["results"]) == {"duplicate"}
        assert records_fingerprint(admin) == before


def test_tampered_bundle_is_refused(enrol, admin, db_path, tmp_path, capsys):
    a = enrol()
    good = _bundle(a, tmp_path / "a.zip", a.entries(2))
    with zipfile.ZipFile(good) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["records.jsonl"] = parts["records.jsonl"].replace(b'"hundredths":100', b'"hundredths":900')
    with zipfile.ZipFile(tmp_path / "bad.zip", "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    before = records_fingerprint(admin)
    code, err = _import(db_path, tmp_path / "bad.zip", tmp_path / "r.zip", capsys)
    assert code == 1 and "签名不对" in err
    assert records_fingerprint(admin) == before and not (tmp_path / "r.zip").exists()


def test_truncated_bundle_is_refused(enrol, admin, db_path, tmp_path, capsys):
    a = enrol()
    good = _bundle(a, tmp_path / "a.zip", a.entries(50))
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    before = records_fingerprint(admin)
    code, err = _import(db_path, cut, tmp_path / "r.zip", capsys)
    assert code == 1 and "读不出来" in err
    assert records_fingerprint(admin) == before


def test_bundle_signed_by_another_terminal_or_unknown_terminal(enrol, admin, db_path, tmp_path, capsys):
    a, b = enrol(name="A"), enrol(name="B")
    before = records_fingerprint(admin)
    forged = _bundle(a, tmp_path / "f.zip", a.entries(1), secret=b.secret)   # A's manifest, B's key
    code, err = _import(db_path, forged, tmp_path / "r.zip", capsys)
    assert code == 1 and "签名不对" in err
    stolen = _bundle(a, tmp_path / "s.zip", b.entries(1))                   # B's records in A's bundle
    code, err = _import(db_path, stolen, tmp_path / "r.zip", capsys)
    assert code == 1 and "只能上传自己的记录" in err
    a.id = "ghost"
    code, err = _import(db_path, _bundle(a, tmp_path / "g.zip", a.entries(1)), tmp_path / "r.zip", capsys)
    assert code == 1 and "乡镇不认识的收银机" in err and "ghost" not in err      # said in words, no id
    assert records_fingerprint(admin) == before


def test_bundle_with_a_gap_is_refused(enrol, admin, db_path, tmp_path, capsys):
    a = enrol()
    a.seq = 5
    before = records_fingerprint(admin)
    code, err = _import(db_path, _bundle(a, tmp_path / "gap.zip", a.entries(1)), tmp_path / "r.zip", capsys)
    assert code == 1 and "第 1 条" in err
    assert records_fingerprint(admin) == before


def test_read_bundle_checks_count_and_members(tmp_path):
    path = write_bundle(tmp_path / "x.zip", {"terminal_id": "t"}, [], "k")
    with zipfile.ZipFile(tmp_path / "y.zip", "w") as zf:
        zf.writestr("manifest.json", "{}")
    with pytest.raises(BundleError) as missing:
        read_bundle(tmp_path / "y.zip", "k")
    assert missing.value.reason == "incomplete"
    assert read_bundle(path, "k")[0]["count"] == 0
    with pytest.raises(BundleError):
        read_bundle(path, "other key")


def test_a_bomb_or_a_strange_zip_is_refused_in_plain_words(enrol, admin, db_path, tmp_path, capsys):
    from kiosk.sync.wire import canonical
    from tests.sync.zips import member, write_zip, zeros

    a = enrol()
    manifest = member("manifest.json", canonical({"kind": "push", "terminal_id": a.id, "count": 1}))
    bomb = write_zip(tmp_path / "bomb.zip", [manifest, zeros(1024), member("signature", b"0" * 64)])
    odd = write_zip(tmp_path / "odd.zip", [manifest, member("../records.jsonl", b""), member("signature", b"0")])
    before = records_fingerprint(admin)
    for path, words in ((bomb, "太大"), (odd, "里面的东西不对")):
        code, err = _import(db_path, path, tmp_path / "r.zip", capsys)
        assert code == 1 and words in err and "重新导出" in err
    assert records_fingerprint(admin) == before and not (tmp_path / "r.zip").exists()
