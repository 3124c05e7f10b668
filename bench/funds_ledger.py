"""The fund ledger's trial balance for a union with a large year of postings, against hand-written SQL.

value: seconds for `gonghui.funds.selectors.trial_balance(org=union, year=2025)` — turnover by
       account of every line of the org's year, with the balances on each account's side.
limit: seconds for hand-written SQL (cursor.execute) stating the same figures: the lines joined
       to their entries, grouped by account, summed; and the number of vouchers.
ratio = value / limit; target 1.5. Also: the books balance (debits equal credits), and the
trial balance asks two queries whatever the number of entries.

The ledger rows are written in bulk (a bench needs a year of postings in seconds); each entry
is balanced, as `funds.services.entry_post` would have made it.

    .venv/bin/python bench/funds_ledger.py [--quick]
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
ENTRIES = 5_000 if QUICK else 40_000
REPEAT = 7 if QUICK else 15
DB = ROOT / "var" / f"bench-funds-{os.getpid()}.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from gonghui.funds import chart  # noqa: E402
from gonghui.funds.models import Entry, Line  # noqa: E402
from gonghui.funds.selectors import trial_balance  # noqa: E402
from gonghui.orgs.services import org_create  # noqa: E402

CODES = [a.code for a in chart.CHART if a.code not in (chart.BANK, chart.CASH)]


def build(union, rng: random.Random) -> None:
    entries = [Entry(org=union, year=2025, number=i + 1, date=dt.date(2025, 1 + i % 12, 1 + i % 28), memo="bench",
                     idempotency_key=f"bench:{i}") for i in range(ENTRIES)]
    Entry.objects.bulk_create(entries, batch_size=2000)
    lines = []
    for entry in Entry.objects.filter(org=union).only("pk"):
        amount = Decimal(rng.randint(100, 10_000_000)) / 100
        side = rng.random() < 0.5
        lines.append(Line(entry_id=entry.pk, account=rng.choice(CODES), debit=amount if side else 0, credit=0 if side else amount))
        lines.append(Line(entry_id=entry.pk, account=chart.BANK, debit=0 if side else amount, credit=amount if side else 0))
    Line.objects.bulk_create(lines, batch_size=5000)


RAW = """
SELECT l.account, SUM(l.debit), SUM(l.credit) FROM funds_line l JOIN funds_entry e ON e.id = l.entry_id
WHERE e.org_id = %s AND e.year = %s GROUP BY l.account ORDER BY l.account
"""
COUNT = "SELECT COUNT(*) FROM funds_entry WHERE org_id = %s AND year = %s"


def best(fn) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    try:
        call_command("migrate", verbosity=0)
        federation = org_create(actor=None, code="GANGTIE", name="某钢铁公司工会", kind="federation")
        union = org_create(actor=None, code="BENBU", name="本部工会", kind="union", parent=federation)
        build(union, random.Random(7))
        with CaptureQueriesContext(connection) as queries:
            tb = trial_balance(org=union, year=2025)
        assert tb.balances, "the bench's books must balance"

        def raw():
            with connection.cursor() as cursor:
                cursor.execute(RAW, [union.pk, 2025])
                rows = cursor.fetchall()
                cursor.execute(COUNT, [union.pk, 2025])
                return rows, cursor.fetchone()

        value = best(lambda: trial_balance(org=union, year=2025).rows)
        limit = best(raw)
        ratio = value / limit
        print(f"trial balance of {ENTRIES:,} entries: {value * 1000:.1f} ms; hand-written SQL {limit * 1000:.1f} ms; "
              f"{len(queries)} queries; balances: {tb.balances}")
        print(json.dumps({"bench": "funds_ledger", "value": round(value, 4), "limit": round(limit, 4), "ratio": round(ratio, 3),
                          "target": 1.5, "pass": ratio <= 1.5 and len(queries) <= 2 and tb.balances}))
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
