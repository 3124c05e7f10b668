"""The safety network's and the hazard census's summary figures (safety.summary) in hand-written SQL:
the summary bench's reference, kept out of the product. gonghui/safety/tests/test_raw_sql.py holds it
equal to the summary. The tables keep their voice_ names from before the safety network became its own app.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gonghui.core.summary import Period
from gonghui.safety.choices import OPEN_REPORT_STATES, ReportStatus

# The median of the days to answer: percentile_cont on PostgreSQL; on SQLite the middle one (odd
# count) or the mean of the middle two (even count), by ORDER BY / LIMIT / OFFSET.
_MEDIAN = {
    "sqlite": """(SELECT AVG(w.d) FROM (
        SELECT d FROM waits ORDER BY d
        LIMIT 2 - (SELECT COUNT(*) FROM waits) %% 2 OFFSET ((SELECT COUNT(*) FROM waits) - 1) / 2) w)""",
    "postgresql": "(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) FROM waits)",
}

# One row: the period's reports counted by state (and by month), the median of their days to
# answer, and the network and the hazard census as they stood at the period's end.
_RAW_SQL = """
WITH subtree AS (SELECT id FROM orgs_org WHERE path LIKE %(path)s),
reports AS (
  SELECT x.status, x.deadline, x.reopen_count, x.days_to_answer, x.reported_on
  FROM voice_safetyreport x JOIN subtree o ON o.id = x.org_id
  WHERE x.reported_on BETWEEN %(start)s AND %(end)s
),
waits AS (SELECT days_to_answer AS d FROM reports WHERE days_to_answer IS NOT NULL)
SELECT
  (SELECT COUNT(*) FROM voice_safetygroup x JOIN subtree o ON o.id = x.org_id WHERE x.is_active),
  (SELECT COUNT(*) FROM voice_safetyrep x JOIN subtree o ON o.id = x.org_id
    WHERE x.appointed_on <= %(end)s AND (x.ended_on IS NULL OR x.ended_on > %(end)s)),
  (SELECT COUNT(*) FROM voice_hazardpost x JOIN subtree o ON o.id = x.org_id WHERE x.surveyed_on <= %(end)s),
  (SELECT COUNT(DISTINCT x.member_id) FROM voice_exposure x JOIN subtree o ON o.id = x.org_id
    WHERE x.since <= %(end)s AND (x.until IS NULL OR x.until >= %(start)s)),
  (SELECT COUNT(*) - COUNT(x.done_on) FROM voice_followup x JOIN subtree o ON o.id = x.org_id
    WHERE x.due_on BETWEEN %(start)s AND %(end)s),
  {median},
  r.*
FROM (
  SELECT
    COUNT(*),
    SUM(CASE WHEN status = %(resolved)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN status IN ({open}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN status IN ({open}) AND deadline < %(today)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END)
    {months}
  FROM reports
) r
"""

# The reports of each supervision group (none: '—'), in the order of the groups' orgs.
_GROUPS = """
SELECT g.name, COUNT(*), SUM(CASE WHEN x.status = %(resolved)s THEN 1 ELSE 0 END)
FROM voice_safetyreport x JOIN orgs_org o ON o.id = x.org_id
LEFT JOIN voice_safetygroup g ON g.id = x.group_id LEFT JOIN orgs_org go ON go.id = g.org_id
WHERE o.path LIKE %(path)s AND x.reported_on BETWEEN %(start)s AND %(end)s
GROUP BY g.name, go.path
ORDER BY go.path
"""


def _months(period: Period) -> list[tuple[int, int, dt.date, dt.date]]:
    """(year, month, first day, last day) of each month, clipped to the period; none for a span of years."""
    if period.start.year != period.end.year:
        return []
    found, month = [], period.start.replace(day=1)
    while month <= period.end:
        following = (month + dt.timedelta(days=32)).replace(day=1)
        found.append((month.year, month.month, max(month, period.start), min(following - dt.timedelta(days=1), period.end)))
        month = following
    return found


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int | tuple]:
    """Every number safety's `sections()` states, in two statements (everything counted, then the
    reports by supervision group), under the same conditions; nothing when the org has no group,
    rep, report or hazard post. What the section names comes back as tuples: "safety.groups"
    ((group, reports, resolved), …) and "safety.months" ((year, month, reports), …)."""
    vendor = connection.vendor if connection.vendor in _MEDIAN else "sqlite"
    months = _months(period)
    open_in = ", ".join(f"%(open_{i})s" for i in range(len(OPEN_REPORT_STATES)))
    month_sums = "".join(f",\n    SUM(CASE WHEN reported_on BETWEEN %(lo_{i})s AND %(hi_{i})s THEN 1 ELSE 0 END)"
                         for i in range(len(months)))
    params = {
        "path": org.path + "%", "start": period.start, "end": period.end, "today": dt.date.today(),
        "resolved": str(ReportStatus.RESOLVED), **{f"open_{i}": str(s) for i, s in enumerate(OPEN_REPORT_STATES)},
        **{f"lo_{i}": lo for i, (_y, _m, lo, _hi) in enumerate(months)},
        **{f"hi_{i}": hi for i, (_y, _m, _lo, hi) in enumerate(months)},
    }
    with connection.cursor() as cursor:
        cursor.execute(_RAW_SQL.format(median=_MEDIAN[vendor], open=open_in, months=month_sums), params)
        groups, reps, posts, exposed, follow_ups_open, median, *counts = cursor.fetchone()
        received, resolved, in_progress, overdue, reopened, *per_month = (int(n or 0) for n in counts)
        by_group = ()
        if received:
            cursor.execute(_GROUPS, params)
            by_group = tuple((name or "—", n, int(r or 0)) for name, n, r in cursor.fetchall())
    found: dict[str, Decimal | int | tuple] = {}
    if groups or reps:
        found |= {"safety.network.groups": groups, "safety.network.reps": reps}
    if received:
        found |= {"safety.reports.received": received, "safety.reports.resolved": resolved,
                  "safety.reports.in_progress": in_progress, "safety.reports.overdue": overdue,
                  "safety.groups": by_group,
                  "safety.months": tuple((y, m, n) for (y, m, _lo, _hi), n in zip(months, per_month, strict=True))}
        if median is not None:
            found["safety.reports.median_days"] = Decimal(str(median)).quantize(Decimal("0.1"))
        if reopened:
            found["safety.reports.reopened"] = reopened
    if posts:
        found |= {"safety.hazards.posts": posts, "safety.hazards.exposed": exposed}
        if follow_ups_open:
            found["safety.hazards.follow_ups_open"] = follow_ups_open
    return found
