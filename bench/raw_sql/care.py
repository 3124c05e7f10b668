"""Care's figures in hand-written SQL: the reference bench/summary.py times the whole summary
against (and gonghui/care/tests/test_raw_sql.py holds equal to care.summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from gonghui.care.choices import AidStatus
from gonghui.core.summary import Period

# One row of scalar subqueries, each scanning its table once over the org's subtree (found once by its
# materialised path): visits, aid paid and refused, hardship files open at the period's end and closed
# in it, talks and home visits. Plain SQL for SQLite and PostgreSQL alike.
_RAW_SQL = """
WITH subtree AS (SELECT id FROM orgs_org WHERE path LIKE %(path)s)
SELECT
  (SELECT COUNT(*) FROM care_visit x JOIN subtree o ON o.id = x.org_id WHERE x.date BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(DISTINCT x.member_id) FROM care_visit x JOIN subtree o ON o.id = x.org_id
   WHERE x.date BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(*) FROM care_visit x JOIN subtree o ON o.id = x.org_id
   WHERE x.date BETWEEN %(start)s AND %(end)s AND x.member_id IS NULL),
  (SELECT SUM(x.cash) FROM care_visit x JOIN subtree o ON o.id = x.org_id WHERE x.date BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(DISTINCT x.member_id) FROM care_aidpayment x JOIN subtree o ON o.id = x.org_id
   WHERE x.date BETWEEN %(start)s AND %(end)s AND x.status = %(paid)s),
  (SELECT SUM(x.amount + x.goods_value) FROM care_aidpayment x JOIN subtree o ON o.id = x.org_id
   WHERE x.date BETWEEN %(start)s AND %(end)s AND x.status = %(paid)s),
  (SELECT COUNT(*) FROM care_aidpayment x JOIN subtree o ON o.id = x.org_id
   WHERE x.date BETWEEN %(start)s AND %(end)s AND x.status = %(refused)s),
  (SELECT COUNT(*) FROM care_hardshipcase x JOIN subtree o ON o.id = x.org_id
   WHERE x.opened_on <= %(end)s AND (x.closed_on IS NULL OR x.closed_on > %(end)s)),
  (SELECT COUNT(*) FROM care_hardshipcase x JOIN subtree o ON o.id = x.org_id
   WHERE x.closed_on BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(*) FROM voice_talk x JOIN subtree o ON o.id = x.org_id WHERE x.date BETWEEN %(start)s AND %(end)s)
"""


def _cents(value) -> Decimal:
    """A SUM as the selectors state it: SQLite returns floats, so back to Decimal fen, half up."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int]:
    """Every figure care's `sections()` states, from one hand-written statement (talks included:
    their table kept its name, voice_talk, when they moved to care)."""
    params = {"path": org.path + "%", "start": period.start, "end": period.end,
              "paid": str(AidStatus.PAID), "refused": str(AidStatus.REFUSED)}
    with connection.cursor() as cursor:
        cursor.execute(_RAW_SQL, params)
        (visits, members_visited, others_visited, cash, people_aided, aid, refused,
         files_open, files_closed, talks) = [v or 0 for v in cursor.fetchone()]
    found: dict[str, Decimal | int] = {}
    if not (visits or people_aided or files_open or files_closed or refused or talks):
        return found
    if visits:
        found |= {"care.households_visited": members_visited + others_visited, "care.visit_cash": _cents(cash)}
    if people_aided:
        found |= {"care.people_aided": people_aided, "care.aid": _cents(aid)}
    if files_open or files_closed:
        found["care.files_open"] = files_open
    if talks:
        found["care.talks"] = talks
    return found
