"""Print what the bundle needs from PyPI, one requirement a line: the project's own
dependencies from pyproject.toml (no test or dev extras), PyInstaller, and fontTools
(packaging/fallback_fonts.py cuts the fallback fonts down with it; it is not bundled).

The build environments are made from this list alone, so the bundle holds only what
the program imports at run time.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
PYINSTALLER = "pyinstaller>=6.10,<7"
FONTTOOLS = "fonttools>=4.40"


def dependencies(pyproject: Path = PYPROJECT) -> list[str]:
    return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]


def requirements(pyproject: Path = PYPROJECT) -> list[str]:
    return [*dependencies(pyproject), FONTTOOLS, PYINSTALLER]


def distributions(pyproject: Path = PYPROJECT) -> list[str]:
    """The bare names of the program's own dependencies ("PySide6-Essentials", ...)."""
    return [re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0] for spec in dependencies(pyproject)]


if __name__ == "__main__":
    sys.stdout.write("\n".join(requirements()) + "\n")
