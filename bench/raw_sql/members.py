"""The member book's summary figures (members.summary) in hand-written SQL: the summary bench's reference.

gonghui/members/tests/test_raw_sql.py holds it equal to the summary, key for key."""

from __future__ import annotations

from decimal import Decimal

from gonghui.core.formatting import ratio

# One scan of the subtree's roll: who was on it at the period's end (and with what), and who was
# on it the same day last year; the movement of the period from the membership events.
_ROLL = """
SELECT
  SUM(now),
  SUM(CASE WHEN now = 1 AND is_union_member THEN 1 ELSE 0 END),
  SUM(CASE WHEN now = 1 AND contract_status = 'signed' THEN 1 ELSE 0 END),
  SUM(CASE WHEN now = 1 AND has_work_injury_insurance THEN 1 ELSE 0 END),
  SUM(CASE WHEN now = 1 AND has_pension_insurance THEN 1 ELSE 0 END),
  SUM(CASE WHEN now = 1 AND has_medical_insurance THEN 1 ELSE 0 END),
  SUM(CASE WHEN (m.join_date <= %(last_end)s OR m.join_date IS NULL)
            AND (m.status = 'active' OR m.left_date > %(last_end)s) THEN 1 ELSE 0 END)
FROM (
  SELECT m.*, CASE WHEN (m.join_date <= %(end)s OR m.join_date IS NULL)
                    AND (m.status = 'active' OR m.left_date > %(end)s) THEN 1 ELSE 0 END AS now
  FROM members_member m JOIN orgs_org o ON o.id = m.org_id
  WHERE o.path LIKE %(path)s
) m
"""

_MOVES = """
SELECT SUM(CASE WHEN e.kind = 'join' THEN 1 ELSE 0 END), SUM(CASE WHEN e.kind = 'leave' THEN 1 ELSE 0 END)
FROM members_membershipevent e JOIN members_member m ON m.id = e.member_id JOIN orgs_org o ON o.id = m.org_id
WHERE o.path LIKE %(path)s AND e.date BETWEEN %(start)s AND %(end)s
"""


def raw_sql_figures(connection, org, period) -> dict[str, int | Decimal]:
    """Every number the member book's section states, in two statements (the roll of both years at
    once, then the period's joins and leaves); nothing when nobody is on the roll, as `sections()`."""
    last = period.same_period_last_year()
    params = {"path": org.path + "%", "start": period.start, "end": period.end, "last_end": last.end}
    with connection.cursor() as cursor:
        cursor.execute(_ROLL, params)
        on_roll, union_members, signed, injury, pension, medical, previous = (int(n or 0) for n in cursor.fetchone())
        if not on_roll:
            return {}
        cursor.execute(_MOVES, params)
        joined, left = (int(n or 0) for n in cursor.fetchone())
    found = {
        "members.on_roll": on_roll, "members.union_members": union_members, "members.joined": joined, "members.left": left,
        "members.contract_rate": ratio(signed * 100, on_roll, 2),
        "members.insurance.work_injury": ratio(injury * 100, on_roll, 2),
        "members.insurance.pension": ratio(pension * 100, on_roll, 2),
        "members.insurance.medical": ratio(medical * 100, on_roll, 2),
    }
    if previous:
        found["members.on_roll.previous"] = previous
    if signed < on_roll:
        found["members.contracts_unsigned"] = on_roll - signed
    return found
