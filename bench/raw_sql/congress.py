"""The congress's figures in hand-written SQL: the reference bench/summary.py times the whole
summary against (and gonghui/congress/tests/test_raw_sql.py holds equal to the summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

from decimal import Decimal

from gonghui.congress.choices import ElectionStatus, MotionStatus, Rating
from gonghui.core.formatting import ratio
from gonghui.core.summary import Period

ACCEPTED = (MotionStatus.ACCEPTED, MotionStatus.ASSIGNED, MotionStatus.ANSWERED, MotionStatus.SUPERVISED, MotionStatus.CLOSED)


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int | None]:
    """Every figure congress/summary.py `sections()` states, in one statement of scalar subqueries:

    - sessions held under `org` in the period and the delegates seated in them;
    - the motions to those sessions (the motion's org under `org`): collected, accepted
      (立案 and every state after), answered (with a written answer), rated, and rated
      satisfied or basically satisfied;
    - the closed elections held in the period, their electorate and ballots returned;
    - the collective contracts in force on the period's last day.

    A figure is stated only when the summary states it (no sessions, no session figures;
    no rating, no satisfaction …). Plain SQL with `LIKE` on the materialised path, so it runs on
    SQLite and PostgreSQL alike; the two rates are divided in Python with the product's rounding.
    """
    like = org.path + "%"
    start, end = period.start, period.end
    under = "JOIN orgs_org o ON o.id = {t}.org_id WHERE o.path LIKE %s"
    accepted = ", ".join(["%s"] * len(ACCEPTED))
    sql = f"""
SELECT
 (SELECT COUNT(*) FROM congress_congresssession s {under.format(t="s")} AND s.date BETWEEN %s AND %s),
 (SELECT COUNT(*) FROM congress_delegate d JOIN congress_congresssession s ON s.id = d.session_id
    {under.format(t="s")} AND s.date BETWEEN %s AND %s),
 mo.collected, mo.accepted, mo.answered, mo.rated, mo.satisfied,
 el.held, el.electorate, el.returned,
 (SELECT COUNT(*) FROM congress_collectivecontract c {under.format(t="c")}
    AND c.status = 'effective' AND c.term_start <= %s AND c.term_end >= %s)
FROM
 (SELECT COUNT(*) AS collected,
         COALESCE(SUM(CASE WHEN m.status IN ({accepted}) THEN 1 ELSE 0 END), 0) AS accepted,
         COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM congress_motionanswer a WHERE a.motion_id = m.id)
                      THEN 1 ELSE 0 END), 0) AS answered,
         COALESCE(SUM(CASE WHEN m.rating <> '' THEN 1 ELSE 0 END), 0) AS rated,
         COALESCE(SUM(CASE WHEN m.rating IN (%s, %s) THEN 1 ELSE 0 END), 0) AS satisfied
  FROM congress_motion m JOIN congress_congresssession s ON s.id = m.session_id
  {under.format(t="m")} AND s.date BETWEEN %s AND %s) mo,
 (SELECT COUNT(*) AS held, COALESCE(SUM(e.electorate), 0) AS electorate, COALESCE(SUM(e.returned), 0) AS returned
  FROM congress_election e {under.format(t="e")} AND e.status = %s AND e.held_on BETWEEN %s AND %s) el
"""
    # in the order the placeholders appear: the SELECT list's subqueries, then the FROM clause's
    params: list[object] = [like, start, end, like, start, end, like, end, end]
    params += [*ACCEPTED, Rating.SATISFIED, Rating.BASICALLY, like, start, end]
    params += [like, ElectionStatus.CLOSED, start, end]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (sessions, delegates, collected, accepted_n, answered, rated, satisfied,
         held, electorate, returned, in_force) = cursor.fetchone()
    found: dict[str, Decimal | int | None] = {}
    if sessions:
        found["congress.sessions"] = sessions
        found["congress.delegates"] = delegates
    if collected:
        found["congress.motions.collected"] = collected
        found["congress.motions.accepted"] = int(accepted_n)
        found["congress.motions.answered"] = int(answered)
        if rated:
            found["congress.motions.satisfaction"] = ratio(int(satisfied) * 100, int(rated), 2)
    if held:
        found["congress.elections.held"] = held
        found["congress.elections.turnout"] = ratio(int(returned) * 100, int(electorate), 2)
    if in_force:
        found["congress.contracts.in_force"] = in_force
    return found
