"""Governance's part of the work summary for a whole federation, against hand-written SQL.

value: seconds for `gonghui.governance.summary.sections(org=federation, period=2025)` —
       targets with the actual as of the period end and last year's, meetings by kind with
       attendance and the congress decisions, the quarters each every-quarter rule missed,
       this period's plan check and next period's items, and the sentences.
limit: seconds for hand-written SQL (cursor.execute) computing the same figures: the
       grouped targets with a correlated latest-check subquery (this year and last),
       meeting counts by kind (both years), congress decisions, the missed quarters by
       a rules × quarters anti-join, and the plan rows of both periods.
ratio = value / limit; target 1.5. Also: the summary's query count for the full federation
is no more than for five unions (it does not grow with the data; a small federation may
take one query more, to name the few unions behind a target).

    .venv/bin/python bench/governance.py [--quick]
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
UNIONS = 300 if QUICK else 1000
REPEAT = 15 if QUICK else 25
DB = ROOT / "var" / f"bench-governance-{os.getpid()}.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import translation  # noqa: E402

from gonghui.governance.models import Meeting, MeetingDecision, MeetingRule, Plan, Target, TargetCheck  # noqa: E402
from gonghui.governance.summary import sections  # noqa: E402
from gonghui.orgs.services import org_create  # noqa: E402
from gonghui.reports.providers import Period  # noqa: E402

KINDS = ("regular", "production_review", "committee")
NAMES = ("降本增效", "安全培训", "合理化建议")


def build(federation, n_unions: int, rng: random.Random, first: int = 0) -> None:
    """n unions (two branches each) with two years of targets, meetings, rules and plans, in bulk."""
    targets, meetings, rules, plans = [], [], [], []
    for i in range(first, first + n_unions):
        union = org_create(actor=None, code=f"U{i}", name=f"第{i}工会", kind="union", parent=federation)
        for j in (1, 2):
            org_create(actor=None, code=f"U{i}-{j}", name=f"第{i}工会{j}作业区", kind="branch", parent=union)
        for year in (2024, 2025):
            for name in NAMES:
                targets.append(Target(org=union, year=year, name=name, unit="万元", target=Decimal(rng.randint(100, 1000))))
            meetings.append(Meeting(org=union, kind="congress", title=f"{year}年职工代表大会", date=dt.date(year, 4, 10),
                                    present=90, expected=93))
            for month in range(1, 13):
                if rng.random() < 0.85:
                    meetings.append(Meeting(org=union, kind=rng.choice(KINDS), title="会议", date=dt.date(year, month, 15),
                                            present=9, expected=10))
            for k in range(8):
                plans.append(Plan(org=union, year=year + 1, position=k, text=f"计划{k}", status=rng.choice(["planned", "done", "done"])))
        rules += [MeetingRule(org=union, kind=kind, since=dt.date(2024, 1, 1)) for kind in KINDS[:2]]
    if first == 0:  # the federation's own plan, which its summary states
        plans += [Plan(org=federation, year=year, position=k, text=f"联合会计划{k}", status=rng.choice(["planned", "done"]))
                  for year in (2025, 2026) for k in range(10)]
    Target.objects.bulk_create(targets, batch_size=2000)
    created = list(Target.objects.filter(org__code__in=[f"U{i}" for i in range(first, first + n_unions)]))
    checks = []
    for t in created:
        final = t.target * Decimal(rng.randint(60, 220)) / 100
        checks += [TargetCheck(target=t, kind="mid_year", date=dt.date(t.year, 6, 30), actual=(final / 2).quantize(Decimal("0.01"))),
                   TargetCheck(target=t, kind="year_end", date=dt.date(t.year, 12, 31), actual=final.quantize(Decimal("0.01")))]
    TargetCheck.objects.bulk_create(checks, batch_size=2000)
    Meeting.objects.bulk_create(meetings, batch_size=2000)
    congresses = Meeting.objects.filter(kind="congress", org__code__in=[f"U{i}" for i in range(first, first + n_unions)])
    MeetingDecision.objects.bulk_create(
        [MeetingDecision(meeting=m, position=k, text=f"《事项{k}》") for m in congresses for k in range(4)], batch_size=2000)
    MeetingRule.objects.bulk_create(rules, batch_size=2000)
    Plan.objects.bulk_create(plans, batch_size=2000)


QUARTERS = " UNION ALL ".join(
    f"SELECT {q} AS q, '{start}' AS qs, '{end}' AS qe" for q, start, end in
    ((1, "2025-01-01", "2025-03-31"), (2, "2025-04-01", "2025-06-30"), (3, "2025-07-01", "2025-09-30"), (4, "2025-10-01", "2025-12-31"))
)


def hand_sql(path: str) -> dict:
    """The same figures, written by hand against the tables."""
    like = path + "%"
    out = {}
    with connection.cursor() as c:
        for label, year, end in (("now", 2025, "2025-12-31"), ("before", 2024, "2024-12-31")):
            c.execute(
                "SELECT t.name, t.unit, SUM(t.target), SUM((SELECT k.actual FROM governance_targetcheck k WHERE k.target_id = t.id "
                "AND k.date <= %s ORDER BY k.date DESC, k.id DESC LIMIT 1)) FROM governance_target t JOIN orgs_org o ON o.id = t.org_id "
                "WHERE o.path LIKE %s AND t.year = %s GROUP BY t.name, t.unit ORDER BY t.name", [end, like, year])
            out[f"targets_{label}"] = c.fetchall()
            c.execute(
                "SELECT m.kind, COUNT(*), SUM(m.present), SUM(m.expected) FROM governance_meeting m JOIN orgs_org o ON o.id = m.org_id "
                "WHERE o.path LIKE %s AND m.date BETWEEN %s AND %s GROUP BY m.kind", [like, f"{year}-01-01", end])
            out[f"meetings_{label}"] = c.fetchall()
        c.execute(
            "SELECT m.id, m.title, m.date, o.name, d.text FROM governance_meeting m JOIN orgs_org o ON o.id = m.org_id "
            "LEFT JOIN governance_meetingdecision d ON d.meeting_id = m.id WHERE o.path LIKE %s AND m.kind = 'congress' "
            "AND m.date BETWEEN '2025-01-01' AND '2025-12-31' ORDER BY m.date, m.id, d.position", [like])
        out["congress"] = c.fetchall()
        c.execute(
            f"SELECT r.org_id, o.name, r.kind, qq.q FROM governance_meetingrule r JOIN orgs_org o ON o.id = r.org_id "
            f"CROSS JOIN ({QUARTERS}) qq WHERE o.path LIKE %s AND r.is_active AND qq.qe >= r.since AND NOT EXISTS ("
            f"SELECT 1 FROM governance_meeting m WHERE m.org_id = r.org_id AND m.kind = r.kind AND m.date BETWEEN qq.qs AND qq.qe) "
            f"ORDER BY o.path, r.kind, qq.q", [like])
        out["missing"] = c.fetchall()
        c.execute("SELECT r.kind FROM governance_meetingrule r JOIN orgs_org o ON o.id = r.org_id WHERE o.path LIKE %s AND r.is_active", [like])
        out["ruled"] = {k for (k,) in c.fetchall()}
        for label, year in (("plans_now", 2025), ("plans_next", 2026)):
            c.execute("SELECT p.text, p.status FROM governance_plan p JOIN orgs_org o ON o.id = p.org_id "
                      "WHERE o.path = %s AND p.year = %s ORDER BY p.year, p.half, p.position, p.id", [path, year])
            out[label] = c.fetchall()
    return out


def timed_pair(first, second, repeat: int) -> tuple[float, float]:
    """The best of `repeat` runs of each, interleaved: the machine is shared, so both sides
    see the same load, and the minimum is the run least disturbed."""
    first(), second()  # warm caches on both sides
    a, b = [], []
    for _ in range(repeat):
        for fn, runs in ((first, a), (second, b)):
            start = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - start)
    return min(a), min(b)


def main() -> None:
    DB.parent.mkdir(exist_ok=True)
    try:
        call_command("migrate", verbosity=0)
        rng = random.Random(2025)
        federation = org_create(actor=None, code="GANGTIE", name="某钢铁公司工会", kind="federation")
        period = Period.year(2025)
        build(federation, 5, rng)
        with translation.override("zh-hans"):
            with CaptureQueriesContext(connection) as small:
                sections(org=federation, period=period)
            build(federation, UNIONS - 5, rng, first=5)
            with CaptureQueriesContext(connection) as large:
                section, = sections(org=federation, period=period)
            value, limit = timed_pair(lambda: sections(org=federation, period=period), lambda: hand_sql(federation.path), REPEAT)
        figures = hand_sql(federation.path)
        # the two sides agree on what they count
        missed = next(f.value for f in section.figures if f.key == "governance.meetings.missed")
        assert len(figures["missing"]) == missed, (len(figures["missing"]), missed)
        assert sum(n for _k, n, _p, _e in figures["meetings_now"]) == next(f.value for f in section.figures if f.key == "governance.meetings.held")
        assert len(figures["plans_next"]) == len(section.plans)
        queries_constant = len(large.captured_queries) <= len(small.captured_queries)
        print(f"unions={UNIONS} meetings={Meeting.objects.count()} targets={Target.objects.count()} plans={Plan.objects.count()}")
        print(f"summary {value * 1000:.1f} ms, hand SQL {limit * 1000:.1f} ms; queries {len(small.captured_queries)} (5 unions) "
              f"vs {len(large.captured_queries)} ({UNIONS} unions)")
        ratio = value / limit
        print(json.dumps({"bench": "governance", "value": round(value, 5), "limit": round(limit, 5), "ratio": round(ratio, 3),
                          "target": 1.5, "pass": bool(ratio <= 1.5 and queries_constant)}))
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{DB}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
