"""Governance's figures in hand-written SQL: the reference bench/summary.py times the whole
summary against (and gonghui/governance/tests/test_raw_sql.py holds equal to the summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from gonghui.core.formatting import ratio
from gonghui.core.summary import Period
from gonghui.governance.choices import MeetingKind, ObjectionStatus, PlanStatus
from gonghui.governance.selectors import TARGET_ORGS_NAMED, quarters_between
from gonghui.governance.summary import NAMED_LIMIT

# what the section's named lists are returned under (tuples, beside the numbers)
NAMED = ("governance.congresses.named", "governance.meetings.other.named", "governance.meetings.missed.named",
         "governance.disclosures.titles", "governance.plans.not_done.named", "governance.plans.next")


def _cents(value: Decimal | float | int) -> Decimal:
    """A SUM as the selectors state it: SQLite returns floats, so back to Decimal fen, half up."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _day(value) -> dt.date:
    """A DATE column as a date: SQLite hands back text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _plan_periods(period: Period) -> tuple[str, list[int], str, list[int]]:
    """The WHERE clauses (and params) of this period's plan items and the next period's; mirrors selectors.plan_periods."""
    start, end = period.start, period.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 6, 30):
        return "p.year = %s AND p.half = 1", [start.year], "p.year = %s AND p.half = 2", [start.year]
    if (start.month, start.day, end.month, end.day) == (7, 1, 12, 31):
        return ("p.year = %s AND p.half = 2", [start.year],
                "p.year = %s AND (p.half = 1 OR p.half IS NULL)", [start.year + 1])
    return "p.year BETWEEN %s AND %s", [start.year, end.year], "p.year = %s", [end.year + 1]


def raw_sql_figures(connection, org, period: Period) -> dict[str, object]:
    """Every number `sections()` states (and its `.previous`), and every item it names, by hand-written SQL.

    Why: bench/summary.py times the whole summary against this, so it must be the least
    work that yields the same text — the bound the ORM-built summary is measured by. It is
    not used by the summary itself, which keeps going through the selectors.

    1. targets of this period and the same period last year (UNION ALL: each span sums the
       latest check on or before its own end), per indicator, with how many orgs hold it;
       and, only when a few orgs other than `org` hold one, those orgs' own sums;
    2. meetings held by kind in both spans (a conditional count each), with attendance;
    3. only when the period has a congress: its sessions with the matters adopted and the first one;
    4. only when it has "other" meetings: those rows by title (and the items of the org's own);
    5. the active every-quarter rules, each with an EXISTS per quarter over by today;
    6. the org's own plan items of this period and the next;
    7. the disclosures of the period, each with its objections raised and answered.

    Plain SQL with date parameters and `LIKE` on the materialised path, so it runs on
    SQLite and PostgreSQL alike. Rates are divided in Python with the product's rounding.
    Named lists come back as tuples under the keys in NAMED.
    """
    last = period.same_period_last_year()
    like = org.path + "%"
    found: dict[str, object] = {}
    with connection.cursor() as cursor:
        # 1. targets
        latest = ("SELECT k.actual FROM governance_targetcheck k WHERE k.target_id = t.id AND k.date <= %s "
                  "ORDER BY k.date DESC, k.id DESC LIMIT 1")
        cursor.execute(" UNION ALL ".join(
            f"SELECT {i} AS span, t.name, t.unit, SUM(t.target), SUM(({latest})), COUNT(DISTINCT t.org_id), MIN(t.org_id) "
            "FROM governance_target t JOIN orgs_org o ON o.id = t.org_id "
            "WHERE o.path LIKE %s AND t.year BETWEEN %s AND %s GROUP BY t.name, t.unit"
            for i in (0, 1)) + " ORDER BY 1, 2, 3",
            [p for span in (period, last) for p in (span.end, like, span.start.year, span.end.year)])
        target_rows = cursor.fetchall()
        few = [(name, unit) for span, name, unit, _t, _a, n, some in target_rows
               if span == 0 and (1 < n <= TARGET_ORGS_NAMED or (n == 1 and some != org.pk))]
        by_org: dict[tuple[str, str], list] = {key: [] for key in few}
        if few:
            cursor.execute(
                f"SELECT t.name, t.unit, o.name, SUM(t.target), SUM(({latest})) FROM governance_target t "
                "JOIN orgs_org o ON o.id = t.org_id WHERE o.path LIKE %s AND t.year BETWEEN %s AND %s "
                f"AND t.name IN ({', '.join(['%s'] * len(few))}) GROUP BY t.name, t.unit, o.path, o.name ORDER BY o.path",
                [period.end, like, period.start.year, period.end.year, *[name for name, _u in few]])
            for name, unit, org_name, target, actual in cursor.fetchall():
                if (name, unit) in by_org:
                    by_org[(name, unit)].append((org_name, target, actual))

        # 2. meetings by kind, both spans
        cursor.execute(
            "SELECT m.kind, SUM(CASE WHEN m.date BETWEEN %s AND %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN m.date BETWEEN %s AND %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN m.date BETWEEN %s AND %s THEN m.present ELSE 0 END), "
            "SUM(CASE WHEN m.date BETWEEN %s AND %s THEN m.expected ELSE 0 END) "
            "FROM governance_meeting m JOIN orgs_org o ON o.id = m.org_id "
            "WHERE o.path LIKE %s AND (m.date BETWEEN %s AND %s OR m.date BETWEEN %s AND %s) GROUP BY m.kind",
            [period.start, period.end, last.start, last.end, period.start, period.end, period.start, period.end,
             like, period.start, period.end, last.start, last.end])
        by_kind, held_before, present, expected = {}, 0, 0, 0
        for kind, n, n_before, n_present, n_expected in cursor.fetchall():
            if n:
                by_kind[kind] = int(n)
            held_before += int(n_before or 0)
            present += int(n_present or 0)
            expected += int(n_expected or 0)

        # 3. congress sessions
        congresses = []
        if by_kind.get(MeetingKind.CONGRESS):
            cursor.execute(
                "SELECT m.title, m.date, m.org_id, o.name, (SELECT COUNT(*) FROM governance_meetingdecision d "
                "WHERE d.meeting_id = m.id), (SELECT d.text FROM governance_meetingdecision d WHERE d.meeting_id = m.id "
                "ORDER BY d.position, d.id LIMIT 1) FROM governance_meeting m JOIN orgs_org o ON o.id = m.org_id "
                "WHERE o.path LIKE %s AND m.kind = %s AND m.date BETWEEN %s AND %s ORDER BY m.date, m.id",
                [like, MeetingKind.CONGRESS.value, period.start, period.end])
            congresses = cursor.fetchall()

        # 4. "other" meetings
        other_rows, items = [], {}
        if by_kind.get(MeetingKind.OTHER):
            cursor.execute(
                "SELECT m.id, m.org_id, m.title, m.date FROM governance_meeting m JOIN orgs_org o ON o.id = m.org_id "
                "WHERE o.path LIKE %s AND m.kind = %s AND m.date BETWEEN %s AND %s ORDER BY m.date, m.id",
                [like, MeetingKind.OTHER.value, period.start, period.end])
            other_rows = cursor.fetchall()
            own = [pk for pk, org_id, _t, _d in other_rows if org_id == org.pk]
            if own:
                cursor.execute(
                    f"SELECT d.meeting_id, d.text FROM governance_meetingdecision d WHERE d.meeting_id IN "
                    f"({', '.join(['%s'] * len(own))}) ORDER BY d.position, d.id", own)
                for meeting_id, text in cursor.fetchall():
                    items.setdefault(meeting_id, []).append(text)

        # 5. every-quarter rules against the quarters over by today
        quarters = quarters_between(period.start, min(period.end, timezone.localdate()))
        exists = "".join(
            ", EXISTS (SELECT 1 FROM governance_meeting m WHERE m.org_id = r.org_id AND m.kind = r.kind "
            "AND m.date BETWEEN %s AND %s)" for _q in quarters)
        cursor.execute(
            f"SELECT o.name, r.kind, r.since{exists} FROM governance_meetingrule r JOIN orgs_org o ON o.id = r.org_id "
            "WHERE o.path LIKE %s AND r.is_active ORDER BY o.path, r.kind",
            [d for _y, _q, first, last_day in quarters for d in (first, last_day)] + [like])
        rules = cursor.fetchall()

        # 6. plans of this period and the next
        this_sql, this_params, next_sql, next_params = _plan_periods(period)
        cursor.execute(
            f"SELECT p.text, p.status, CASE WHEN {this_sql} THEN 1 ELSE 0 END FROM governance_plan p "
            f"WHERE p.org_id = %s AND (({this_sql}) OR (({next_sql}) AND p.status <> %s)) "
            "ORDER BY p.year, p.half IS NOT NULL, p.half, p.position, p.id",
            [*this_params, org.pk, *this_params, *next_params, PlanStatus.DROPPED.value])
        plans = cursor.fetchall()

        # 7. disclosures
        cursor.execute(
            "SELECT d.category, d.title, COUNT(j.id), COALESCE(SUM(CASE WHEN j.status = %s THEN 1 ELSE 0 END), 0) "
            "FROM governance_disclosure d JOIN orgs_org o ON o.id = d.org_id "
            "LEFT JOIN governance_objection j ON j.disclosure_id = d.id "
            "WHERE o.path LIKE %s AND d.published_on BETWEEN %s AND %s "
            "GROUP BY d.id, d.category, d.title, d.published_on ORDER BY d.published_on, d.id",
            [ObjectionStatus.ANSWERED.value, like, period.start, period.end])
        disclosures = cursor.fetchall()

    # targets
    before = {(name, unit): (_cents(target), None if actual is None else _cents(actual))
              for span, name, unit, target, actual, _n, _o in target_rows if span == 1}
    for span, name, unit, target_sum, actual_sum, _n, _o in target_rows:
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
        found[f"{key}.completion"] = ratio(actual * 100, target, 2)
        if then is not None and then[1] is not None:
            found[f"{key}.actual.previous"] = then[1]
            found[f"{key}.completion.previous"] = ratio(then[1] * 100, then[0], 2)
        orgs = by_org.get((name, unit), [])
        if len(orgs) > 1:
            for org_name, org_target, org_actual in orgs:
                if org_actual is not None:
                    found[f"{key}.{org_name}.completion"] = ratio(_cents(org_actual) * 100, _cents(org_target), 2)

    # congress sessions
    if congresses:
        found["governance.congresses.held"] = len(congresses)
        found["governance.congresses.decisions"] = sum(int(n) for *_r, n, _first in congresses)
        if len(congresses) > NAMED_LIMIT:
            found["governance.congresses.orgs"] = len({org_id for _t, _d, org_id, *_r in congresses})
        else:
            found["governance.congresses.named"] = tuple(
                (title, _day(day), org_name, int(n), first) for title, day, _o, org_name, n, first in congresses)

    # meetings
    held = sum(by_kind.values())
    counted: dict[str, tuple[int, set]] = {}
    for _pk, _org_id, title, day in other_rows:
        n, months = counted.get(title, (0, set()))
        counted[title] = (n + 1, months | {_day(day).strftime("%Y-%m")})
    titles = [title for _pk, _o, title, _d in other_rows]
    # a meeting of the org's own held once is named with its date, and not counted again below
    named_once = {title for _pk, org_id, title, _d in other_rows if org_id == org.pk and titles.count(title) == 1}
    counted = {title: v for title, v in counted.items() if title not in named_once}
    stated = [kind for kind in by_kind if kind != MeetingKind.CONGRESS and (kind != MeetingKind.OTHER or counted)]
    if stated:
        for kind in stated:
            if kind == MeetingKind.OTHER:
                found |= {f"governance.meetings.other.{title}": n for title, (n, _m) in counted.items()}
            else:
                found[f"governance.meetings.{kind}"] = by_kind[kind]
        if expected:
            found["governance.meetings.attendance"] = ratio(present * 100, expected, 2)
    if held:
        found["governance.meetings.held"] = held
        if held_before:
            found["governance.meetings.held.previous"] = held_before
    once = tuple((_day(day), title, tuple(items.get(pk, ())))
                 for pk, org_id, title, day in other_rows if org_id == org.pk and titles.count(title) == 1)
    if once:
        found["governance.meetings.other.named"] = once

    # missed quarters
    missed = []
    for org_name, kind, since, *held_in in rules:
        since = _day(since)
        since_quarter = dt.date(since.year, 3 * ((since.month - 1) // 3) + 1, 1)
        missed += [(org_name, kind, year, quarter) for (year, quarter, first, _l), was in zip(quarters, held_in)
                   if first >= since_quarter and not was]
    if missed:
        found["governance.meetings.missed"] = len(missed)
        found["governance.meetings.missed.named"] = tuple(missed)

    # disclosures
    if disclosures:
        found["governance.disclosures.published"] = len(disclosures)
        for category, *_rest in disclosures:
            key = f"governance.disclosures.{category}"
            found[key] = found.get(key, 0) + 1
        raised = sum(int(n) for _c, _t, n, _a in disclosures)
        answered = sum(int(a) for _c, _t, _n, a in disclosures)
        if raised:
            found["governance.disclosures.objections"] = raised
            found["governance.disclosures.answered"] = answered
        if raised > answered:
            found["governance.disclosures.unanswered"] = raised - answered
        found["governance.disclosures.titles"] = tuple(title for _c, title, _n, _a in disclosures)

    # plans
    this = [(text, status) for text, status, is_this in plans if is_this]
    if this:
        not_done = [text for text, status in this if status != PlanStatus.DONE]
        found["governance.plans.items"] = len(this)
        found["governance.plans.done"] = len(this) - len(not_done)
        if not_done:
            found["governance.plans.not_done"] = len(not_done)
            found["governance.plans.not_done.named"] = tuple(not_done[:3])
    following = tuple(text.strip() for text, _s, is_this in plans if not is_this)
    if following:
        found["governance.plans.next"] = following
    return found
