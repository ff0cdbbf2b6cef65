"""The readable table of a benchmark run (the --json output holds the same figures)."""

from __future__ import annotations

from tests.bench import township_report

LABELS = {
    "resolve_card_code": "residents.resolve by card code",
    "resolve_name": "residents.resolve by unique name",
    "resolve_initials": "residents.resolve by pinyin initials",
    "suggest_pinyin2": "residents.suggest, 2 pinyin letters",
    "suggest_hanzi2": "residents.suggest, 2 hanzi",
    "by_scan": "products.by_scan (barcode)",
    "resolve": "products.resolve (barcode)",
}


def _mark(ok) -> str:
    return "" if ok is None else ("ok" if ok else "MISSED")


def _row(label: str, s: dict, target: str = "", ok=None) -> str:
    return (f"  {label:<38} {s['n']:>6} {s['p50_ms']:>9.3f} {s['p95_ms']:>9.3f}"
            f" {s['max_ms']:>9.3f}  {target:<14} {_mark(ok)}")


def table(result: dict) -> str:
    m, d = result["machine"], result["dataset"]
    out = [(f"machine: {m['cpu_count']} CPUs, Python {m['python']}, SQLite {m['sqlite']},"
            f" load {m['load']} ({m['platform']})"),
           (f"dataset: {d['path']}: {d['residents']} residents, {d['households']} households,"
            f" {d['products']} products, {d['entries']} entries, {d['sales']} sales, "
            + (f"reused (built {d['built_at']} in {d['build_seconds']} s)" if d["reused"]
               else f"built now in {d['build_seconds']} s {d['build_phases']}")),
           "",
           f"  {'':<38} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}  target"]
    if "redeem" in result:
        r = result["redeem"]
        out.append("redeem (3-line sale)")
        out.append(_row("checkout.redeem", r["service"]))
        out.append(_row("bare sqlite3 floor, same rows", r["floor"]))
        out.append(f"  {'ratio service / floor':<38} {'':>6} {r['ratio_p50']:>8.2f}×"
                   f" {r['ratio_p95']:>8.2f}× {'':>9}  ≤ {r['target_ratio']}×{'':<9} {_mark(r['ok'])}")
    if "chain" in result:
        c = result["chain"]
        out.append("chain (CPU per redeem)")
        out.append(_row("with the books' chain", c["with_chain_cpu"]))
        out.append(_row("without it", c["without_chain_cpu"]))
        out.append(f"  {'added by the chain, p50':<38} {'':>6} {c['added_p50']:>+8.1%}"
                   f" {'':>9} {'':>9}  ≤ {c['target_added']:+.0%}{'':<9} {_mark(c['ok'])}")
    for name in ("lookup", "barcode"):
        if name in result:
            out.append(name)
            for key, s in result[name].items():
                if key != "ok":
                    out.append(_row(LABELS[key], s, f"p95 ≤ {s['target_p95_ms']:g} ms", s["ok"]))
    if "check" in result:
        c = result["check"]
        runs = ", ".join(f"{s:.2f} s" for s in c["runs_s"])
        out.append("check")
        out.append(f"  {'run_check, whole database':<38} runs {runs}; best {c['best_s']:.2f} s"
                   f"  (≤ {c['target_s']:g} s) {_mark(c['ok'])}"
                   + (f"; CPU {', '.join(f'{s:.2f}' for s in c['cpu_s'])} s" if "cpu_s" in c else "")
                   + ("" if c["books_ok"] else f"  BOOKS NOT OK: {c['problems']}"))
    if "scan" in result:
        s = result["scan"]
        out.append("counter")
        out.append(_row("scanner burst → cart row painted", s, f"p95 ≤ {s['target_p95_ms']:g} ms", s["ok"]))
        if "card" in s:
            out.append(_row("card burst (Shift) → resident shown", s["card"]))
    if "startup" in result:
        s = result["startup"]
        out.append(_row("cold start → login screen ready", s["counter"]))
        out.append(_row("bare PySide6 window, same way", s["bare"]))
        out.append(f"  {'ratio counter / bare':<38} {'':>6} {s['ratio_p50']:>8.2f}×"
                   f" {'':>9} {'':>9}  ≤ {s['target_ratio']}×{'':<9} {_mark(s['ok'])}")
    if "receipt" in result:
        r = result["receipt"]
        out.append(_row("receipt PDF (58 mm)", r["pdf"], f"p95 ≤ {r['pdf']['target_p95_ms']:g} ms"))
        out.append(_row("receipt ESC/POS bytes", r["escpos"], f"p95 ≤ {r['escpos']['target_p95_ms']:g} ms",
                        r["ok"]))
    if "reports" in result:
        r = result["reports"]
        out.append(f"reports ({r['entries']} entries)")
        for key in ("monthly", "ranking_cold", "ranking_warm", "stock_value"):
            s = r[key]
            runs = ", ".join(f"{x['total_s']:.2f} s" for x in s["runs"])
            out.append(f"  {s['label'] + ' ' + s['period']:<38} runs {runs}; worst {s['worst_s']:.2f} s"
                       f"  (≤ {s['target_s']:g} s) {_mark(s['ok'])}")
    if "labels" in result:
        for sheet, r in result["labels"].items():
            if sheet != "ok":
                runs = ", ".join(f"{x:.2f} s" for x in r["runs_s"])
                what = f"{r['labels']} price labels, {sheet} PDF"
                out.append(f"  {what:<38} runs {runs}; best {r['best_s']:.2f} s"
                           f" (CPU {min(r['cpu_s']):.2f} s)  (≤ {r['target_s']:g} s) {_mark(r['ok'])}")
    if "catalogue" in result:
        c = result["catalogue"]
        out.append(f"catalogue ({c['products']} products, typing into the 商品 search box)")
        out.append(_row("key → list repainted", c, f"p95 ≤ {c['target_p95_ms']:g} ms", c["ok"]))
        out.append(_row("  GUI thread cpu per key", c["gui_thread_cpu"]))
    if "imports" in result:
        i = result["imports"]
        out.append(f"imports ({i['rows']} goods exported, {i['price_changes']} prices changed in the sheet)")
        out.append(f"  preview {i['preview_s']:.1f} s, commit {i['commit_s']:.1f} s"
                   f"  (≤ {i['target_s']:g} s each) {_mark(i['ok'])}")
    if "township" in result:
        out.extend(township_report.lines(result["township"]))
    return "\n".join(out)
