"""One writer per table: sync writes the rows it receives through each table's own store module
(kiosk/store/people.py for residents, sales.py for sales …), never through the generic writers
of kiosk/store/replica.py by a table's name."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIOSK = ROOT / "kiosk"
GENERIC_WRITERS = {"insert", "update", "township_row"}
REPLICA = "kiosk.store.replica"


def generic_writes(source: str) -> list[tuple[int, str]]:
    """(line, what) of every use of replica's generic writers in one module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module == REPLICA:
            found += [(node.lineno, f"import {a.name}") for a in node.names if a.name in GENERIC_WRITERS]
        elif (isinstance(node, ast.Attribute) and node.attr in GENERIC_WRITERS
              and isinstance(node.value, ast.Name) and node.value.id == "replica"):
            found.append((node.lineno, f"replica.{node.attr}"))
    return found


def test_only_the_tables_own_store_modules_use_the_generic_writers():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sorted(KIOSK.rglob("*.py"))
        if path.relative_to(KIOSK).parts[0] != "store"
        for line, what in generic_writes(path.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "\n".join(offenders)


def test_every_table_sync_receives_has_its_writer_in_one_store_module():
    """The table a store module's received-row writers name is written by that module alone."""
    writers: dict[str, set[str]] = {}
    for path in sorted((KIOSK / "store").glob("*.py")):
        if path.name == "replica.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in GENERIC_WRITERS and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "replica" and len(node.args) > 1
                    and isinstance(node.args[1], ast.Constant)):
                writers.setdefault(node.args[1].value, set()).add(path.stem)
    shared = {table: modules for table, modules in writers.items() if len(modules) > 1}
    assert shared == {}
    assert {"resident", "sale", "rule", "product", "stock_move", "claim"} <= set(writers)


def test_the_scan_finds_the_generic_writers():
    source = ("from kiosk.store.replica import exists, insert\n"
              "from kiosk.store import replica\n"
              "replica.update(conn, 'x', 'id', row, ())\n"
              "replica.exists(conn, 'x', 1)\n")
    assert generic_writes(source) == [(1, "import insert"), (3, "replica.update")]
