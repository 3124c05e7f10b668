"""The activities' figures in hand-written SQL: the reference bench/summary.py times the whole
summary against (and gonghui/activities/tests/test_raw_sql.py holds equal to the summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from gonghui.core.summary import Period

CHECK_EVERY_DAYS = 90  # as gonghui.activities.selectors
LEVELS_HIGH_FIRST = ("national", "province", "city", "company", "union")   # HonourLevel, highest first
NAMED = "activities.named."   # the keys of the named lists (tuples), beside the figures

_UNDER = "JOIN orgs_org o ON o.id = {t}.org_id WHERE o.path LIKE %(like)s"

# 1. the counts no list below carries: last period's participants, innovations, patents, mentor pairs
_COUNTS = "SELECT " + ", ".join([
    "(SELECT COALESCE(SUM(e.participants), 0) FROM activities_event e " + _UNDER.format(t="e")
    + " AND e.status = 'held' AND e.starts_on BETWEEN %(last_start)s AND %(last_end)s)",
    "(SELECT COUNT(*) FROM activities_innovation i " + _UNDER.format(t="i") + " AND i.year BETWEEN %(y0)s AND %(y1)s)",
    "(SELECT SUM(i.savings_yuan) FROM activities_innovation i " + _UNDER.format(t="i") + " AND i.year BETWEEN %(y0)s AND %(y1)s)",
    "(SELECT COUNT(*) FROM activities_patent p " + _UNDER.format(t="p") + " AND p.granted_on BETWEEN %(start)s AND %(end)s)",
    "(SELECT COUNT(*) FROM activities_mentorship m " + _UNDER.format(t="m") + " AND m.signed_on BETWEEN %(start)s AND %(end)s)",
    "(SELECT COUNT(*) FROM activities_mentorship m " + _UNDER.format(t="m") + " AND m.status = 'active' AND m.signed_on <= %(end)s)",
    "(SELECT COUNT(*) FROM activities_mentorship m " + _UNDER.format(t="m") + " AND m.status = 'active' AND m.signed_on <= %(due)s"
    " AND NOT EXISTS (SELECT 1 FROM activities_progresscheck c WHERE c.mentorship_id = m.id"
    " AND c.\"on\" BETWEEN %(start)s AND %(end)s))",
])
# 2. the events held, each with its prizes (in the order they were recorded)
_EVENTS = ("SELECT e.id, e.starts_on, e.title, COALESCE(e.participants, 0), e.cost_yuan, r.prize FROM activities_event e "
           "LEFT JOIN activities_eventresult r ON r.event_id = e.id " + _UNDER.format(t="e")
           + " AND e.status = 'held' AND e.starts_on BETWEEN %(start)s AND %(end)s ORDER BY e.starts_on, e.id, r.id")
# 3. the prizes by event title and prize
_PRIZES = ("SELECT e.title, r.prize, COUNT(*) FROM activities_eventresult r JOIN activities_event e ON e.id = r.event_id "
           + _UNDER.format(t="e") + " AND e.status = 'held' AND e.starts_on BETWEEN %(start)s AND %(end)s "
           "GROUP BY e.title, r.prize ORDER BY e.title, r.prize")
# 4. the competitions finished, with their indicators; 5. their winners
_FINISHED = _UNDER.format(t="k") + " AND k.status = 'finished' AND k.ends_on BETWEEN %(start)s AND %(end)s"
_COMPETITIONS = ("SELECT k.id, k.title, i.name FROM activities_competition k LEFT JOIN activities_indicator i "
                 "ON i.competition_id = k.id " + _FINISHED + " ORDER BY k.starts_on, k.id, i.id")
_WINNERS = ("SELECT k.title, n.name, n.title FROM activities_entrant n JOIN activities_competition k ON k.id = n.competition_id "
            + _FINISHED + " AND n.title <> '' ORDER BY k.ends_on, n.rank, n.id")
# 6. the honours awarded by title, kind and level
_HONOURS = ("SELECT h.title, h.awarding_body, h.kind, h.level, COUNT(*), MIN(h.id) FROM activities_honour h "
            + _UNDER.format(t="h") + " AND h.status = 'awarded' AND h.awarded_on BETWEEN %(start)s AND %(end)s "
            "GROUP BY h.title, h.awarding_body, h.kind, h.level")
# 7. patents filed by kind; 8. the first five granted
_FILED = ("SELECT p.kind, COUNT(*) FROM activities_patent p " + _UNDER.format(t="p")
          + " AND p.filed_on BETWEEN %(start)s AND %(end)s GROUP BY p.kind ORDER BY p.kind")
_GRANTED = ("SELECT p.title, p.kind FROM activities_patent p " + _UNDER.format(t="p")
            + " AND p.granted_on BETWEEN %(start)s AND %(end)s ORDER BY p.granted_on, p.id LIMIT 5")
# 9. the innovations' appraisals, awards and grants
_AWARDS = ("SELECT a.kind, a.name, a.body, COUNT(*), SUM(a.amount_yuan) FROM activities_innovationaward a "
           "JOIN activities_innovation i ON i.id = a.innovation_id " + _UNDER.format(t="i")
           + " AND a.\"on\" BETWEEN %(start)s AND %(end)s GROUP BY a.kind, a.name, a.body ORDER BY MIN(a.id)")
# 10. the courses held, with their trainees who attended and passed; 11. those planned and not held
_COURSES = ("SELECT c.title, c.has_test, (SELECT COUNT(*) FROM activities_trainee t WHERE t.course_id = c.id AND t.attended), "
            "(SELECT COUNT(*) FROM activities_trainee t WHERE t.course_id = c.id AND t.passed) FROM activities_course c "
            + _UNDER.format(t="c") + " AND c.status = 'held' AND c.planned_on BETWEEN %(start)s AND %(end)s "
            "ORDER BY c.planned_on, c.id")
_MISSED = ("SELECT c.title FROM activities_course c " + _UNDER.format(t="c") + " AND c.status = 'planned' "
           "AND c.planned_on BETWEEN %(start)s AND %(end)s AND c.planned_on < %(today)s ORDER BY c.planned_on DESC, c.id DESC")
# 12. the facilities with their confirmed bookings and people
_FACILITIES = ("SELECT f.name, COUNT(b.id), COALESCE(SUM(b.people), 0) FROM activities_facility f "
               "JOIN orgs_org o ON o.id = f.org_id LEFT JOIN activities_booking b ON b.facility_id = f.id "
               "AND b.status = 'confirmed' AND b.\"on\" BETWEEN %(start)s AND %(end)s WHERE o.path LIKE %(like)s "
               "GROUP BY f.id, o.path, f.name ORDER BY o.path, f.name, f.id")


def _yuan(value) -> Decimal:
    """A SUM of money as the selectors state it: SQLite returns floats, so back to Decimal fen, half up."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def raw_sql_figures(connection, org, period: Period) -> dict:
    """Every figure `gonghui.activities.summary.sections()` states (and its `.previous`), and under
    "activities.named.*" every list it names (tuples), in twelve statements.

    Plain SQL with date parameters and `LIKE` on the materialised path, so it runs on SQLite
    and PostgreSQL alike. Which figures are stated (the section's own rules) is decided in Python.
    """
    last = period.same_period_last_year()
    today = timezone.localdate()
    params = {"like": org.path + "%", "start": period.start, "end": period.end, "last_start": last.start,
              "last_end": last.end, "y0": period.start.year, "y1": period.end.year, "today": today,
              "due": min(period.end, today) - dt.timedelta(days=CHECK_EVERY_DAYS)}
    with connection.cursor() as cursor:
        def rows(sql):
            cursor.execute(sql, params)
            return cursor.fetchall()

        before, innovations, savings, granted, formed, active, unchecked = rows(_COUNTS)[0]
        events: dict[int, list] = {}
        for pk, day, title, people, cost, prize in rows(_EVENTS):
            event = events.setdefault(pk, [day, title, people, cost, []])
            if prize is not None:
                event[4].append(prize)
        prize_lines = tuple((title, prize, n) for title, prize, n in rows(_PRIZES))
        competitions: dict[int, list] = {}
        for pk, title, indicator in rows(_COMPETITIONS):
            competition = competitions.setdefault(pk, [title, []])
            if indicator is not None:
                competition[1].append(indicator)
        winners = tuple(rows(_WINNERS)) if competitions else ()
        honours = rows(_HONOURS)
        filed = rows(_FILED)
        granted_named = tuple(rows(_GRANTED)) if granted else ()
        awards = rows(_AWARDS)
        courses = rows(_COURSES)
        missed = tuple(title for (title,) in rows(_MISSED))
        facilities = rows(_FACILITIES)

    events_held = len(events)
    participants = sum(e[2] for e in events.values())
    event_cost = sum((_yuan(e[3]) for e in events.values()), Decimal(0))
    prizes = sum(n for _t, _p, n in prize_lines)
    by_level: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    named_honours: dict[tuple[str, str], list[int]] = {}
    for title, body, kind, level, n, first in honours:
        by_level[level] = by_level.get(level, 0) + n
        by_kind[kind] = by_kind.get(kind, 0) + n
        seen = named_honours.setdefault((title, body), [first, 0])
        seen[0], seen[1] = min(seen[0], first), seen[1] + n
    patents_filed = sum(n for _k, n in filed)
    n_awards = sum(n for _k, _n, _b, n, _y in awards)
    held = [(title, int(trained), int(passed) if has_test else None, int(passed)) for title, has_test, trained, passed in courses]
    if not any((events_held, competitions, by_level, innovations, patents_filed, granted, n_awards, formed, active, held, missed,
                facilities)):
        return {}

    out: dict = {}
    fell = bool(before and participants < before)
    if events_held:
        out |= {"activities.events.held": events_held, "activities.events.participants": participants,
                "activities.events.prizes": prizes}
        if event_cost:
            out["activities.events.cost"] = event_cost
        out[NAMED + "events"] = tuple((day if isinstance(day, dt.date) else dt.date.fromisoformat(day), title, people,
                                       tuple(won)) for day, title, people, _cost, won in events.values())
        out[NAMED + "prize_lines"] = prize_lines
    if fell and not events_held:
        out["activities.events.participants"] = participants
    if (events_held or fell) and before:
        out["activities.events.participants.previous"] = before
    if competitions:
        out["activities.competitions"] = len(competitions)
        out[NAMED + "competitions"] = tuple((title, tuple(indicators)) for title, indicators in competitions.values())
        out[NAMED + "winners"] = winners
    if by_level:
        out["activities.honours.awarded"] = sum(by_level.values())
        out |= {f"activities.honours.{kind}": n for kind, n in by_kind.items()}
        out |= {f"activities.honours.level.{level}": n for level, n in by_level.items()}
        out[NAMED + "honours"] = tuple((title, body, n) for (title, body), (_first, n)
                                       in sorted(named_honours.items(), key=lambda kv: kv[1][0]))
    if innovations or patents_filed or granted or n_awards:
        out |= {"activities.innovations": innovations, "activities.patents.filed": patents_filed,
                "activities.patents.granted": granted}
        if innovations and _yuan(savings):
            out["activities.innovations.savings"] = _yuan(savings)
        if patents_filed:
            out |= {f"activities.patents.filed.{kind}": n for kind, n in filed}
        if n_awards:
            out |= {"activities.awards": n_awards, "activities.awards.yuan": sum((_yuan(y) for *_r, y in awards), Decimal(0))}
            out[NAMED + "awards"] = tuple((kind, name, n, _yuan(y), body) for kind, name, body, n, y in awards)
        if granted:
            out[NAMED + "granted"] = granted_named
    if formed or held:
        out |= {"activities.mentorships.formed": formed, "activities.training.trained": sum(c[1] for c in held),
                "activities.training.passed": sum(c[3] for c in held)}
        if held:
            out["activities.training.courses"] = len(held)
            out[NAMED + "courses"] = tuple(c[:3] for c in held)
    if facilities:
        out |= {"activities.facilities": len(facilities), "activities.facilities.bookings": sum(int(n) for _f, n, _p in facilities),
                "activities.facilities.people": sum(int(p) for _f, _n, p in facilities)}
        out[NAMED + "facilities"] = tuple((name, int(n)) for name, n, _p in facilities)
    if missed:
        out[NAMED + "missed"] = missed
    if unchecked:
        out["activities.mentorships.unchecked"] = unchecked
    return out
