"""Care's figures in hand-written SQL: the reference bench/summary.py times the whole summary
against (and gonghui/care/tests/test_raw_sql.py holds equal to care.summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from gonghui.care.choices import AidStatus
from gonghui.core.summary import Period

_SUBTREE = "WITH subtree AS (SELECT id FROM orgs_org WHERE path LIKE %(path)s) "
# 1. the visits by occasion, with their cash and goods
_VISITS = (_SUBTREE + "SELECT x.occasion, COUNT(*), SUM(x.cash), SUM(x.goods_value) FROM care_visit x "
           "JOIN subtree o ON o.id = x.org_id WHERE x.date BETWEEN %(start)s AND %(end)s GROUP BY x.occasion")
# 2. one row: the households visited, the people aided, talks and home visits
_PEOPLE = _SUBTREE + """SELECT
  (SELECT COUNT(DISTINCT x.member_id) + COUNT(*) FILTER (WHERE x.member_id IS NULL) FROM care_visit x
   JOIN subtree o ON o.id = x.org_id WHERE x.date BETWEEN %(start)s AND %(end)s),
  (SELECT COUNT(DISTINCT x.member_id) FROM care_aidpayment x JOIN subtree o ON o.id = x.org_id
   WHERE x.date BETWEEN %(start)s AND %(end)s AND x.status = %(paid)s),
  (SELECT COUNT(*) FROM voice_talk x JOIN subtree o ON o.id = x.org_id WHERE x.date BETWEEN %(start)s AND %(end)s)
"""
# 3. aid by status and kind
_AID = (_SUBTREE + "SELECT x.status, x.kind, COUNT(*), SUM(x.amount), SUM(x.goods_value) FROM care_aidpayment x "
        "JOIN subtree o ON o.id = x.org_id WHERE x.date BETWEEN %(start)s AND %(end)s GROUP BY x.status, x.kind")
# 4. hardship files by level: opened and closed in the period, open at its end, not re-checked this year
_FILES = _SUBTREE + """SELECT x.level,
  COUNT(*) FILTER (WHERE x.opened_on BETWEEN %(start)s AND %(end)s),
  COUNT(*) FILTER (WHERE x.closed_on BETWEEN %(start)s AND %(end)s),
  COUNT(*) FILTER (WHERE x.opened_on <= %(end)s AND (x.closed_on IS NULL OR x.closed_on > %(end)s)),
  COUNT(*) FILTER (WHERE x.status = 'open' AND x.checked_on < %(new_year)s)
FROM care_hardshipcase x JOIN subtree o ON o.id = x.org_id GROUP BY x.level"""
# 5. everyday care (sick meals, leave) in person-times
_SERVICES = (_SUBTREE + "SELECT x.kind, SUM(x.people) FROM care_careservice x JOIN subtree o ON o.id = x.org_id "
             "WHERE x.date BETWEEN %(start)s AND %(end)s GROUP BY x.kind")


def _cents(value) -> Decimal:
    """A SUM as the selectors state it: SQLite returns floats, so back to Decimal fen, half up."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int]:
    """Every figure care's `sections()` states, from five hand-written statements (talks included:
    their table kept its name, voice_talk, when they moved to care)."""
    params = {"path": org.path + "%", "start": period.start, "end": period.end, "paid": str(AidStatus.PAID),
              "new_year": dt.date(period.end.year, 1, 1)}
    with connection.cursor() as cursor:
        def rows(sql):
            cursor.execute(sql, params)
            return cursor.fetchall()

        visits = rows(_VISITS)
        households, people_aided, talks = rows(_PEOPLE)[0]
        aid = rows(_AID)
        files = rows(_FILES)
        services = {kind: int(n) for kind, n in rows(_SERVICES)}
    paid = [(kind, _cents(cash) + _cents(goods)) for status, kind, _n, cash, goods in aid if status == str(AidStatus.PAID)]
    refused = sum(n for status, _kind, n, _c, _g in aid if status == str(AidStatus.REFUSED))
    opened, closed, files_open, unchecked = (sum(row[i] for row in files) for i in (1, 2, 3, 4))
    found: dict[str, Decimal | int] = {}
    if not (visits or people_aided or files_open or closed or refused or talks or services):
        return found
    if visits:
        cash = {occasion: _cents(c) for occasion, _n, c, _g in visits}
        goods = sum((_cents(g) for *_r, g in visits), Decimal(0))
        found |= {"care.households_visited": households, "care.visit_cash": sum(cash.values(), Decimal(0))}
        found |= {f"care.visits.{occasion}": n for occasion, n, _c, _g in visits}
        if goods:
            found["care.visit_goods"] = goods
        if sum(1 for v in cash.values() if v) > 1:
            found |= {f"care.visit_cash.{occasion}": v for occasion, v in cash.items() if v}
    if people_aided:
        found |= {"care.people_aided": people_aided, "care.aid": sum((v for _k, v in paid), Decimal(0))}
        found |= {f"care.aid.{kind}": v for kind, v in paid}
    found |= {f"care.services.{kind}": n for kind, n in services.items()}
    if files_open or closed:
        found |= {"care.files_open": files_open, "care.files_opened": opened, "care.files_closed": closed}
        found |= {f"care.files.{level}": n for level, _o, _c, n, _u in files if n}
    if talks:
        found["care.talks"] = talks
    if unchecked:
        found["care.files_unchecked"] = unchecked
    if refused:
        found["care.aid_refused"] = refused
    return found
