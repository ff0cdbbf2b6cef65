"""Opening the shop for one command: the database, and who is acting."""

from __future__ import annotations

import argparse
import os
from contextlib import contextmanager
from collections.abc import Iterator

from kiosk.core.clock import SystemClock
from kiosk.i18n import _
from kiosk.services.people import operators
from kiosk.services.setup import settings, create as setup
from kiosk.services.context import SELFSERVICE, Context


def operator_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--operator", required=True, help=_("操作员姓名"))
    parser.add_argument("--pin", default=None, help=_("密码（或 KIOSK_PIN）"))
    parser.add_argument("--second", default=None,
                        help=_("另一位管理员的姓名：动自家的积分时要他确认（回避）"))
    parser.add_argument("--second-pin", default=None, dest="second_pin",
                        help=_("另一位管理员的密码（或 KIOSK_SECOND_PIN）"))


@contextmanager
def reading(args) -> Iterator[Context]:
    """A read-only context: nothing it calls may change the books."""
    db = _open(args)
    try:
        yield Context(db, SELFSERVICE, SystemClock())
    finally:
        db.close()


@contextmanager
def acting(args) -> Iterator[Context]:
    """The operator named by --operator, checked against --pin or KIOSK_PIN."""
    db = _open(args)
    try:
        clock = SystemClock()
        actor = operators.login(db, args.operator, args.pin, clock.now())
        ctx = Context(db, actor, clock)
        second_pin = getattr(args, "second_pin", None) or os.environ.get("KIOSK_SECOND_PIN")
        yield operators.second_manager(ctx, getattr(args, "second", None), second_pin)
    finally:
        db.close()


def _open(args):
    """The books, with the village's chosen language for what follows (KIOSK_LANG still wins)."""
    db = setup.open_shop(args.db)
    settings.apply_language(db)
    return db
