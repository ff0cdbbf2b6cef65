"""Run as a child process: the counter does its work and is SIGKILLed at a chosen point.

There are no test hooks in the product: this script wraps a product function so that it
kills its own process (SIGKILL: no cleanup, no rollback handler, no atexit).

    python -m tests.faults.kill_wrapper MODE DB_PATH
MODE:
  local_commit  award points and redeem goods (both committed), then start a sync and die
                just before the first push request leaves;
  server_commit sync, and die right after the township's answer to the first push arrives,
                before the counter records the acknowledgement (client._settle);
  pull_page     sync, and die inside the pull page's transaction, on the 3rd record applied.
Exit 3 means it was not killed: the wrapped point was never reached.
"""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime

import httpx

from kiosk.services.people import operators
from kiosk.services.points import awards
from kiosk.services.setup import create as setup
from kiosk.services.shop import checkout
from kiosk.services.context import Context
from kiosk.sync import apply, client


def die(*_args, **_kwargs) -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def die_before_push() -> None:
    call = client.Township.call

    def calling(self, method, path, payload=None):
        if path.startswith("/v1/push"):
            die()
        return call(self, method, path, payload)

    client.Township.call = calling


def die_on_third_record() -> None:
    apply_one, seen = apply._apply_one, []

    def applying(conn, record):
        seen.append(record.id)
        if len(seen) == 3:
            die()
        return apply_one(conn, record)

    apply._apply_one = applying


def main(mode: str, path: str) -> int:
    db = setup.open_shop(path)
    if mode == "local_commit":
        ctx = Context(db, operators.login(db, "刘建军", "2580", datetime.now()))
        awards.award(ctx, "JF000001", "hjqs")
        checkout.redeem_items(ctx, "JF000001", ["6920000000012"])
        die_before_push()
    elif mode == "server_commit":
        client._settle = die
    elif mode == "pull_page":
        die_on_third_record()
    else:
        raise SystemExit(f"unknown mode {mode}")
    with httpx.Client(timeout=20) as http:
        result = client.sync_once(db, http, datetime.now())
    print("not killed:", result, file=sys.stderr)
    return 3


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
