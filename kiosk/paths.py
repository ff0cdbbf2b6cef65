"""Where things live: shipped data (migrations, demo, assets) and the user's database.

Shipped data is found in a PyInstaller bundle (sys._MEIPASS), in an installed
wheel (kiosk/_data) or in a source checkout (the repository root), in that order.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

APP_NAME = "kiosk"


@cache
def data_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = [Path(bundle)] if bundle else []
    candidates += [Path(__file__).parent / "_data", Path(__file__).parent.parent]
    for candidate in candidates:
        if (candidate / "db" / "migrations").is_dir():
            return candidate
    raise FileNotFoundError("kiosk data (db/migrations) not found beside the program")


def migrations_dir() -> Path:
    return data_root() / "db" / "migrations"


def demo_dir() -> Path:
    return data_root() / "db" / "demo"


def assets_dir() -> Path:
    return data_root() / "assets"


def user_data_dir() -> Path:
    import platformdirs  # only when a default location is needed

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    env = os.environ.get("KIOSK_DB")
    return Path(env) if env else user_data_dir() / "kiosk.sqlite"


def translations_dir() -> Path:
    return assets_dir() / "translations"
