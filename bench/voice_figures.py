"""Bench: the union's voice figures against one hand-written SQL query computing the same numbers.

Loads the scenario's volume for the union (1853 members, 2854 suggestions, 1087 safety reports,
152 reps, 48 hazard posts) through the scenario loaders, then times
voice.selectors.suggestion_figures + safety.selectors.safety_figures + hazard_figures for the union's year against
a single SQL statement, checks that both give identical numbers, and prints the ratio
(target: at most 1.5x).

    .venv/bin/python bench/voice_figures.py [--quick]
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench-voice.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"

TARGET = 1.5

SQL = """
WITH s AS (
  SELECT s.* FROM voice_suggestion s JOIN orgs_org o ON o.id = s.org_id
  WHERE o.path LIKE %(path)s AND s.submitted_on BETWEEN %(start)s AND %(end)s
), r AS (
  SELECT r.* FROM voice_safetyreport r JOIN orgs_org o ON o.id = r.org_id
  WHERE o.path LIKE %(path)s AND r.reported_on BETWEEN %(start)s AND %(end)s
), waits AS (
  SELECT days_to_answer AS d FROM r WHERE days_to_answer IS NOT NULL
), ranked AS (
  SELECT d, ROW_NUMBER() OVER (ORDER BY d) AS rn, COUNT(*) OVER () AS c FROM waits
)
SELECT
  (SELECT COUNT(*) FROM s),
  (SELECT COUNT(*) FROM s WHERE status IN ('adopted', 'assigned', 'implemented')),
  (SELECT COUNT(*) FROM s WHERE status = 'rejected'),
  (SELECT COUNT(*) FROM s WHERE status = 'implemented'),
  (SELECT COUNT(*) FROM s WHERE is_golden),
  (SELECT COUNT(*) FROM s WHERE reopen_count > 0),
  (SELECT COALESCE(SUM(CAST(saving_yuan AS REAL)), 0) FROM s),
  (SELECT COUNT(*) FROM members_member m JOIN orgs_org o ON o.id = m.org_id
     WHERE o.path LIKE %(path)s AND (m.join_date <= %(end)s OR m.join_date IS NULL)
       AND (m.status = 'active' OR m.left_date > %(end)s)),
  (SELECT COUNT(*) FROM r),
  (SELECT COUNT(*) FROM r WHERE status = 'resolved'),
  (SELECT COUNT(*) FROM r WHERE status IN ('received', 'forwarded', 'in_progress')),
  (SELECT COUNT(*) FROM r WHERE status IN ('received', 'forwarded', 'in_progress') AND deadline < %(today)s),
  (SELECT COUNT(*) FROM r WHERE reopen_count > 0),
  (SELECT COUNT(*) FROM waits),
  (SELECT AVG(d) FROM ranked WHERE rn IN ((c + 1) / 2, (c + 2) / 2)),
  (SELECT COUNT(*) FROM voice_safetygroup g JOIN orgs_org o ON o.id = g.org_id WHERE o.path LIKE %(path)s AND g.is_active),
  (SELECT COUNT(*) FROM voice_safetyrep p JOIN orgs_org o ON o.id = p.org_id WHERE o.path LIKE %(path)s
     AND p.appointed_on <= %(end)s AND (p.ended_on IS NULL OR p.ended_on > %(end)s)),
  (SELECT COUNT(*) FROM voice_hazardpost h JOIN orgs_org o ON o.id = h.org_id WHERE o.path LIKE %(path)s AND h.surveyed_on <= %(end)s),
  (SELECT COUNT(DISTINCT e.member_id) FROM voice_exposure e JOIN orgs_org o ON o.id = e.org_id WHERE o.path LIKE %(path)s
     AND e.since <= %(end)s AND (e.until IS NULL OR e.until >= %(start)s)),
  (SELECT COUNT(*) FROM voice_followup f JOIN orgs_org o ON o.id = f.org_id WHERE o.path LIKE %(path)s
     AND f.due_on BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(*) FROM voice_followup f JOIN orgs_org o ON o.id = f.org_id WHERE o.path LIKE %(path)s
     AND f.due_on BETWEEN %(start)s AND %(end)s AND f.done_on IS NOT NULL)
"""


def main(quick: bool) -> dict:
    if DB.exists():
        DB.unlink()
    DB.parent.mkdir(exist_ok=True)
    import django

    django.setup()
    import datetime as dt

    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from gonghui.members import scenario as members_scenario
    from gonghui.reports.scenarios import ScenarioContext, read_scenario, scenario_path
    from gonghui.safety import scenario as safety_scenario
    from gonghui.safety.selectors import hazard_figures, safety_figures
    from gonghui.voice import scenario as voice_scenario
    from gonghui.voice.selectors import suggestion_figures

    spec = read_scenario(scenario_path("benbu-2025"))
    ctx = ScenarioContext(spec=spec, rng=random.Random(2025), year=2025)
    started = time.perf_counter()
    with transaction.atomic():
        members_scenario.load(spec, ctx)
        voice_scenario.load(spec, ctx)
        safety_scenario.load(spec, ctx)
    print(f"loaded the scenario's volume in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    union, start, end, today = ctx.union, dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date.today()

    def by_selectors():
        s = suggestion_figures(org=union, start=start, end=end)
        f = safety_figures(org=union, start=start, end=end, today=today)
        h = hazard_figures(org=union, start=start, end=end)
        return (s.submitted, s.adopted, s.rejected, s.implemented, s.golden, s.reopened, Decimal(s.saving_yuan), s.members,
                f.received, f.resolved, f.in_progress, f.overdue, f.reopened, f.answered,
                f.median_days_to_answer, f.groups, f.reps, h.posts_surveyed, h.workers_exposed, h.follow_ups_due, h.follow_ups_done)

    params = {"path": union.path + "%", "start": start.isoformat(), "end": end.isoformat(), "today": today.isoformat()}

    def by_sql():
        with connection.cursor() as cursor:
            cursor.execute(SQL, params)
            row = list(cursor.fetchone())
        row[6] = Decimal(str(row[6]))
        row[14] = Decimal(str(row[14])).quantize(Decimal("0.1")) if row[14] is not None else None
        return tuple(row)

    mine, theirs = by_selectors(), by_sql()
    if mine != theirs:
        print(f"numbers differ:\n selectors {mine}\n sql       {theirs}", file=sys.stderr)
    print(f"selectors: {mine}", file=sys.stderr)
    rounds = 30 if quick else 150
    times: dict = {by_selectors: [], by_sql: []}
    # Interleaved, so a busy moment on the machine falls on both sides alike; medians of each side.
    for i in range(rounds + 5):
        for fn in ((by_selectors, by_sql) if i % 2 else (by_sql, by_selectors)):
            t = time.perf_counter()
            fn()
            if i >= 5:  # the first rounds warm the caches
                times[fn].append(time.perf_counter() - t)
    value, limit = statistics.median(times[by_selectors]), statistics.median(times[by_sql])
    ratio = value / limit
    DB.unlink(missing_ok=True)
    return {"bench": "voice_figures", "value": round(value * 1000, 3), "limit": round(limit * 1000, 3),
            "ratio": round(ratio, 3), "target": TARGET, "pass": bool(ratio <= TARGET and mine == theirs)}


if __name__ == "__main__":
    print(json.dumps(main("--quick" in sys.argv)))
