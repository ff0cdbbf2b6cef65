"""Only kiosk/store runs SQL on the terminal's books (and kiosk/township on the township's own
database): every other module asks a store function whose name says what it does.

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
    "township": "the township server's own database (its schema.sql), not the terminal's",
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


def test_no_sql_outside_the_stores():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sorted(KIOSK.rglob("*.py"))
        if path.relative_to(KIOSK).parts[0] not in SQL_HOMES
        for line, what in sql_in(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "\n".join(offenders)


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
