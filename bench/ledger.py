"""A federation's year of fund postings on PostgreSQL: the trial balance and the income-and-spending
statement through the product, each against one hand-written SQL query.

Built through the product's own bulk path (`funds.services.entries_post_bulk`: every entry checked
to balance, numbered, one history row each) for a federation of UNIONS unions; the first union keeps
a fifth of all entries, the rest share the others, each entry a voucher of two lines (an income or
spending account against 银行存款).

value 1: seconds for `funds.selectors.trial_balance(org=largest union, year)` — turnover of every
         account of its year's books, and the number of vouchers.
limit 1: seconds for one hand-written query: its lines joined to its year's entries, grouped by
         account, summed, with the voucher count as a scalar subquery.
value 2: seconds for `funds.selectors.funds_figures(org=federation, start, end)` — the income-and-
         spending statement of the whole federation (every union's books, by the org tree).
limit 2: seconds for one hand-written query: lines joined to entries joined to the subtree's orgs
         by materialised path, grouped by account.
Both results are asserted equal to the product's, figure by figure. ratio = the larger of the two
value/limit ratios; target 1.5 each. The JSON line gives both ratios.

Database: a fresh PostgreSQL database (GONGHUI_BENCH_LEDGER_DB, default hplat_ledger, on
GONGHUI_BENCH_PG, default postgres://postgres@127.0.0.1:5432), dropped at the end unless --keep;
without a PostgreSQL server it runs on a temporary SQLite file (and says so).

    .venv/bin/python bench/ledger.py [--quick] [--entries N] [--keep]

--quick: 50,000 entries (a few minutes at most); otherwise 1,000,000.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUICK = "--quick" in sys.argv
KEEP = "--keep" in sys.argv
ENTRIES = int(sys.argv[sys.argv.index("--entries") + 1]) if "--entries" in sys.argv else (50_000 if QUICK else 1_000_000)
UNIONS = int(os.environ.get("GONGHUI_BENCH_LEDGER_UNIONS", 20 if QUICK else 100))
REPEAT = 7 if QUICK else 5
YEAR = 2025
PG = os.environ.get("GONGHUI_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("GONGHUI_BENCH_LEDGER_DB", "hplat_ledger")
SQLITE = ROOT / "var" / f"bench-ledger-{os.getpid()}.sqlite3"


def database_fresh() -> str:
    """The bench's own PostgreSQL database, new; a SQLite file when no server answers."""
    try:
        import psycopg

        with psycopg.connect(f"{PG}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
        return f"{PG}/{DB_NAME}"
    except Exception as exc:  # no server: the laptop run
        print(f"PostgreSQL not reachable ({type(exc).__name__}); running on SQLite")
        SQLITE.parent.mkdir(exist_ok=True)
        return f"sqlite:///{SQLITE}"


def database_drop(url: str) -> None:
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


URL = database_fresh()
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = URL

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from gonghui.funds import chart, selectors  # noqa: E402
from gonghui.funds.services import EntrySpec, LineSpec, entries_post_bulk  # noqa: E402
from gonghui.orgs.services import org_create  # noqa: E402

INCOME = chart.codes_of(chart.INCOME)
SPENDING = chart.codes_of(chart.SPENDING)

TB_SQL = """
SELECT l.account, SUM(l.debit), SUM(l.credit),
       (SELECT COUNT(*) FROM funds_entry c WHERE c.org_id = %(org)s AND c.year = %(year)s)
FROM funds_line l JOIN funds_entry e ON e.id = l.entry_id
WHERE e.org_id = %(org)s AND e.year = %(year)s
GROUP BY l.account ORDER BY l.account
"""
STATEMENT_SQL = """
SELECT l.account, SUM(l.debit), SUM(l.credit)
FROM funds_line l JOIN funds_entry e ON e.id = l.entry_id JOIN orgs_org o ON o.id = e.org_id
WHERE o.path LIKE %(path)s AND e.date BETWEEN %(start)s AND %(end)s AND l.account IN ({codes})
GROUP BY l.account
"""


def cents(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def year_of_entries(n: int, rng: random.Random, tag: str) -> list[EntrySpec]:
    specs = []
    for i in range(n):
        amount = Decimal(rng.randint(100, 5_000_000)) / 100
        day = dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(365))
        if rng.random() < 0.45:
            lines = (LineSpec(chart.BANK, debit=amount), LineSpec(rng.choice(INCOME), credit=amount))
        else:
            lines = (LineSpec(rng.choice(SPENDING), debit=amount), LineSpec(chart.BANK, credit=amount))
        specs.append(EntrySpec(day, "凭证", lines, f"bench:{tag}:{i}"))
    return specs


def build(federation, rng: random.Random) -> list:
    unions = [org_create(actor=None, code=f"U{i:03d}", name=f"第{i + 1}工会", kind="union", parent=federation)
              for i in range(UNIONS)]
    first = ENTRIES // 5
    shares = [first] + [(ENTRIES - first) // (UNIONS - 1)] * (UNIONS - 1)
    shares[-1] += ENTRIES - sum(shares)
    for union, n in zip(unions, shares):
        entries_post_bulk(actor=None, org=union, entries=year_of_entries(n, rng, union.code))
    return unions


def best(fn) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def disk_bytes() -> int | None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    return SQLITE.stat().st_size if SQLITE.exists() else None


def main() -> None:
    try:
        call_command("migrate", verbosity=0)
        federation = org_create(actor=None, code="FED", name="某市总工会", kind="federation")
        started = time.perf_counter()
        unions = build(federation, random.Random(7))
        built = time.perf_counter() - started
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
            cursor.execute("SELECT COUNT(*) FROM funds_line")
            lines = cursor.fetchone()[0]
        largest = unions[0]
        start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)

        def tb_raw():
            with connection.cursor() as cursor:
                cursor.execute(TB_SQL, {"org": largest.pk, "year": YEAR})
                return cursor.fetchall()

        codes = INCOME + SPENDING
        statement_sql = STATEMENT_SQL.format(codes=", ".join(f"%(c{i})s" for i in range(len(codes))))
        statement_params = {"path": federation.path + "%", "start": start, "end": end, **{f"c{i}": c for i, c in enumerate(codes)}}

        def statement_raw():
            with connection.cursor() as cursor:
                cursor.execute(statement_sql, statement_params)
                return cursor.fetchall()

        # the same numbers, figure by figure
        with CaptureQueriesContext(connection) as tb_queries:
            tb = selectors.trial_balance(org=largest, year=YEAR)
        raw_tb = tb_raw()
        assert [(r.code, r.debit, r.credit) for r in tb.rows] == [(a, cents(d), cents(c)) for a, d, c, _n in raw_tb]
        assert tb.entries == raw_tb[0][3] and tb.balances
        with CaptureQueriesContext(connection) as st_queries:
            statement = selectors.funds_figures(org=federation, start=start, end=end)
        raw_income, raw_spending = {}, {}
        for account, d, c in statement_raw():
            if account in SPENDING and cents(d) - cents(c):
                raw_spending[account] = cents(d) - cents(c)
            elif account in INCOME and cents(c) - cents(d):
                raw_income[account] = cents(c) - cents(d)
        assert statement.income == raw_income and statement.spending == raw_spending

        tb_value = best(lambda: selectors.trial_balance(org=largest, year=YEAR))
        tb_limit = best(tb_raw)
        st_value = best(lambda: selectors.funds_figures(org=federation, start=start, end=end))
        st_limit = best(statement_raw)
        tb_ratio, st_ratio = tb_value / tb_limit, st_value / st_limit
        size = disk_bytes()
        print(f"{connection.vendor}: {ENTRIES:,} entries ({lines:,} lines) in {UNIONS} unions built through entries_post_bulk "
              f"in {built:.1f} s; database {size / 2**20:,.0f} MiB" if size else "")
        print(f"trial balance of {tb.entries:,} vouchers: product {tb_value * 1000:.1f} ms ({len(tb_queries)} queries), "
              f"SQL {tb_limit * 1000:.1f} ms, ratio {tb_ratio:.2f}; balances: {tb.balances}")
        print(f"income-and-spending statement of the federation: product {st_value * 1000:.1f} ms ({len(st_queries)} queries), "
              f"SQL {st_limit * 1000:.1f} ms, ratio {st_ratio:.2f}; income {statement.total_income:,}, "
              f"spending {statement.total_spending:,}")
        ratio = max(tb_ratio, st_ratio)
        print(json.dumps({"bench": "ledger", "value": round(tb_value + st_value, 4), "limit": round(tb_limit + st_limit, 4),
                          "ratio": round(ratio, 3), "target": 1.5, "pass": tb_ratio <= 1.5 and st_ratio <= 1.5,
                          "trial_balance_ratio": round(tb_ratio, 3), "statement_ratio": round(st_ratio, 3),
                          "entries": ENTRIES, "lines": lines, "build_seconds": round(built, 1), "disk_bytes": size,
                          "database": connection.vendor}))
    finally:
        connections.close_all()
        if not KEEP:
            database_drop(URL)


if __name__ == "__main__":
    main()
