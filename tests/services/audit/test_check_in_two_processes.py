"""`kiosk check` in a program with no other thread (the CLI) forks its second half: the SQL checks
and part of the walk come back from the child, and a break is found whichever process walked it.

Each check runs in a fresh interpreter: a pytest worker has threads of its own, so in it the
check keeps to one process (tests/services/audit's other tests cover that way)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import give
from tests.damaged_files import flip_bytes, fold_wal, zero_page_2
from tests.services.audit.test_chain_tamper import tamper

# One block per part: the village below is walked in several parts, shared by the two processes.
_CHECK = """
import json, sys
from kiosk.services.audit import check
from kiosk.store import chain_verify
from kiosk.store.migrations import open_database
chain_verify.PART_BLOCKS = 1
db = open_database(sys.argv[1])
forked = check._may_fork(db)
report = check.run_check(db)
print(json.dumps({"forked": forked, "problems": report.problems, "counts": report.counts}, ensure_ascii=False))
"""


@pytest.fixture
def village(shop, db_path):
    """青石村 with 300 awards: over a thousand chain rows, a few parts of one block each."""
    give(shop, "JF000001", 150)
    give(shop, "JF000004", 150)
    shop.db.close()
    return db_path


def _checked(path) -> dict:
    done = subprocess.run([sys.executable, "-c", _CHECK, str(path)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["forked"] is True
    return found


def test_untouched_books_pass_and_the_childs_counts_come_back(village):
    found = _checked(village)
    assert found["problems"] == [] and found["counts"]["entry"] >= 300


@pytest.mark.parametrize("where", ["first", "last"])
def test_an_edited_award_is_found_whichever_process_walked_it(village, where):
    order = "ASC" if where == "first" else "DESC"
    tamper(village, "UPDATE entry SET note = '改过' WHERE id = (SELECT id FROM entry WHERE kind = 'award'"
                    f" ORDER BY rowid {order} LIMIT 1)", drop=("entry_no_update",))
    assert any("记账对不上" in p and "积分流水" in p for p in _checked(village)["problems"])


def test_the_childs_sql_checks_come_back(village):
    tamper(village, "UPDATE balance SET hundredths = hundredths + 100000")
    assert any("余额缓存不符" in p for p in _checked(village)["problems"])


@pytest.mark.parametrize("damage", [flip_bytes, zero_page_2], ids=["flipped bytes", "page 2 zeroed"])
def test_the_cli_on_a_damaged_file_says_so_from_the_childs_quick_check(village, damage):
    fold_wal(village)
    damage(village)
    done = subprocess.run([sys.executable, "-c", "import sys; from kiosk.cli.main import main; sys.exit(main())",
                           "--db", str(village), "check"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1, done.stderr
    assert "损坏" in done.stderr and "kiosk restore" in done.stderr and "Traceback" not in done.stderr + done.stdout


def test_a_child_that_dies_is_reported_and_the_walk_is_done_by_the_parent(village):
    tamper(village, "UPDATE entry SET note = '改过' WHERE id = (SELECT id FROM entry WHERE kind = 'award'"
                    " ORDER BY rowid DESC LIMIT 1)", drop=("entry_no_update",))
    dies = _CHECK.replace("report = check.run_check(db)",
                          "import os\ncheck._second_half = lambda *args: os._exit(3)\nreport = check.run_check(db)")
    done = subprocess.run([sys.executable, "-c", dies, str(village)], capture_output=True, text=True,
                          timeout=120, check=False)
    found = json.loads(done.stdout)["problems"]
    assert any("第二个检查进程中途退出" in p for p in found), found
    assert any("记账对不上" in p for p in found), found       # its parts walked by the parent


def test_without_shared_memory_for_a_second_process_the_check_keeps_to_a_thread(village):
    tamper(village, "UPDATE balance SET hundredths = hundredths + 100000")
    no_shm = _CHECK.replace("report = check.run_check(db)",
                            "import multiprocessing.context as mc\n"
                            "def refuse(*args, **kwargs):\n    raise OSError('no /dev/shm')\n"
                            "mc.BaseContext.Value = refuse\nreport = check.run_check(db)")
    done = subprocess.run([sys.executable, "-c", no_shm, str(village)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert any("余额缓存不符" in p for p in json.loads(done.stdout)["problems"])


def _damage_an_index_no_write_touches(path) -> None:
    """Page header of the index entry_kind_at garbled: SQLite's quick check sees it, while opening
    the books and sealing the chain never read it."""
    conn = sqlite3.connect(path)
    root, size = (conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entry_kind_at'").fetchone()[0],
                  conn.execute("PRAGMA page_size").fetchone()[0])
    conn.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * size + 3)       # the number of cells on the page
        file.write(b"\xff\xff")


def test_a_damaged_file_with_rows_written_outside_is_not_written_to(village):
    tamper(village, "INSERT INTO chain (record_type, record_id) SELECT 'operator', id FROM operator LIMIT 1")
    fold_wal(village)
    _damage_an_index_no_write_touches(village)
    before = village.read_bytes()
    done = subprocess.run([sys.executable, "-c", "import sys; from kiosk.cli.main import main; sys.exit(main())",
                           "--db", str(village), "check"], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1 and "损坏" in done.stderr, done.stderr
    wal = village.with_name(village.name + "-wal")
    assert village.read_bytes() == before and (not wal.exists() or wal.stat().st_size == 0)
