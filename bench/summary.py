"""Bench: the six seed unions' work summaries against hand-written SQL computing the same figures.

Each scenario of scenarios/ (the six seed articles) is loaded at ten times its volume
(--quick: once) into a fresh SQLite file under var/, through the services. Then, for each:

- value: the best of several runs (taken in turns with the limit's) of the whole summary (every
  provider's sections for the union and the scenario's period, assembled into the document);
- limit: the best of several runs of hand-written SQL computing the same figures, one module
  per app in bench/raw_sql/<app>.py (`raw_sql_figures(connection, org, period)`); an app with
  a summary and no reference is named, and fails the bench.

Times are the process's CPU time (SQLite runs inside the process, so nothing is missed), so
that other work on a shared machine does not inflate one side. Each reference computes every
number its app's sections state and reads every list they name (kept equal by the apps'
test_raw_sql*.py). Per app it also times the app's own `sections()` against its reference, so
that the slow part is named. The reference's figures must equal the summary's (else the two sides did different
work), and each scenario's summary must take as many queries at scale 10 as at scale 1
(counted in a second process on its own databases).

Beside the whole times it takes the CPU time each side spends inside SQLite's execute (one
execute wrapper times both, as both go through Django's cursor): `db_ratios` says whether the
summary asks the database for more work than the reference, apart from the Python around it
(building the ORM's queries, the sentences). Measured here: the database part stays within
1.5× while the whole does not, the gap being a fixed cost per query of building it with the
ORM (about 1 ms each, 38–48 queries a summary) that does not grow with the records (--scale 100).

The last line is the JSON verdict: value and limit are the six scenarios' sums, ratio their
quotient; `worst` is the highest scenario's ratio. Target: every scenario at most 1.5×.

    .venv/bin/python bench/summary.py [--quick] [--only benbu-2025] [--scale 100]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET = 1.5
SCENARIOS = ("sanlian-2025h1", "benbu-2025", "wuguan-2025", "xuexiao-2025", "fengongsi-2025", "suji-2023-2025")


def fresh_database(db_path: Path) -> None:
    """Point Django's default connection at a new, migrated SQLite file."""
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    remove_files(db_path)
    connections.databases["default"]["NAME"] = str(db_path)
    call_command("migrate", verbosity=0, interactive=False)


