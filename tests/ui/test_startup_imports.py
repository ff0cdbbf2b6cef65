"""The counter starts quickly: libraries needed only to print, sync or read spreadsheets load when used.

python-escpos alone reads its printer database (YAML) for most of a second on import; the
startup benchmark (python -m tests.bench startup) measures the whole start.
"""

from __future__ import annotations

import os
import subprocess
import sys

HEAVY = ("escpos", "httpx", "reportlab", "openpyxl", "fastapi", "uvicorn")


def test_opening_the_counter_program_loads_no_printing_sync_or_spreadsheet_library():
    script = ("import sys, kiosk.ui.app\n"
              f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)
    assert done.stdout.split() == []
