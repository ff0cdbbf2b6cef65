"""The `kiosk` command line: the same services the screens use, in the services' area names.

main (parsing, exit codes), output (plain or --json) and session (opening the shop for one
command) are shared; each area package holds the commands of one area of kiosk.services.
"""

from kiosk.cli.main import main

__all__ = ["main"]
