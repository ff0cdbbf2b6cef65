"""The `kiosk` command line: the same services the screens use."""

from kiosk.cli.main import main

__all__ = ["main"]
