"""Bench: the whole work summary against hand-written SQL computing the same figures.

The scenario (scenarios/benbu-2025.yaml) is loaded at ten times its volume
(--quick: once) into a fresh SQLite file under var/, through the services. Then:

- value: the best of several runs (taken in turns with the limit's) of the whole summary (every provider's sections for
  the union and 2025, assembled into the document);
- limit: the best of several runs of raw SQL computing the same figures — written here for
  the member book, and taken from each other app's optional `raw_sql_figures(connection,
  org, period)`: bench/raw_sql/<app>.py, else the app's summary module (see
  gonghui/reports/providers.py); apps without it are named, not timed.

The raw figures must equal the summary's, or the comparison would be of different work,
and the summary must take as many queries at scale 10 as at scale 1 (counted in a
second process on its own database).
The last line is the JSON verdict (target: at most 1.5×).

    .venv/bin/python bench/summary.py [--quick]
"""

from __future__ import annotations

import argparse
import atexit
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


def setup(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def remove_database(db_path: Path) -> None:
    from django.db import connections

    connections.close_all()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def bench_reference(label: str):
    """An app's `raw_sql_figures` kept here with the bench (bench/raw_sql/<label>.py), if any:
    hand-written SQL that only the bench runs stays out of the product."""
    import importlib

    try:
        return importlib.import_module(f"bench.raw_sql.{label}").raw_sql_figures
    except ModuleNotFoundError as exc:
        if exc.name not in {"bench", "bench.raw_sql", f"bench.raw_sql.{label}"}:
            raise
        return None


def members_raw_sql(connection, org, period) -> dict:
    """The member book's figures (members.summary) in two statements, both years at once."""
    last = period.same_period_last_year()
    like = org.path + "%"
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT
              SUM(CASE WHEN (m.join_date <= %s OR m.join_date IS NULL) AND (m.status = 'active' OR m.left_date > %s) THEN 1 ELSE 0 END),
              SUM(CASE WHEN (m.join_date <= %s OR m.join_date IS NULL) AND (m.status = 'active' OR m.left_date > %s)
                        AND m.is_union_member THEN 1 ELSE 0 END),
              SUM(CASE WHEN (m.join_date <= %s OR m.join_date IS NULL) AND (m.status = 'active' OR m.left_date > %s)
                        AND m.contract_status = 'signed' THEN 1 ELSE 0 END),
              SUM(CASE WHEN (m.join_date <= %s OR m.join_date IS NULL) AND (m.status = 'active' OR m.left_date > %s) THEN 1 ELSE 0 END)
            FROM members_member m JOIN orgs_org o ON o.id = m.org_id
            WHERE o.path LIKE %s
            """,
            [period.end, period.end] * 3 + [last.end, last.end, like],
        )
        on_roll, union_members, signed, previous = cursor.fetchone()
        cursor.execute(
            """
            SELECT SUM(CASE WHEN e.kind = 'join' THEN 1 ELSE 0 END), SUM(CASE WHEN e.kind = 'leave' THEN 1 ELSE 0 END)
            FROM members_membershipevent e JOIN members_member m ON m.id = e.member_id JOIN orgs_org o ON o.id = m.org_id
            WHERE o.path LIKE %s AND e.date BETWEEN %s AND %s
            """,
            [like, period.start, period.end],
        )
        joined, left = cursor.fetchone()
    return {
        "members.on_roll": on_roll or 0, "members.on_roll.previous": previous or 0,
        "members.union_members": union_members or 0, "members.joined": joined or 0, "members.left": left or 0,
        "members.contracts_signed": signed or 0,
    }


def summary_queries(fn) -> int:
    from django.conf import settings
    from django.db import connection, reset_queries

    settings.DEBUG = True
    reset_queries()
    try:
        fn()
        return len(connection.queries)
    finally:
        settings.DEBUG = False


def queries_at_scale_1() -> int:
    done = subprocess.run([sys.executable, __file__, "--quick", "--count-queries"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["queries"]


def best_of_turns(runs: int, *fns) -> list[tuple[float, object]]:
    """(best seconds, last result) of each function, run in turns (a, b, a, b, …).

    Alternating keeps a slow spell of a shared machine from falling on one side only.
    """
    best, results = [float("inf")] * len(fns), [None] * len(fns)
    for _ in range(runs):
        for i, fn in enumerate(fns):
            started = time.perf_counter()
            results[i] = fn()
            best[i] = min(best[i], time.perf_counter() - started)
    return list(zip(best, results, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="the scenario at its own size (scale 1)")
    parser.add_argument("--count-queries", action="store_true", help="only print the summary's query count as JSON")
    args = parser.parse_args()
    scale = 1 if args.quick else 10
    (ROOT / "var").mkdir(exist_ok=True)
    db_path = ROOT / "var" / f"bench-summary-{os.getpid()}.sqlite3"
    setup(db_path)
    atexit.register(remove_database, db_path)

    from django.db import connection

    from gonghui.reports.providers import Period, collect_sections, summary_modules
    from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path
    from gonghui.reports.selectors import summary_draft

    spec = read_scenario(scenario_path("benbu-2025"))
    started = time.perf_counter()
    ctx = scenario_load(spec, scale=scale)
    print(f"scenario at scale {scale}: {len(ctx.members):,} members, loaded in {time.perf_counter() - started:.1f}s")
    org, period = ctx.union, Period.year(ctx.year)
    if args.count_queries:
        print(json.dumps({"scale": scale, "queries": summary_queries(lambda: summary_draft(org=org, period=period))}))
        return

    raw_sources = [("members", members_raw_sql)]
    without = []
    for label, module in summary_modules():
        if label == "members":
            continue
        reference = bench_reference(label) or getattr(module, "raw_sql_figures", None)
        if reference is not None:
            raw_sources.append((label, reference))
        else:
            without.append(label)

    def whole_summary():
        return summary_draft(org=org, period=period)

    def raw_sql():
        found = {}
        for _label, fn in raw_sources:
            found.update(fn(connection, org, period))
        return found

    whole_summary()   # warm caches (translations, content types) before timing either side
    raw_sql()
    runs = 5 if args.quick else 7
    (value, content), (limit, figures) = best_of_turns(runs, whole_summary, raw_sql)

    # Same work on both sides: every raw figure equals the summary's.
    computed = {}
    for section in collect_sections(org=org, period=period):
        for figure in section.figures:
            computed[figure.key] = figure.value
            if figure.previous is not None:
                computed[f"{figure.key}.previous"] = figure.previous
    if "members.contract_rate" in computed:
        computed["members.contracts_signed"] = figures.get("members.contracts_signed")  # the rate is signed/on_roll
    mismatched = {k: (v, computed.get(k)) for k, v in figures.items()
                  if k in computed and Decimal(str(v)) != Decimal(str(computed[k]))}
    if mismatched:
        print(f"raw SQL and summary disagree: {mismatched}")

    queries = summary_queries(whole_summary)
    # The query count must not grow with the data: at scale 10 the same summary at scale 1
    # (a fresh process, its own database) must take as many.
    small = queries if args.quick else queries_at_scale_1()
    if small != queries:
        print(f"the summary took {small} queries at scale 1 and {queries} at scale {scale}")
    print(f"summary: {len(content['blocks'])} blocks, {len(content['figures'])} figures, {queries} queries, best {value * 1000:.1f} ms")
    print(f"raw SQL ({', '.join(label for label, _f in raw_sources)}): {len(figures)} figures, best {limit * 1000:.1f} ms")
    if without:
        print(f"apps with a summary but no raw_sql_figures (not in the reference): {', '.join(without)}")
    ratio = value / limit if limit else float("inf")
    print(json.dumps({"bench": "summary", "value": round(value, 6), "limit": round(limit, 6), "ratio": round(ratio, 3),
                      "target": TARGET, "pass": ratio <= TARGET and not mismatched and small == queries,
                      "queries": queries, "queries_scale_1": small}))


if __name__ == "__main__":
    main()
