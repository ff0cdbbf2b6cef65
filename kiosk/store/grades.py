"""The village's grade table (信用等次), kept as JSON on the village row."""

from __future__ import annotations

import json


def set_grade_scale(conn, village_id: str, rows: list[list[str]]) -> None:
    conn.execute("UPDATE village SET grade_scale = ? WHERE id = ?",
                 (json.dumps(rows, ensure_ascii=False), village_id))