def remove_files(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def reference(label: str):
    """The app's hand-written reference, bench/raw_sql/<label>.py, or None."""
    try:
        return importlib.import_module(f"bench.raw_sql.{label}").raw_sql_figures
    except ModuleNotFoundError as exc:
        if exc.name not in {"bench", "bench.raw_sql", f"bench.raw_sql.{label}"}:
            raise
        return None


def count_queries(fn) -> int:
    from django.conf import settings
    from django.db import connection, reset_queries

    settings.DEBUG = True
    reset_queries()
    try:
        fn()
        return len(connection.queries)
    finally:
        settings.DEBUG = False


def best_of_turns(runs: int, *fns, clock=time.process_time) -> list[tuple[float, object]]:
    """(best seconds, last result) of each function, run in turns (a, b, a, b, …).

    Alternating keeps a slow spell of a shared machine from falling on one side only. The time is
    this process's CPU time: SQLite runs inside it, so that is all the work either side does, and
    unlike the wall clock it does not count the moments a busy machine gives the core to others.
    (A database out of process is timed with `clock=time.perf_counter`.)
    """
    best, results = [float("inf")] * len(fns), [None] * len(fns)
    for _ in range(runs):
        for i, fn in enumerate(fns):
            started = clock()
            results[i] = fn()
            best[i] = min(best[i], clock() - started)
    return list(zip(best, results, strict=True))


def database_time(runs: int, *fns) -> list[float]:
    """Best CPU seconds each function spends inside the database's execute (both sides go through
    Django's cursor, so one wrapper times both): what the two do in SQLite, without the Python around it."""
    from django.db import connection

    spent = [0.0]

    def timer(execute, sql, params, many, context):
        started = time.process_time()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.process_time() - started

    best = [float("inf")] * len(fns)
    with connection.execute_wrapper(timer):
        for _ in range(runs):
            for i, fn in enumerate(fns):
                spent[0] = 0.0
                fn()
                best[i] = min(best[i], spent[0])
    return best


def disagreements(raw: dict, stated: dict) -> dict:
    """The figures the reference and the summary both state with different values. Named lists
    (tuples) are the reference's reads of what the sections name; the apps' tests compare them."""
    return {k: (v, stated.get(k)) for k, v in raw.items()
            if k in stated and not isinstance(v, tuple) and Decimal(str(v)) != Decimal(str(stated[k]))}


def bench_scenario(name: str, scale: int, runs: int, db_path: Path, *, count_only: bool) -> dict:
    from django.db import connection
    from django.utils import translation

    from bench.raw_sql import all_figures, figures_of
    from gonghui.reports.providers import collect_sections, summary_modules
    from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path
    from gonghui.reports.selectors import summary_draft

    fresh_database(db_path)
    started = time.perf_counter()
    ctx = scenario_load(read_scenario(scenario_path(name)), scale=scale)
    loaded = time.perf_counter() - started
    org, period = ctx.union, ctx.period
    with translation.override("zh-hans"):
        queries = count_queries(lambda: summary_draft(org=org, period=period))
        if count_only:
            return {"scenario": name, "queries": queries}
        modules = [(label, module, reference(label)) for label, module in summary_modules()]
        missing = [label for label, _m, ref in modules if ref is None]
        sources = [ref for _l, _m, ref in modules if ref is not None]

        def whole_summary():
            return summary_draft(org=org, period=period)

        def raw_sql():
            return all_figures(sources, connection, org, period)

        whole_summary(), raw_sql()   # warm caches (translations, content types) before timing either side
        (value, content), (limit, raw) = best_of_turns(runs, whole_summary, raw_sql)
        db_value, db_limit = database_time(runs, whole_summary, raw_sql)
        apps = {}
        for label, module, ref in modules:
            if ref is None:
                continue
            (own, _s), (sql, _r) = best_of_turns(runs, lambda m=module: m.sections(org=org, period=period),
                                                 lambda r=ref: r(connection, org, period))
            apps[label] = {"ms": round(own * 1000, 2), "sql_ms": round(sql * 1000, 2), "ratio": round(own / sql, 2) if sql else None}
        mismatched = disagreements(raw, figures_of(collect_sections(org=org, period=period)))
    return {"scenario": name, "members": len(ctx.members), "loaded_s": round(loaded, 1), "value": value, "limit": limit,
            "ratio": value / limit if limit else float("inf"), "queries": queries, "db_ms": round(db_value * 1000, 2),
            "db_sql_ms": round(db_limit * 1000, 2), "blocks": len(content["blocks"]),
            "figures": len(raw), "missing": missing, "mismatched": mismatched, "apps": apps}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="the scenarios at their own size (scale 1)")
    parser.add_argument("--only", action="append", choices=SCENARIOS, help="just this scenario (repeatable)")
    parser.add_argument("--count-queries", action="store_true", help="only print each summary's query count as JSON")
    parser.add_argument("--scale", type=int, default=10, help="times each scenario's volume (default 10, the issue's)")
    args = parser.parse_args()
    scale = 1 if args.quick or args.count_queries else args.scale
    names = args.only or list(SCENARIOS)
    (ROOT / "var").mkdir(exist_ok=True)
    db_path = ROOT / "var" / f"bench-summary-{os.getpid()}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    results = []
    try:
        for name in names:
            results.append(bench_scenario(name, scale, 5 if args.quick else 7, db_path, count_only=args.count_queries))
    finally:
        from django.db import connections

        connections.close_all()
        remove_files(db_path)
    if args.count_queries:
        print(json.dumps({r["scenario"]: r["queries"] for r in results}))
        return

    if args.quick:
        small = {r["scenario"]: r["queries"] for r in results}
    else:   # the same summaries at scale 1, in a fresh process with its own databases
        command = [sys.executable, __file__, "--count-queries"] + [f"--only={n}" for n in names]
        small = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
    problems = []
    for r in results:
        name = r["scenario"]
        print(f"{name}: {r['members']:,} members (loaded in {r['loaded_s']}s), {r['blocks']} blocks, {r['figures']} figures, "
              f"{r['queries']} queries; summary {r['value'] * 1000:.1f} ms, SQL {r['limit'] * 1000:.1f} ms, {r['ratio']:.2f}×; "
              f"inside the database {r['db_ms']:.1f} ms against {r['db_sql_ms']:.1f} ms")
        for label, a in r["apps"].items():
            print(f"    {label:<11} {a['ms']:>8.2f} ms against {a['sql_ms']:>7.2f} ms  {a['ratio']}×")
        if r["missing"]:
            problems.append(f"{name}: apps with a summary and no reference in bench/raw_sql: {', '.join(r['missing'])}")
        if r["mismatched"]:
            problems.append(f"{name}: raw SQL and summary disagree: {r['mismatched']}")
        if small[name] != r["queries"]:
            problems.append(f"{name}: {small[name]} queries at scale 1 and {r['queries']} at scale {scale}")
    for problem in problems:
        print(problem)
    value, limit = sum(r["value"] for r in results), sum(r["limit"] for r in results)
    worst = max(r["ratio"] for r in results)
    print(json.dumps({"bench": "summary", "value": round(value, 6), "limit": round(limit, 6), "ratio": round(value / limit, 3),
                      "target": TARGET, "pass": worst <= TARGET and not problems, "worst": round(worst, 3), "scale": scale,
                      "ratios": {r["scenario"]: round(r["ratio"], 3) for r in results},
                      "queries": {r["scenario"]: r["queries"] for r in results},
                      "db_ratios": {r["scenario"]: round(r["db_ms"] / r["db_sql_ms"], 3) if r["db_sql_ms"] else None
                                    for r in results}}))


if __name__ == "__main__":
    main()
