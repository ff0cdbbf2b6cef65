"""Only kiosk/store runs SQL on the terminal's books, and only the township's store (store.py,
db.py and the tables package) on the township's own database: every other module asks a store
function whose name says what it does.

A module outside them that calls .execute / .executemany / .executescript / .query, or holds a
string that starts like an SQL statement, is named here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIOSK = ROOT / "kiosk"
SQL_HOMES = {
    "store": "the terminal's books: every table is written and read here",
    "township/store.py": "the township's connection, transactions, villages, terminals, records and incidents",
    "township/db.py": "the township's two dialects: SQLite and PostgreSQL, and the translation between them",
    "township/store_loop.py": "the store's reads and notes made from the serving event loop (Store inherits them)",
    "township/loop_reads.py": "PostgreSQL's statements sent from the event loop, a crowd's reads and notes gathered",
    "township/tables": "the township's own tables, a module by job (see its __init__)",
}
SQL_CALLS = {"execute", "executemany", "executescript", "query"}
SQL_TEXT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT"
                      r"|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ATTACH|DETACH)\s+\S")


def sql_in(source: str) -> list[tuple[int, str]]:
    """(line, what) of every SQL call or SQL-looking string in one module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            found.append((node.lineno, f".{node.func.attr}()"))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.match(node.value):
            found.append((node.lineno, node.value.strip()[:40]))
    return found


def at_home(path: Path) -> bool:
    """Is this module one of the SQL_HOMES (a package or a single module)?"""
    place = path.relative_to(KIOSK).as_posix()
    return any(place == home or place.startswith(home + "/") for home in SQL_HOMES)


def test_no_sql_outside_the_stores():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sorted(KIOSK.rglob("*.py"))
        if not at_home(path)
        for line, what in sql_in(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "\n".join(offenders)


def test_the_township_runs_sql_only_in_its_store():
    """The township's web pages, routes and CLI are not homes: only its store and tables are."""
    assert not at_home(KIOSK / "township" / "merge.py")
    assert not at_home(KIOSK / "township" / "console" / "queries.py")
    assert not at_home(KIOSK / "township" / "store_extra.py")
    assert at_home(KIOSK / "township" / "tables" / "holds.py")
    assert at_home(KIOSK / "township" / "store.py")
    assert at_home(KIOSK / "store" / "ledger.py")


def test_every_home_exists():
    assert [home for home in SQL_HOMES if not (KIOSK / home).exists()] == []


def test_the_scan_finds_sql_however_it_is_written():
    source = '''
db.execute("SELECT 1")
conn.executemany(statement, rows)
db.one(f"SELECT name FROM {table} WHERE id = ?", (x,))
db.scalar("""
    UPDATE account SET hold_reason = NULL""")
'''
    assert sorted({line for line, _ in sql_in(source)}) == [2, 3, 4, 5]


def test_words_that_only_look_like_sql_pass():
    source = 'say("DELETE")\nmethod = "UPDATE"\nlabel = "Select a file"\nhelp = "删除 DELETE 键"\n'
    assert sql_in(source) == []
