"""The alarm figures of the work summary in hand-written SQL: the summary bench's reference
(bench/summary.py), kept out of the product. gonghui/alarms/tests/test_raw_sql_figures.py holds
it to the summary's own figures, key for key."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from gonghui.alarms.choices import AlarmKind
from gonghui.alarms.selectors import _bounds
from gonghui.core.summary import Period

# A wait in whole microseconds, exactly (Python's timedelta.total_seconds() is microseconds / 10**6).
# SQLite keeps datetimes as UTC text 'YYYY-MM-DD HH:MM:SS[.ffffff]': whole seconds from strftime('%s'),
# the fraction read off the text (julianday() would lose the microseconds in a float).
_WAIT_US = {
    "sqlite": "((CAST(strftime('%%s', a.acknowledged_at) AS INTEGER) - CAST(strftime('%%s', a.raised_at) AS INTEGER)) * 1000000"
              " + CAST(substr(substr(a.acknowledged_at, 21) || '000000', 1, 6) AS INTEGER)"
              " - CAST(substr(substr(a.raised_at, 21) || '000000', 1, 6) AS INTEGER))",
    "postgresql": "(EXTRACT(EPOCH FROM a.acknowledged_at - a.raised_at) * 1000000)",
}

# The median of the waits: percentile_cont on PostgreSQL; on SQLite the middle one (odd count) or the
# mean of the middle two (even count), found by ORDER BY / LIMIT / OFFSET. Both exact on whole microseconds.
_MEDIAN = {
    "sqlite": """(SELECT AVG(w.us) FROM (
        SELECT us FROM waits ORDER BY us
        LIMIT 2 - (SELECT COUNT(*) FROM waits) %% 2 OFFSET ((SELECT COUNT(*) FROM waits) - 1) / 2) w)""",
    "postgresql": "(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY us) FROM waits)",
}

# One statement: the subtree's orgs found once by their materialised path; the alarms of both
# periods (this one and the same one last year) scanned once; zones and detectors counted as they stand.
_RAW_SQL = """
WITH subtree AS (SELECT id FROM orgs_org WHERE path LIKE %(path)s),
period_alarms AS (
  SELECT a.kind, a.raised_at, a.acknowledged_at, a.reset_at,
         CASE WHEN a.raised_at >= %(lo)s AND a.raised_at < %(hi)s THEN 1 ELSE 0 END AS now
  FROM alarms_alarm a JOIN subtree o ON o.id = a.org_id
  WHERE (a.raised_at >= %(lo)s AND a.raised_at < %(hi)s) OR (a.raised_at >= %(last_lo)s AND a.raised_at < %(last_hi)s)
),
waits AS (
  SELECT {wait_us} AS us FROM period_alarms a
  WHERE a.now = 1 AND a.acknowledged_at IS NOT NULL AND a.kind <> %(fault)s
)
SELECT
  (SELECT COUNT(*) FROM alarms_zone z JOIN subtree o ON o.id = z.org_id),
  (SELECT COUNT(*) FROM alarms_detector d JOIN subtree o ON o.id = d.org_id),
  c.*,
  {median}
FROM (
  SELECT
    SUM(CASE WHEN now = 1 AND kind = %(fire)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN now = 1 AND kind = %(intrusion)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN now = 1 AND kind = %(fault)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN now = 0 AND kind = %(fire)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN now = 0 AND kind = %(intrusion)s THEN 1 ELSE 0 END),
    SUM(CASE WHEN now = 0 AND kind = %(fault)s THEN 1 ELSE 0 END),
    SUM(1 - now),
    SUM(CASE WHEN now = 1 AND kind <> %(fault)s AND reset_at IS NULL THEN 1 ELSE 0 END)
  FROM period_alarms
) c
"""


def raw_sql_figures(connection, org, period: Period) -> dict[str, int | None]:
    """The figures of `sections()` from one hand-written SQL statement: the bench's reference (bench/summary.py).

    Why it exists: the bench times the whole summary against the least work that could state the
    same numbers, so this returns exactly the keys `sections()` puts into its figures (and
    `<key>.previous` where it sets `previous`), under the same conditions, with the same values:
    nothing when the org watches no zones; the alarms still standing only when there are some; last year's counts only when last year had any alarm or
    fault. The median wait is computed in SQL on whole microseconds (exact on both backends) and
    rounded here half to even, as `round()` rounds the selectors' float median in `sections()`.
    """
    vendor = connection.vendor if connection.vendor in _MEDIAN else "sqlite"
    last = period.same_period_last_year()
    adapt = connection.ops.adapt_datetimefield_value  # UTC text on SQLite, aware datetimes on PostgreSQL
    (lo, hi), (last_lo, last_hi) = _bounds(period.start, period.end), _bounds(last.start, last.end)
    params = {
        "path": org.path + "%", "lo": adapt(lo), "hi": adapt(hi), "last_lo": adapt(last_lo), "last_hi": adapt(last_hi),
        "fire": str(AlarmKind.FIRE), "intrusion": str(AlarmKind.INTRUSION), "fault": str(AlarmKind.FAULT),
    }
    with connection.cursor() as cursor:
        cursor.execute(_RAW_SQL.format(wait_us=_WAIT_US[vendor], median=_MEDIAN[vendor]), params)
        *counts, median_us = cursor.fetchone()
    zones, detectors, fire, intrusion, fault, before_fire, before_intrusion, before_fault, before_any, open_now = (int(n or 0) for n in counts)
    if zones == 0:
        return {}
    median_ack = None
    if median_us is not None:
        seconds = Decimal(str(median_us)) / 1_000_000  # a whole or half microsecond count: exact as text
        median_ack = int(seconds.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
    found: dict[str, int | None] = {
        "alarms.zones": zones, "alarms.detectors": detectors,
        "alarms.fire": fire, "alarms.intrusion": intrusion, "alarms.fault": fault,
        "alarms.median_ack": median_ack,
    }
    if open_now:
        found["alarms.open_now"] = open_now   # the shortcoming: alarms of the period still standing
    if before_any:
        # faults are the panel's upkeep, not union work: the summary compares alarms only
        found |= {"alarms.fire.previous": before_fire, "alarms.intrusion.previous": before_intrusion}
    return found
