"""Funds' figures in hand-written SQL: the reference bench/summary.py times the whole summary
against (and gonghui/funds/tests/test_raw_sql.py holds equal to funds.summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from gonghui.core.summary import Period
from gonghui.funds import chart
from gonghui.funds.rules import MONTHS_BEFORE_FLAG, month_start, months_between
from gonghui.funds.selectors import judged_on
from gonghui.funds.summary import NAMED_LIMIT
from gonghui.members.choices import MemberStatus


def _cents(value) -> Decimal:
    """A SUM as the selectors state it: SQLite returns floats, so back to Decimal fen, half up."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int]:
    """Every number funds' `sections()` states, by four hand-written statements.

    1. the dues paid for the period's months in the org's subtree: their sum, count and the members paying;
    2. the wage bases due in the period, counted by the month they start and, for a period within
       one year, by how many of the year's months due (to the day arrears are judged on) the
       member paid and whether they paid any of the latest six: the member-months due, the
       members behind and those six months behind then follow in Python (months_between, the
       one rule the selectors use too);
    3. the ledger's movement by account over the period, debit and credit summed, for the
       income and spending lines (spending is debit-normal, income credit-normal);
    4. for a period within one year, each org's spending budget lines with what its own books spent.

    Plain SQL with `LIKE` on the materialised path: SQLite and PostgreSQL alike.
    """
    like, first = org.path + "%", month_start(period.start)
    one_year = period.start.year == period.end.year
    last = month_start(judged_on(period.start, period.end))
    year_first = dt.date(last.year, 1, 1)
    recent = months_between(year_first, last)[-MONTHS_BEFORE_FLAG:]
    spending_codes = chart.codes_of(chart.SPENDING)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT SUM(d.amount), COUNT(*), COUNT(DISTINCT d.member_id) FROM funds_duespayment d "
            "JOIN orgs_org o ON o.id = d.org_id WHERE o.path LIKE %s AND d.month >= %s AND d.month <= %s",
            [like, first, period.end])
        collected, payments, paying = cursor.fetchone()
        cursor.execute(
            "SELECT w.since, (SELECT COUNT(*) FROM funds_duespayment p WHERE p.member_id = w.member_id "
            "AND p.month >= w.since AND p.month >= %s AND p.month <= %s), "
            "EXISTS (SELECT 1 FROM funds_duespayment p WHERE p.member_id = w.member_id AND p.month >= %s AND p.month <= %s), "
            "COUNT(*) FROM funds_wagebase w JOIN orgs_org o ON o.id = w.org_id JOIN members_member m ON m.id = w.member_id "
            "WHERE o.path LIKE %s AND w.since <= %s AND w.dues > 0 AND m.status = %s GROUP BY 1, 2, 3",
            [year_first, last, recent[0], last, like, period.end, str(MemberStatus.ACTIVE)])
        bases = cursor.fetchall()
        codes = chart.codes_of(chart.INCOME) + spending_codes
        cursor.execute(
            "SELECT l.account, SUM(l.debit), SUM(l.credit) FROM funds_line l JOIN funds_entry e ON e.id = l.entry_id "
            "JOIN orgs_org o ON o.id = e.org_id WHERE o.path LIKE %s AND e.date >= %s AND e.date <= %s "
            f"AND l.account IN ({', '.join(['%s'] * len(codes))}) GROUP BY l.account",
            [like, period.start, period.end, *codes])
        movement = cursor.fetchall()
        budgets = []
        if one_year:
            cursor.execute(
                "SELECT o.name, b.account, b.amount, (SELECT SUM(l.debit) FROM funds_line l JOIN funds_entry e ON e.id = l.entry_id "
                "WHERE e.org_id = b.org_id AND e.year = b.year AND l.account = b.account), (SELECT SUM(l.credit) FROM funds_line l "
                "JOIN funds_entry e ON e.id = l.entry_id WHERE e.org_id = b.org_id AND e.year = b.year AND l.account = b.account) "
                "FROM funds_budgetline b JOIN orgs_org o ON o.id = b.org_id WHERE o.path LIKE %s AND b.year = %s "
                f"AND b.account IN ({', '.join(['%s'] * len(spending_codes))}) ORDER BY b.org_id, b.account",
                [like, period.start.year, *spending_codes])
            budgets = cursor.fetchall()
    income, spending = {}, {}
    for code, debit, credit in movement:
        if chart.account(code).kind == chart.SPENDING:
            value = _cents(debit) - _cents(credit)
            if value:
                spending[code] = value
        else:
            value = _cents(credit) - _cents(debit)
            if value:
                income[code] = value
    found: dict[str, Decimal | int] = {}
    if not payments and not income and not spending:
        return found
    due = in_arrears = flagged = 0
    for since, paid_in_year, paid_lately, n in bases:
        since = _day(since)
        due += n * len(months_between(max(first, since), period.end))
        if one_year and since <= last:
            due_in_year = len(months_between(max(year_first, since), last))
            if paid_in_year < due_in_year:
                in_arrears += n
                if due_in_year >= MONTHS_BEFORE_FLAG and not paid_lately:
                    flagged += n
    if payments:
        found["funds.dues.collected"] = _cents(collected)
        if due:
            found["funds.dues.rate"] = (Decimal(payments) * 100 / due).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            found["funds.dues.members"] = paying
    if income or spending:
        found["funds.spending"] = sum(spending.values(), Decimal("0.00"))
        found |= {f"funds.spending.{code}": amount for code, amount in spending.items()}
        if income:
            found["funds.income"] = sum(income.values(), Decimal("0.00"))
    if in_arrears:
        found["funds.dues.in_arrears"] = in_arrears
        found["funds.dues.flagged"] = flagged
    overspent = [(org_name, code, over) for org_name, code, budget, debit, credit in budgets
                 if debit is not None and (over := _cents(debit) - _cents(credit) - _cents(budget)) > 0]
    if len(overspent) <= NAMED_LIMIT:
        found |= {f"funds.overspent.{org_name}.{code}": over for org_name, code, over in overspent}
    else:   # added up per account past the limit, as the summary does
        for org_name, code, over in overspent:
            found[f"funds.overspent.{code}.units"] = found.get(f"funds.overspent.{code}.units", 0) + 1
            found[f"funds.overspent.{code}"] = found.get(f"funds.overspent.{code}", Decimal("0.00")) + over
    return found


def _day(value):
    """A DATE column as a date: SQLite hands back text."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
