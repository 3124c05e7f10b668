"""The voice's and the safety network's summary figures in hand-written SQL: the bench's reference.

Kept out of the product (it was voice.summary.raw_sql_figures): only benches and the test that
holds it equal to the summary (gonghui/voice/tests/test_raw_sql_figures.py) import it.
The tables keep their voice_ names after the safety network became its own app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from gonghui.core.formatting import ratio
from gonghui.core.summary import Period
from gonghui.members.choices import MemberStatus
from gonghui.safety.choices import OPEN_REPORT_STATES, ReportStatus
from gonghui.voice.choices import ADOPTED_STATES, SuggestionStatus


def _placeholders(name: str, values: Iterable[str]) -> tuple[str, dict[str, str]]:
    """`%(name_0)s, %(name_1)s, …` and their params: an IN list the same on SQLite and PostgreSQL."""
    params = {f"{name}_{i}": str(v) for i, v in enumerate(values)}
    return ", ".join(f"%({k})s" for k in params), params


# One row of one-row aggregates, one per table, each scanning its table once; both years of
# suggestions and of the roll in the same scan, as the 同比 needs. The subtree's orgs are found
# once, by their materialised path. Plain SQL for both backends.
_RAW_SQL = """
WITH subtree AS (SELECT id FROM orgs_org WHERE path LIKE %(path)s)
SELECT s.*, m.*, r.*, g.*, p.*, h.*, e.*
FROM (
  SELECT
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.status IN ({adopted}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.status = %(rejected)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s AND x.is_golden THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(start)s AND %(end)s THEN x.saving_yuan END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(last_start)s AND %(last_end)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(last_start)s AND %(last_end)s AND x.status IN ({adopted}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.submitted_on BETWEEN %(last_start)s AND %(last_end)s AND x.status = %(rejected)s THEN 1 ELSE 0 END)
  FROM voice_suggestion x JOIN subtree o ON o.id = x.org_id
  WHERE x.submitted_on BETWEEN %(start)s AND %(end)s OR x.submitted_on BETWEEN %(last_start)s AND %(last_end)s
) s, (
  SELECT
    SUM(CASE WHEN (x.join_date <= %(end)s OR x.join_date IS NULL)
              AND (x.status = %(active)s OR x.left_date > %(end)s) THEN 1 ELSE 0 END),
    SUM(CASE WHEN (x.join_date <= %(last_end)s OR x.join_date IS NULL)
              AND (x.status = %(active)s OR x.left_date > %(last_end)s) THEN 1 ELSE 0 END)
  FROM members_member x JOIN subtree o ON o.id = x.org_id
) m, (
  SELECT
    COUNT(*),
    SUM(CASE WHEN x.status = %(resolved)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.status IN ({open}) THEN 1 ELSE 0 END),
    SUM(CASE WHEN x.status IN ({open}) AND x.deadline < %(today)s THEN 1 ELSE 0 END)
  FROM voice_safetyreport x JOIN subtree o ON o.id = x.org_id
  WHERE x.reported_on BETWEEN %(start)s AND %(end)s
) r, (
  SELECT COUNT(*) FROM voice_safetygroup x JOIN subtree o ON o.id = x.org_id WHERE x.is_active
) g, (
  SELECT COUNT(*) FROM voice_safetyrep x JOIN subtree o ON o.id = x.org_id
  WHERE x.appointed_on <= %(end)s AND (x.ended_on IS NULL OR x.ended_on > %(end)s)
) p, (
  SELECT COUNT(*) FROM voice_hazardpost x JOIN subtree o ON o.id = x.org_id
  WHERE x.surveyed_on <= %(end)s
) h, (
  SELECT COUNT(DISTINCT x.member_id) FROM voice_exposure x JOIN subtree o ON o.id = x.org_id
  WHERE x.since <= %(end)s AND (x.until IS NULL OR x.until >= %(start)s)
) e
"""


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int | None]:
    """The figures of voice's and safety's `sections()` from one hand-written SQL statement: the
    summary bench's reference.

    Why it exists: the bench times the whole summary against the least work that could state the
    same numbers, so this returns exactly the keys the two `sections()` put into their figures (and
    `<key>.previous` where they set `previous`), under the same conditions, with the same values.
    Rates are rounded by the same `ratio` as the selectors'; the SQL only counts and adds up.
    """
    last = period.same_period_last_year()
    adopted_in, adopted = _placeholders("adopted", ADOPTED_STATES)
    open_in, open_ = _placeholders("open", OPEN_REPORT_STATES)
    params = {
        "path": org.path + "%", "start": period.start, "end": period.end, "last_start": last.start, "last_end": last.end,
        "today": dt.date.today(), "rejected": str(SuggestionStatus.REJECTED), "resolved": str(ReportStatus.RESOLVED),
        "active": str(MemberStatus.ACTIVE), **adopted, **open_,
    }
    sql = _RAW_SQL.format(adopted=adopted_in, open=open_in)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = [v or 0 for v in cursor.fetchone()]
    (submitted, adopted_n, rejected, golden, saving, before_submitted, before_adopted, before_rejected,
     on_roll, before_on_roll, received, resolved, in_progress, overdue, groups, reps, posts, exposed) = row

    found: dict[str, Decimal | int | None] = {}
    if submitted:
        decided, before_decided = adopted_n + rejected, before_adopted + before_rejected
        found |= {
            "voice.suggestions.submitted": submitted,
            "voice.suggestions.per_member": ratio(submitted, on_roll, 2),
            "voice.suggestions.adoption_rate": ratio(adopted_n * 100, decided, 2),
            "voice.suggestions.adopted": adopted_n,
            "voice.suggestions.golden": golden,
            # SQLite adds decimals as floats: back to the cents they were.
            "voice.suggestions.saving": Decimal(str(saving)).quantize(Decimal("0.01")),
        }
        if before_submitted:
            found["voice.suggestions.submitted.previous"] = before_submitted
            if before_on_roll:
                found["voice.suggestions.per_member.previous"] = ratio(before_submitted, before_on_roll, 2)
        if before_decided:
            found["voice.suggestions.adoption_rate.previous"] = ratio(before_adopted * 100, before_decided, 2)
    # The safety app's section: empty without groups, reps, reports or hazard posts.
    if groups or reps:
        found |= {"safety.network.groups": groups, "safety.network.reps": reps}
    if received:
        found |= {"safety.reports.received": received, "safety.reports.resolved": resolved,
                  "safety.reports.in_progress": in_progress, "safety.reports.overdue": overdue}
    if posts:
        found |= {"safety.hazards.posts": posts, "safety.hazards.exposed": exposed}
    return found
