"""Governance's figures in hand-written SQL: the reference bench/summary.py times the whole
summary against (and gonghui/governance/tests/test_raw_sql.py holds equal to the summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from gonghui.core.formatting import ratio
from gonghui.core.summary import Period
from gonghui.governance.choices import ObjectionStatus, PlanStatus
from gonghui.governance.selectors import quarters_between


def _cents(value: Decimal | float | int) -> Decimal:
    """A SUM as the selectors state it: SQLite returns floats, so back to Decimal fen, half up."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _this_period_plans(period: Period) -> tuple[str, list[int]]:
    """The WHERE clause (and params) for this period's plan items; mirrors selectors.plan_periods."""
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 6, 30):
        return "p.year = %s AND p.half = 1", [start.year]
    if (start.month, start.day, end.month, end.day) == (7, 1, 12, 31):
        return "p.year = %s AND p.half = 2", [start.year]
    return "p.year BETWEEN %s AND %s", [start.year, end.year]


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int]:
    """Every figure `sections()` states (and its `.previous`), by hand-written SQL in two statements.

    Why: bench/summary.py times the whole summary against this, so it must be the least
    work that yields the same numbers — the bound the ORM-built summary is measured by.
    It is not used by the summary itself, which keeps going through the selectors.

    1. targets of this period and the same period last year (UNION ALL: a span of years
       overlaps last year's), summed per indicator with each target's latest check on or
       before the span's end, as `target_figures_compared` does;
    2. one row of scalar subqueries: meetings held in both spans, the quarters an active
       "every quarter" rule found no meeting in (quarters over by today, from the quarter
       the rule's `since` falls in, as `meeting_rule_check`), the org's own plan items
       of the period with how many are done, and the disclosures published in the
       period with the objections raised against them and how many were answered.

    Plain SQL with date parameters and `LIKE` on the materialised path, so it runs on
    SQLite and PostgreSQL alike. Only the completion rate is computed here in Python,
    with the same half-up rounding as the model, to state it to the fen.
    """
    last = period.same_period_last_year()
    like = org.path + "%"
    latest = ("SELECT k.actual FROM governance_targetcheck k WHERE k.target_id = t.id AND k.date <= %s "
              "ORDER BY k.date DESC, k.id DESC LIMIT 1")
    targets_sql = " UNION ALL ".join(
        f"SELECT {i} AS span, t.name, t.unit, SUM(t.target), SUM(({latest})) "
        "FROM governance_target t JOIN orgs_org o ON o.id = t.org_id "
        "WHERE o.path LIKE %s AND t.year BETWEEN %s AND %s GROUP BY t.name, t.unit"
        for i in (0, 1)
    ) + " ORDER BY 1, 2, 3"
    targets_params: list[object] = []
    for span in (period, last):
        targets_params += [span.end, like, span.start.year, span.end.year]

    held = ("(SELECT COUNT(*) FROM governance_meeting m JOIN orgs_org o ON o.id = m.org_id "
            "WHERE o.path LIKE %s AND m.date BETWEEN %s AND %s)")
    quarters = quarters_between(period.start, min(period.end, timezone.localdate()))
    missed_params: list[object] = []
    if quarters:
        per_quarter = []
        for _year, _quarter, first, last_day in quarters:
            per_quarter.append(
                "CASE WHEN r.since <= %s AND NOT EXISTS (SELECT 1 FROM governance_meeting m WHERE m.org_id = r.org_id "
                "AND m.kind = r.kind AND m.date BETWEEN %s AND %s) THEN 1 ELSE 0 END")
            missed_params += [last_day, first, last_day]
        missed = (f"(SELECT COALESCE(SUM({' + '.join(per_quarter)}), 0) FROM governance_meetingrule r "
                  "JOIN orgs_org o ON o.id = r.org_id WHERE o.path LIKE %s AND r.is_active)")
        missed_params.append(like)
    else:
        missed = "0"
    plans_where, plans_params = _this_period_plans(period)
    plans = f"(SELECT COUNT(*) FROM governance_plan p WHERE p.org_id = %s AND {plans_where}{{done}})"
    disclosed = ("(SELECT COUNT(*) FROM governance_disclosure d JOIN orgs_org o ON o.id = d.org_id "
                 "WHERE o.path LIKE %s AND d.published_on BETWEEN %s AND %s)")
    objections = ("(SELECT COUNT(*) FROM governance_objection j JOIN governance_disclosure d ON d.id = j.disclosure_id "
                  "JOIN orgs_org o ON o.id = d.org_id WHERE o.path LIKE %s AND d.published_on BETWEEN %s AND %s{answered})")
    counts_sql = (f"SELECT {held}, {held}, {missed}, {plans.format(done='')}, "
                  f"{plans.format(done=' AND p.status = %s')}, {disclosed}, {objections.format(answered='')}, "
                  f"{objections.format(answered=' AND j.status = %s')}")
    counts_params: list[object] = [like, period.start, period.end, like, last.start, last.end, *missed_params,
                                   org.pk, *plans_params, org.pk, *plans_params, PlanStatus.DONE.value,
                                   like, period.start, period.end, like, period.start, period.end,
                                   like, period.start, period.end, ObjectionStatus.ANSWERED.value]

    with connection.cursor() as cursor:
        cursor.execute(targets_sql, targets_params)
        target_rows = cursor.fetchall()
        cursor.execute(counts_sql, counts_params)
        n_held, n_held_before, n_missed, n_plans, n_done, n_disclosed, n_objections, n_answered = cursor.fetchone()

    found: dict[str, Decimal | int] = {}
    before = {(name, unit): (_cents(target), None if actual is None else _cents(actual))
              for span, name, unit, target, actual in target_rows if span == 1}
    for span, name, unit, target_sum, actual_sum in target_rows:
        if span != 0:
            continue
        key = f"governance.target.{name}"
        target, actual = _cents(target_sum), None if actual_sum is None else _cents(actual_sum)
        then = before.get((name, unit))
        found[f"{key}.target"] = target
        if then is not None:
            found[f"{key}.target.previous"] = then[0]
        if actual is None:
            continue
        found[f"{key}.actual"] = actual
        completion = ratio(actual * 100, target, 2)
        if completion is not None:
            found[f"{key}.completion"] = completion
        if then is not None and then[1] is not None:
            found[f"{key}.actual.previous"] = then[1]
            previous_completion = ratio(then[1] * 100, then[0], 2)
            if previous_completion is not None:
                found[f"{key}.completion.previous"] = previous_completion
    if n_held:
        found["governance.meetings.held"] = int(n_held)
        if n_held_before:
            found["governance.meetings.held.previous"] = int(n_held_before)
    if n_missed:
        found["governance.meetings.missed"] = int(n_missed)
    if n_plans:
        found["governance.plans.done"] = int(n_done)
    if n_disclosed:
        found["governance.disclosures.published"] = int(n_disclosed)
        if n_objections:
            found["governance.disclosures.objections"] = int(n_objections)
            found["governance.disclosures.answered"] = int(n_answered)
    return found
