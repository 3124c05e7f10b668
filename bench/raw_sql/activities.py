"""The activities' figures in hand-written SQL: the reference bench/summary.py times the whole
summary against (and gonghui/activities/tests/test_raw_sql.py holds equal to the summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from gonghui.core.summary import Period

CHECK_EVERY_DAYS = 90  # as gonghui.activities.selectors


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int]:
    """Every figure `gonghui.activities.summary.sections()` states (and its `.previous`), in three statements.

    1. one row of scalar subqueries over the org's subtree: events held in the period with their
       participants (and last year's), prizes at them, competitions finished, innovations of the
       period's years, patents filed and granted, innovation awards, mentor pairs signed and still
       active, courses held with the trainees who attended and passed, planned courses missed,
       and the facilities with their confirmed bookings and the people booked;
    2. the honours awarded in the period, counted by kind;
    3. nothing else: the section's own rule (it is stated only when one of these is non-zero)
       and the keys it states are applied here in Python, as `sections()` does.

    Plain SQL with date parameters and `LIKE` on the materialised path, so it runs on SQLite
    and PostgreSQL alike.
    """
    like, start, end = org.path + "%", period.start, period.end
    last = period.same_period_last_year()
    today = timezone.localdate()
    under = "JOIN orgs_org o ON o.id = {t}.org_id WHERE o.path LIKE %s"
    held = f"FROM activities_event e {under.format(t='e')} AND e.status = 'held' AND e.starts_on BETWEEN %s AND %s"
    courses = f"FROM activities_course c {under.format(t='c')} AND c.planned_on BETWEEN %s AND %s"
    facilities = f"FROM activities_facility f {under.format(t='f')}"
    bookings = ("FROM activities_booking b JOIN activities_facility f ON f.id = b.facility_id "
                f"{under.format(t='f')} AND b.status = 'confirmed' AND b.on BETWEEN %s AND %s")
    sql = "SELECT " + ", ".join([
        f"(SELECT COUNT(*) {held})",
        f"(SELECT COALESCE(SUM(e.participants), 0) {held})",
        f"(SELECT COALESCE(SUM(e.participants), 0) {held})",  # the same period last year
        f"(SELECT COUNT(*) FROM activities_eventresult r WHERE r.event_id IN (SELECT e.id {held}))",
        "(SELECT COUNT(*) FROM activities_competition k JOIN orgs_org o ON o.id = k.org_id WHERE o.path LIKE %s "
        "AND k.status = 'finished' AND k.ends_on BETWEEN %s AND %s)",
        "(SELECT COUNT(*) FROM activities_innovation i JOIN orgs_org o ON o.id = i.org_id WHERE o.path LIKE %s "
        "AND i.year BETWEEN %s AND %s)",
        "(SELECT COUNT(*) FROM activities_patent p JOIN orgs_org o ON o.id = p.org_id WHERE o.path LIKE %s "
        "AND p.filed_on BETWEEN %s AND %s)",
        "(SELECT COUNT(*) FROM activities_patent p JOIN orgs_org o ON o.id = p.org_id WHERE o.path LIKE %s "
        "AND p.granted_on BETWEEN %s AND %s)",
        "(SELECT COUNT(*) FROM activities_innovationaward a JOIN activities_innovation i ON i.id = a.innovation_id "
        "JOIN orgs_org o ON o.id = i.org_id WHERE o.path LIKE %s AND a.\"on\" BETWEEN %s AND %s)",
        "(SELECT COUNT(*) FROM activities_mentorship m JOIN orgs_org o ON o.id = m.org_id WHERE o.path LIKE %s "
        "AND m.signed_on BETWEEN %s AND %s)",
        "(SELECT COUNT(*) FROM activities_mentorship m JOIN orgs_org o ON o.id = m.org_id WHERE o.path LIKE %s "
        "AND m.status = 'active' AND m.signed_on <= %s)",
        f"(SELECT COUNT(*) {courses} AND c.status = 'held')",
        f"(SELECT COUNT(*) FROM activities_trainee t WHERE t.attended AND t.course_id IN (SELECT c.id {courses} "
        "AND c.status = 'held'))",
        f"(SELECT COUNT(*) FROM activities_trainee t WHERE t.passed AND t.course_id IN (SELECT c.id {courses} "
        "AND c.status = 'held'))",
        f"(SELECT COUNT(*) {courses} AND c.status = 'planned' AND c.planned_on < %s)",
        f"(SELECT COUNT(*) {facilities})",
        f"(SELECT COUNT(*) {bookings})",
        f"(SELECT COALESCE(SUM(b.people), 0) {bookings})",
    ]).replace("b.on ", 'b."on" ')
    params: list[object] = [
        like, start, end, like, start, end, like, last.start, last.end, like, start, end,
        like, start, end, like, start.year, end.year, like, start, end, like, start, end, like, start, end,
        like, start, end, like, end, like, start, end, like, start, end, like, start, end, like, start, end, today,
        like, like, start, end, like, start, end,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (events, participants, before, prizes, competitions, innovations, filed, granted, awards, formed, active,
         courses_held, trained, passed, missed, n_facilities, n_bookings, people) = (int(v or 0) for v in cursor.fetchone())
        cursor.execute(
            "SELECT h.kind, COUNT(*) FROM activities_honour h JOIN orgs_org o ON o.id = h.org_id WHERE o.path LIKE %s "
            "AND h.status = 'awarded' AND h.awarded_on BETWEEN %s AND %s GROUP BY h.kind ORDER BY h.kind",
            [like, start, end])
        honours = {kind: int(n) for kind, n in cursor.fetchall()}

    if not any((events, competitions, honours, innovations, filed, granted, awards, formed, active, courses_held, missed,
                n_facilities)):
        return {}
    out: dict[str, Decimal | int] = {}
    if events:
        out["activities.events.held"] = events
        out["activities.events.participants"] = participants
        if before:
            out["activities.events.participants.previous"] = before
        out["activities.events.prizes"] = prizes
    if competitions:
        out["activities.competitions"] = competitions
    for kind, n in honours.items():
        out[f"activities.honours.{kind}"] = n
    if innovations or filed or granted or awards:
        out["activities.innovations"] = innovations
        out["activities.patents.filed"] = filed
        out["activities.patents.granted"] = granted
    if formed or courses_held:
        out["activities.mentorships.formed"] = formed
        out["activities.training.trained"] = trained
        out["activities.training.passed"] = passed
    if n_facilities:
        out["activities.facilities"] = n_facilities
        out["activities.facilities.bookings"] = n_bookings
        out["activities.facilities.people"] = people
    return out
