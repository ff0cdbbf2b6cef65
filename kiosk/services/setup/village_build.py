"""Building a new village's database all at once, for the first-run wizard.

The database is made in a hidden file beside the target and moved into place only
when everything in it is written: a refusal, a full disk or a crash leaves no
half-set-up village behind, and the wizard can simply run again.
"""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.core.clock import Clock
from kiosk.core.errors import Refused
from kiosk.core.ids import new_id
from kiosk.services.points import rules
from kiosk.services.setup import imports, settings
from kiosk.services.setup.demo_data import standard_rules
from kiosk.services.setup.create import init_village
from kiosk.store import books
from kiosk.store import village as village_store
from kiosk.store.migrations import open_database

_SIDE_FILES = ("-wal", "-shm", "-journal")


def needs_setup(path: Path | str) -> bool:
    """True for a missing or empty database; refuses a file that is not ours or is too new."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return True
    db = open_database(path)
    try:
        return village_store.the_village(db) is None
    finally:
        db.close()


def check_residents(path: Path | str, clock: Clock | None = None) -> int:
    """Import the list into a scratch village in memory: every bad row named, nothing kept."""
    db = open_database(":memory:", create=True)
    try:
        ctx = init_village(db, village="核对", manager="核对", pin="0000", clock=clock)
        return imports.import_residents(ctx, path)
    finally:
        db.close()


def build_village(target: Path, *, village: str, currency: str, manager: str, pin: str,
                  settings: dict[str, str], residents_file: str | None, clock: Clock,
                  manager_house: str = "") -> None:
    if not needs_setup(target):
        raise Refused("db_exists", path=str(target))
    scratch = _scratch_file(target)
    try:
        _fill(scratch, village, currency, manager, pin, settings, residents_file, clock, manager_house)
        _move_into_place(scratch, target)
    finally:
        _remove(scratch)


def _fill(path: Path, village, currency, manager, pin, changes, residents_file, clock,
          manager_house: str = "") -> None:
    db = open_database(path, create=True)
    try:
        with db.write():
            ctx = init_village(db, village=village, manager=manager, pin=pin, currency=currency, clock=clock)
            for rule in standard_rules():
                rules.add_rule(ctx, rule)
            settings.change(ctx, changes)
            if residents_file:
                imports.import_residents(ctx, residents_file)
            if manager_house:
                _link_manager(ctx, manager, manager_house)
        books.checkpoint(db)
    finally:
        db.close()


def _link_manager(ctx, manager: str, house_no: str) -> None:
    """The first manager is the villager of that name at `house_no` (added there if the list lacks them)."""
    from kiosk.services.people import operators, residents

    found = [r for r in residents.list_residents(ctx) if r.name == manager and r.house_no == house_no]
    resident = found[0] if found else residents.add_resident(ctx, name=manager, house_no=house_no)
    operators.link_resident(ctx, manager, resident.card_code)


def _scratch_file(target: Path) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for old in target.parent.glob(f".{target.name}.*.setup*"):   # left by a crash
            old.unlink()
    except OSError as exc:
        raise Refused("setup_no_folder", path=str(target.parent), detail=exc.strerror or str(exc)) from exc
    return target.parent / f".{target.name}.{new_id()}.setup"


def _move_into_place(scratch: Path, target: Path) -> None:
    if any(Path(f"{scratch}{side}").exists() for side in ("-wal", "-journal")):
        raise Refused("db_error", detail="the new database was not closed cleanly")
    _remove(target)          # an empty database (needs_setup said so) and its side files
    os.replace(scratch, target)
    if hasattr(os, "O_DIRECTORY"):
        folder = os.open(target.parent, os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _remove(path: Path) -> None:
    for side in ("",) + _SIDE_FILES:
        Path(f"{path}{side}").unlink(missing_ok=True)
