"""The township part of the benchmark table."""

from __future__ import annotations


def _mark(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def _small(t: dict) -> list[str]:
    p, s, i, load = t["push"], t["server_only_push"], t["idle_sync"], t["load"]
    head = (f"township (kiosk-township serve = uvicorn on 127.0.0.1, the counter's own sync_once;"
            f" load {load['before']} → {load['after_push_and_idle']} → {load['after_big_pull']})")
    push = (f"  {'push ' + format(p['entries'], ',') + ' entries':<38} {p['seconds']:.2f} s ="
            f" {p['entries_per_s']:,} entries/s (terminal CPU {p['terminal_cpu_s']:.1f} s,"
            f" server CPU {p['server_cpu_s']:.1f} s)  ≥ {p['target_per_s']:,}/s {_mark(p['ok'])}")
    raw = (f"  {'  same, pre-made, server alone':<38} {s['seconds']:.2f} s = {s['entries_per_s']:,} entries/s"
           f" (server CPU {s['server_cpu_s']:.1f} s)")
    idle = (f"  {'sync with nothing new':<38} n {i['n']}  p50 {i['p50_ms']:.1f} ms  p95 {i['p95_ms']:.1f} ms"
            f"  max {i['max_ms']:.1f} ms  p95 ≤ {i['target_p95_ms']:g} ms {_mark(i['ok'])}")
    return [head, push, raw, idle]


def _big(b: dict) -> list[str]:
    made = "cached" if b["reused"] else "built now"
    out = [f"  big township: {b['records_in_township']:,} records, 30 villages ({made}, build {b['dataset_build_s']} s)"]
    for c in b["cases"]:
        what = f"pull after {c['new_for_village']:,} new (+{c['new_elsewhere']:,} elsewhere)"
        per = f", {c['ms_per_record']:.3f} ms/record" if c["ms_per_record"] else ""
        out.append(f"  {what:<38} {c['pull_ms']:.1f} ms in {c['pages']} page(s){per}; first page SQL"
                   f" {c['first_page_sql_ms']:.2f} ms (old OR {c['old_or_first_page_sql_ms']:.2f} ms)")
    cu = b["catch_up_first_page"]
    out.append(f"  {'new PC catching up, first page SQL':<38} {cu['first_page_sql_ms']:.2f} ms"
               f" (old OR {cu['old_or_first_page_sql_ms']:.2f} ms)")
    bad = [name for name, q in b["plans"]["queries"].items() if not q["indexed"]]
    plans = "all on indexes" if not bad else f"NOT INDEXED: {', '.join(bad)}"
    out.append(f"  {'query plans (pull, push, state)':<38} {plans}  big township {_mark(b['ok'])}")
    rates = ", ".join(f"{c['push_per_s_at_3m']:,}/s" for c in b["cases"])
    out.append(f"  {'merge.push in-process at 3M records':<38} {rates}")
    return out


def _crowd(c: dict) -> list[str]:
    out = []
    for run in c.get("runs", []):
        i, si = run["idle_round"], run["idle_round_server_side"]
        out.append(f"  {c['counters']} counters, {run['arrival']:<20} nothing new p95 {i.get('p95_ms', 0):.1f} ms"
                   f" (server {si.get('p95_ms', 0):.1f} ms), push 50 + pull p95 {run['push_50_and_pull'].get('p95_ms', 0):.0f}"
                   f" ms, errors {run['error_count']}, records {run['records']:,} gap-free {run['gap_free']}"
                   f" doubled {run['doubled']}; CPU server {run['server_cpu_s']} s database"
                   f" {run.get('database_cpu_s', '-')} s; load {run['load_before']} → {run['load_after']}"
                   f"  p95 ≤ {c['target_idle_p95_ms']:g} ms {_mark(run['ok'])}")
    out.append(f"  peak RSS per worker (MB): {c.get('peak_rss_mb_per_worker')}")
    return out


def _backend(name: str, t: dict) -> list[str]:
    if "skipped" in t:
        return [f"{name}: skipped ({t['skipped']})"]
    p, s, i = t["push"], t["server_only_push"], t["idle_sync"]
    out = [f"{name}:",
           (f"  push {p['entries']:,} entries: {p['entries_per_s']:,}/s in {p['seconds']} s (CPU terminal"
           f" {p['terminal_cpu_s']} s, server {p['server_cpu_s']} s, database {p.get('database_cpu_s', '-')} s;"
           f" load {p.get('load_before', '?')} → {p['load_after']})  ≥ {p['target_per_s']:,}/s {_mark(p['ok'])}"),
           (f"  same, pre-made, server alone: {s['entries_per_s']:,}/s (CPU server {s['server_cpu_s']} s,"
           f" database {s.get('database_cpu_s', '-')} s)"),
           f"  sync with nothing new: p50 {i['p50_ms']:.1f} ms p95 {i['p95_ms']:.1f} ms {_mark(i['ok'])}"]
    out += _crowd(t["crowd"]) if "crowd" in t else []
    return out + (_big(t["big_pull"]) if "big_pull" in t else [])


def lines(t: dict) -> list[str]:
    if "postgresql" in t:
        return (_backend("SQLite", t["sqlite"]) + _backend("PostgreSQL", t["postgresql"])
                + [f"  load {t['load']['before']} → {t['load']['after']}"])
    return _small(t) + _big(t["big_pull"])


def table(result: dict) -> str:
    m = result["machine"]
    head = (f"machine: {m['cpu_count']} CPUs, Python {m['python']}, SQLite {m['sqlite']},"
            f" load {m['load']} ({m['platform']})")
    return "\n".join([head, *lines(result["township"])])
