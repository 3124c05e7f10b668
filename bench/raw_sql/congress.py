"""The congress's figures in hand-written SQL: the reference bench/summary.py times the whole
summary against (and gonghui/congress/tests/test_raw_sql.py holds equal to the summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict

from django.utils import timezone

from gonghui.congress import rules
from gonghui.congress.choices import DelegateCategory, ElectionStatus, MotionStatus, Rating
from gonghui.congress.summary import NAMED_LIMIT
from gonghui.core.formatting import ratio
from gonghui.core.summary import Period

ACCEPTED = (MotionStatus.ACCEPTED, MotionStatus.ASSIGNED, MotionStatus.ANSWERED, MotionStatus.SUPERVISED, MotionStatus.CLOSED)
OPEN_FOR_ANSWER = (MotionStatus.ASSIGNED, MotionStatus.SUPERVISED)
# what the section's named lists are returned under (tuples, beside the numbers)
NAMED = ("congress.sessions.named", "congress.compositions", "congress.elections.named", "congress.appraisals.named",
         "congress.contracts.named")


def _day(value) -> dt.date | None:
    """A DATE column as a date: SQLite hands back text."""
    return value if value is None or isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _in(values) -> str:
    return ", ".join(["%s"] * len(values))


def raw_sql_figures(connection, org, period: Period) -> dict[str, object]:
    """Every number congress/summary.py `sections()` states, and every item it names, by hand-written SQL:

    1. the sessions held under `org` in the period, each with its delegates counted by category
       (the composition the rules check: RULES.md a);
    2. the motions, in one pass of conditional sums: those to the period's sessions collected,
       accepted (立案 and every state after), turned into suggestions, answered in writing,
       rated and rated satisfied; and every motion under `org` past its answer date today;
    3. the closed elections of the period, with (when a few) the names elected in one more;
    4. the first few closed appraisals with their sheets, and each cadre's marks by dimension and band;
    5. the collective contracts in force on the period's last day, and those past a date the rules set.

    A figure is stated only when the summary states it. Plain SQL with `LIKE` on the materialised
    path, so it runs on SQLite and PostgreSQL alike; rates are divided in Python with the
    product's rounding. Named lists come back as tuples under the keys in NAMED.
    """
    like = org.path + "%"
    start, end = period.start, period.end
    today = timezone.localdate()
    found: dict[str, object] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.title, s.headcount, s.women_on_roll, COUNT(d.id), "
            "COALESCE(SUM(CASE WHEN d.category = %s THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN d.category = %s THEN 1 ELSE 0 END), 0), "
            "COALESCE(SUM(CASE WHEN d.is_woman THEN 1 ELSE 0 END), 0) "
            "FROM congress_congresssession s JOIN orgs_org o ON o.id = s.org_id "
            "LEFT JOIN congress_delegate d ON d.session_id = s.id "
            "WHERE o.path LIKE %s AND s.date BETWEEN %s AND %s "
            "GROUP BY s.id, s.title, s.headcount, s.women_on_roll, s.date ORDER BY s.date, s.id",
            [DelegateCategory.FRONTLINE.value, DelegateCategory.MANAGEMENT.value, like, start, end])
        sessions = cursor.fetchall()

        in_period = "s.date BETWEEN %s AND %s"
        overdue = f"m.status IN ({_in(OPEN_FOR_ANSWER)}) AND m.deadline < %s"
        cursor.execute(
            f"SELECT COALESCE(SUM(CASE WHEN {in_period} THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN {in_period} AND m.status IN ({_in(ACCEPTED)}) THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN {in_period} AND m.status = %s THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN {in_period} AND EXISTS (SELECT 1 FROM congress_motionanswer a "
            "WHERE a.motion_id = m.id) THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN {in_period} AND m.rating <> '' THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN {in_period} AND m.rating IN (%s, %s) THEN 1 ELSE 0 END), 0), "
            f"COALESCE(SUM(CASE WHEN {overdue} THEN 1 ELSE 0 END), 0) "
            "FROM congress_motion m JOIN congress_congresssession s ON s.id = m.session_id "
            f"JOIN orgs_org o ON o.id = m.org_id WHERE o.path LIKE %s AND (({in_period}) OR ({overdue}))",
            [start, end, start, end, *ACCEPTED, start, end, MotionStatus.CONVERTED.value, start, end, start, end,
             start, end, Rating.SATISFIED.value, Rating.BASICALLY.value, *OPEN_FOR_ANSWER, today,
             like, start, end, *OPEN_FOR_ANSWER, today])
        collected, accepted, converted, answered, rated, satisfied, n_overdue = (int(n) for n in cursor.fetchone())

        cursor.execute(
            "SELECT e.id, e.title, e.electorate, e.returned FROM congress_election e JOIN orgs_org o ON o.id = e.org_id "
            "WHERE o.path LIKE %s AND e.status = %s AND e.held_on BETWEEN %s AND %s ORDER BY e.held_on, e.id",
            [like, ElectionStatus.CLOSED.value, start, end])
        elections = cursor.fetchall()
        elected = defaultdict(list)
        if elections and len(elections) <= NAMED_LIMIT:
            ids = [pk for pk, *_rest in elections]
            cursor.execute(f"SELECT c.election_id, c.name FROM congress_candidate c WHERE c.election_id IN ({_in(ids)}) "
                           "AND c.elected ORDER BY c.election_id, c.id", ids)
            for election_id, name in cursor.fetchall():
                elected[election_id].append(name)

        cursor.execute(
            "SELECT a.id, a.title, a.dimensions, (SELECT COUNT(*) FROM congress_appraisalsheet h WHERE h.appraisal_id = a.id) "
            "FROM congress_appraisal a JOIN orgs_org o ON o.id = a.org_id "
            "WHERE o.path LIKE %s AND a.status = 'closed' AND a.held_on BETWEEN %s AND %s ORDER BY a.held_on, a.id LIMIT %s",
            [like, start, end, NAMED_LIMIT + 1])
        appraisals = cursor.fetchall()
        marks = []
        if 0 < len(appraisals) <= NAMED_LIMIT:
            ids = [pk for pk, *_rest in appraisals]
            cursor.execute(
                "SELECT p.appraisal_id, p.id, p.name, k.dimension, k.band, COUNT(k.id) FROM congress_appraisee p "
                f"LEFT JOIN congress_appraisalmark k ON k.appraisee_id = p.id WHERE p.appraisal_id IN ({_in(ids)}) "
                "GROUP BY p.appraisal_id, p.id, p.name, k.dimension, k.band ORDER BY p.appraisal_id, p.id", ids)
            marks = cursor.fetchall()

        cursor.execute(
            "SELECT c.title, c.signed_on, c.term_start, c.term_end, "
            "CASE WHEN c.status = 'effective' AND c.term_start <= %s AND c.term_end >= %s THEN 1 ELSE 0 END "
            "FROM congress_collectivecontract c JOIN orgs_org o ON o.id = c.org_id WHERE o.path LIKE %s AND ("
            "(c.status = 'effective' AND c.term_start <= %s AND c.term_end >= %s) "
            "OR (c.status = 'negotiating' AND c.reply_due < %s "
            "AND NOT EXISTS (SELECT 1 FROM congress_negotiationround r WHERE r.contract_id = c.id)) "
            "OR (c.status = 'signed' AND c.signed_on < %s)) ORDER BY c.term_start, c.id",
            [end, end, like, end, end, today, today - dt.timedelta(days=rules.FILE_DAYS)])
        contracts = cursor.fetchall()

    if sessions:
        found["congress.sessions"] = len(sessions)
        found["congress.delegates"] = sum(int(n) for _t, _h, _w, n, *_c in sessions)
        if len(sessions) <= NAMED_LIMIT:
            found["congress.sessions.named"] = tuple((title, int(n)) for title, _h, _w, n, *_c in sessions)
        checked = [(title, rules.composition_check(delegates=int(n), frontline=int(f), management=int(m), women=int(w),
                                                   headcount=headcount, women_on_roll=women_on_roll))
                   for title, headcount, women_on_roll, n, f, m, w in sessions]
        found["congress.compositions"] = tuple((title, tuple(c.problems)) for title, c in checked if c.problems)
        if len(found["congress.compositions"]) > NAMED_LIMIT:   # then counted, not named one by one
            found["congress.sessions.miscomposed"] = len(found["congress.compositions"])
    if collected:
        found |= {"congress.motions.collected": collected, "congress.motions.accepted": accepted,
                  "congress.motions.answered": answered, "congress.motions.converted": converted}
        if rated:
            found["congress.motions.satisfaction"] = ratio(satisfied * 100, rated, 2)
    if n_overdue:
        found["congress.motions.overdue"] = n_overdue
    if elections:
        electorate, returned = sum(int(e) for _i, _t, e, _r in elections), sum(int(r) for _i, _t, _e, r in elections)
        found |= {"congress.elections.held": len(elections), "congress.elections.turnout": ratio(returned * 100, electorate, 2),
                  "congress.elections.electorate": electorate, "congress.elections.returned": returned}
        if len(elections) <= NAMED_LIMIT:
            found["congress.elections.named"] = tuple(
                (title, int(e), int(r), tuple(elected[pk])) for pk, title, e, r in elections)
    if 0 < len(appraisals) <= NAMED_LIMIT:
        dimensions = {pk: set(json.loads(d) if isinstance(d, str) else d) for pk, _t, d, _n in appraisals}
        cadres: dict[int, dict[int, list]] = defaultdict(dict)
        for appraisal_id, appraisee_id, name, dimension, band, n in marks:
            cadre = cadres[appraisal_id].setdefault(appraisee_id, [name, 0, 0])
            if dimension in dimensions[appraisal_id]:
                cadre[2] += int(n)
                if band in ("excellent", "competent"):
                    cadre[1] += int(n)
        found["congress.appraisals.named"] = tuple(
            (title, int(sheets), tuple((name, good, total) for name, good, total in cadres[pk].values() if total))
            for pk, title, _d, sheets in appraisals)
    in_force = [(title, _day(signed), _day(s), _day(e)) for title, signed, s, e, is_in_force in contracts if is_in_force]
    if in_force:
        found["congress.contracts.in_force"] = len(in_force)
        if len(in_force) <= NAMED_LIMIT:
            found["congress.contracts.named"] = tuple(in_force)
    waiting = sum(1 for *_row, is_in_force in contracts if not is_in_force)
    if waiting:
        found["congress.contracts.waiting"] = waiting
    return found

