"""reports: the monthly summary, the annual ranking and the monthly stock value over the big
village, PDF included.

Each run builds the report the way the manager's screen does (`reports.make`) and
renders its PDF. The ranking's per-account sums are cached by the self-service code
after a first read; "cold" runs empty that cache first, so they pay the full read of
the year's ledger, as the first ranking of a day does. Target: ≤ 2 s for every run.
"""

from __future__ import annotations

from time import perf_counter

from kiosk.printing.report_pdf import render_pdf
from kiosk.printing.tables_out import xlsx_bytes
from kiosk.services import reports
from kiosk.services.selfservice import scores as selfservice_scores
from kiosk.services.context import Actor, Context, Role
from kiosk.store.db import Database

RUNS, TARGET_S = 3, 2.0


def _newest_month(db: Database) -> tuple[str, str]:
    """The last whole month of the ledger, and the year of its newest entry."""
    newest = db.scalar("SELECT MAX(at) FROM entry")
    year, month = int(newest[:4]), int(newest[5:7])
    year_before, month_before = (year, month - 1) if month > 1 else (year - 1, 12)
    return f"{year_before}-{month_before:02d}", str(year)


def _timed(ctx: Context, name: str, period: str, cold: bool) -> dict:
    if cold:
        with selfservice_scores._lock:
            selfservice_scores._sums.clear()
    start = perf_counter()
    report = reports.make(ctx, name, period)
    built = perf_counter()
    pdf = render_pdf(report)
    drawn = perf_counter()
    xlsx_bytes(report)
    return {"build_s": round(built - start, 3), "pdf_s": round(drawn - built, 3),
            "total_s": round(drawn - start, 3), "xlsx_s": round(perf_counter() - drawn, 3),
            "pdf_kb": len(pdf) // 1024, "rows": sum(len(t.rows) for t in report.tables)}


def _graded(runs: list[dict], label: str, period: str) -> dict:
    worst = max(r["total_s"] for r in runs)
    return {"period": period, "runs": runs, "worst_s": worst, "best_s": min(r["total_s"] for r in runs),
            "target_s": TARGET_S, "ok": worst <= TARGET_S, "label": label}


def bench_reports(db: Database, log=print, runs: int = RUNS) -> dict:
    month, year = _newest_month(db)
    stocked = db.scalar("SELECT MAX(at) FROM stock_move")[:7]   # the month all 5,000 goods are in
    ctx = Context(db, Actor("bench", Role.MANAGER))
    entries = db.scalar("SELECT COUNT(*) FROM entry")
    log(f"reports: monthly summary of {month} and ranking of {year} over {entries} entries,"
        f" {runs} runs each, PDF included …")
    result = {
        "monthly": _graded([_timed(ctx, "monthly", month, cold=False) for _ in range(runs)],
                           "monthly summary + PDF", month),
        "ranking_cold": _graded([_timed(ctx, "ranking", year, cold=True) for _ in range(runs)],
                                "annual ranking + PDF, cold", year),
        "ranking_warm": _graded([_timed(ctx, "ranking", year, cold=False) for _ in range(runs)],
                                "annual ranking + PDF, warm", year),
        "stock_value": _graded([_timed(ctx, "value", stocked, cold=False) for _ in range(runs)],
                               "monthly stock value (yuan) + PDF", stocked),
        "entries": entries,
    }
    result["ok"] = all(result[k]["ok"] for k in ("monthly", "ranking_cold", "ranking_warm", "stock_value"))
    return result
