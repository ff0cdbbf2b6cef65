"""`python -m tests.bench.first_sync [--json]`: the first sync of the demo village (a year of
history, ≈19,000 records) with a fresh township: time and peak memory on both sides.

Online: the township is the real server (`kiosk-township serve`, its own process); the
counter runs `sync_once` in another process. By USB: the counter exports one bundle, the
township imports it and writes the reply, the counter imports the reply, each in its own
process. Peak memory is each process's peak resident set (Linux VmHWM / ru_maxrss), the
interpreter and its imports included.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from tests.bench.township_server import serving

TODAY = date(2026, 11, 3)


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _server_peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _child(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "tests.bench.first_sync", *args], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- the steps, each in its own process

def step_build(path: str) -> dict:
    from kiosk.services.setup.demo import build_demo

    summary = build_demo(path, today=TODAY)
    return {"village": summary.village, "currency": summary.currency}


def step_online(path: str, url: str, code: str) -> dict:
    import httpx

    from kiosk.store.migrations import open_database
    from kiosk.sync import client, enrolment

    db = open_database(path)
    records = db.scalar("SELECT COUNT(*) FROM journal")
    with httpx.Client(timeout=120) as http:
        enrolment.enrol(db, http, url, code, datetime.now())
        started = time.perf_counter()
        result = client.sync_once(db, http, datetime.now())
        seconds = time.perf_counter() - started
    held = db.scalar("SELECT COUNT(*) FROM account WHERE hold_reason IS NOT NULL")
    return {"records": records, "seconds": round(seconds, 2), "ok": result.ok, "pushed": result.pushed,
            "pulled": result.pulled, "holds": held, "peak_mb": _peak_mb()}


def step_export(path: str, township: str, bundle: str) -> dict:
    from fastapi.testclient import TestClient

    from kiosk.store.migrations import open_database
    from kiosk.sync import enrolment, usb
    from kiosk.township.app import create_app

    app = create_app(township)
    store = app.state.store
    village = store.all("SELECT name FROM village")[0]["name"]
    with TestClient(app) as http:
        db = open_database(path)
        enrolment.enrol(db, http, "http://township.local", store.issue_code(village)["code"], datetime.now())
    started = time.perf_counter()
    done = usb.export_bundle(db, bundle, datetime.now())
    return {"seconds": round(time.perf_counter() - started, 2), "records": done.last_seq,
            "bytes": Path(bundle).stat().st_size, "peak_mb": _peak_mb()}


def step_import(township: str, bundle: str, reply: str) -> dict:
    from kiosk.township import usb
    from kiosk.township.store import Store

    store = Store(township)
    started = time.perf_counter()
    answer = usb.import_bundle(store, bundle, reply)
    seconds = time.perf_counter() - started
    held = store.one("SELECT COUNT(*) FROM incident WHERE kind = 'overdraft' AND resolved_at IS NULL")[0]
    return {"seconds": round(seconds, 2), "results": answer["results"], "holds": held, "peak_mb": _peak_mb()}


def step_reply(path: str, reply: str) -> dict:
    from kiosk.store.migrations import open_database
    from kiosk.sync import usb

    db = open_database(path)
    started = time.perf_counter()
    usb.import_reply(db, reply, datetime.now())
    held = db.scalar("SELECT COUNT(*) FROM account WHERE hold_reason IS NOT NULL")
    return {"seconds": round(time.perf_counter() - started, 2), "holds": held, "peak_mb": _peak_mb()}


STEPS = {"build": step_build, "online": step_online, "export": step_export, "import": step_import,
         "reply": step_reply}


def _fresh_township(path: Path, village: str, currency: str) -> str:
    from kiosk.township.store import Store

    store = Store(path)
    store.add_village(village, currency)
    code = store.issue_code(village)["code"]
    store.close()
    return code


def run() -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kiosk-first-sync-"))
    try:
        demo = folder / "demo.sqlite"
        made = _child("build", str(demo))
        online_db, stick_db = folder / "online.sqlite", folder / "stick.sqlite"
        shutil.copyfile(demo, online_db)
        shutil.copyfile(demo, stick_db)
        code = _fresh_township(folder / "township.sqlite", made["village"], made["currency"])
        with serving(folder / "township.sqlite") as server:
            counter = _child("online", str(online_db), server.url, code)
            township_peak = _server_peak_mb(server.pid)
        _fresh_township(folder / "township-usb.sqlite", made["village"], made["currency"])
        bundle, reply = folder / "first.zip", folder / "reply.zip"
        export = _child("export", str(stick_db), str(folder / "township-usb.sqlite"), str(bundle))
        imported = _child("import", str(folder / "township-usb.sqlite"), str(bundle), str(reply))
        replied = _child("reply", str(stick_db), str(reply))
        return {"online": {"counter": counter, "township_peak_mb": township_peak},
                "usb": {"export": export, "township_import": imported, "counter_reply": replied}}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in STEPS:
        print(json.dumps(STEPS[argv[0]](*argv[1:]), ensure_ascii=False))
        return 0
    argparse.ArgumentParser(prog="python -m tests.bench.first_sync", description=__doc__).parse_args(argv)
    print(json.dumps(run(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
