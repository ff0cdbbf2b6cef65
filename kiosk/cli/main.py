"""Parsing the command line, opening the database, turning refusals into exit code 1."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys

from kiosk import __version__
from kiosk.cli.audit import check, trail
from kiosk.cli.output import Output
from kiosk.cli.people import cards, roster
from kiosk.cli.points import certificates, record
from kiosk.cli.reports import export
from kiosk.cli.setup import backup, village
from kiosk.cli.shop import goods, labels, receipts, sales
from kiosk.cli.stock import movements
from kiosk.cli.sync import township
from kiosk.core.errors import Refused
from kiosk.i18n import _, argparse_in_our_language, message
from kiosk.paths import default_db_path

EXIT_DONE, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
# in the order `kiosk --help` lists them (people's roster adds its changes, files, policies, reissue)
GROUPS = (village, sales, check, roster, cards, goods, movements, record, labels, receipts, backup, export,
          certificates, township, trail)


def build_parser() -> argparse.ArgumentParser:
    argparse_in_our_language()
    parser = argparse.ArgumentParser(
        prog="kiosk", description=_("积分超市收银台"))
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}", help=_("显示版本号后退出"))
    parser.add_argument("--db", help=_("数据库文件（默认：用户数据目录，或 KIOSK_DB）"))
    parser.add_argument("--json", action="store_true", help=_("输出 JSON"))
    commands = parser.add_subparsers(dest="command", metavar=_("命令"), required=True)
    for group in GROUPS:
        group.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Output(args.json)
    args.db_given = args.db is not None or "KIOSK_DB" in os.environ
    args.db = args.db or str(default_db_path())
    args.pin = getattr(args, "pin", None) or os.environ.get("KIOSK_PIN")
    try:
        return args.run(args, out) or EXIT_DONE
    except Refused as refusal:
        out.error(refusal.message(), refusal.code)
        return EXIT_REFUSED
    except sqlite3.Error as exc:
        out.error(message("db_error", detail=str(exc)), "db_error")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return EXIT_REFUSED
    except BrokenPipeError:  # `kiosk product list | head`
        sys.stderr.close()
        return EXIT_DONE


if __name__ == "__main__":
    sys.exit(main())
