"""A year's grades in the books' chain (migration 0032): each stored row is chained as it is
written, id "year/household id", its body the row (kiosk/store/chain.py bodies_of)."""

from __future__ import annotations

from kiosk.core.canonical import canonical_text

YEAR_GRADE = "year_grade"
YEAR_GRADE_COLUMNS = ("household_id", "year", "score", "grade", "perks", "stored_at")


def year_grade_bodies(conn, ids: list[str]) -> dict[str, str]:
    out = {key: canonical_text({"id": key, "removed": True}) for key in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cursor = conn.execute(f"SELECT year || '/' || household_id, {', '.join(YEAR_GRADE_COLUMNS)} FROM year_grade"
                              f" WHERE year || '/' || household_id IN ({','.join('?' * len(chunk))})", chunk)
        for values in cursor.fetchall():
            out[values[0]] = canonical_text(dict(zip(YEAR_GRADE_COLUMNS, tuple(values)[1:])))
    return out
