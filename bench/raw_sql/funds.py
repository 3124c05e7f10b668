"""Funds' figures in hand-written SQL: the reference bench/summary.py times the whole summary
against (and gonghui/funds/tests/test_raw_sql.py holds equal to funds.summary).

It lives with the bench, not in the product: nothing the product runs calls it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from gonghui.core.summary import Period
from gonghui.funds import chart
from gonghui.funds.rules import month_start, months_between
from gonghui.members.choices import MemberStatus


def _cents(value) -> Decimal:
    """A SUM as the selectors state it: SQLite returns floats, so back to Decimal fen, half up."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def raw_sql_figures(connection, org, period: Period) -> dict[str, Decimal | int]:
    """Every figure funds' `sections()` states, by three hand-written statements.

    1. the dues paid for the period's months in the org's subtree: their sum and count;
    2. the wage bases due in the period, counted by the month they start (the member-months
       due are then the months from each start, or the period's first month, to its end:
       months_between, the one rule the selectors use too);
    3. the ledger's movement by account over the period, debit and credit summed, for the
       income and spending lines (spending is debit-normal, income credit-normal).

    Plain SQL with `LIKE` on the materialised path: SQLite and PostgreSQL alike.
    """
    like, first = org.path + "%", month_start(period.start)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT SUM(d.amount), COUNT(*) FROM funds_duespayment d JOIN orgs_org o ON o.id = d.org_id "
            "WHERE o.path LIKE %s AND d.month >= %s AND d.month <= %s", [like, first, period.end])
        collected, payments = cursor.fetchone()
        cursor.execute(
            "SELECT w.since, COUNT(*) FROM funds_wagebase w JOIN orgs_org o ON o.id = w.org_id "
            "JOIN members_member m ON m.id = w.member_id "
            "WHERE o.path LIKE %s AND w.since <= %s AND w.dues > 0 AND m.status = %s GROUP BY w.since",
            [like, period.end, str(MemberStatus.ACTIVE)])
        due = sum(n * len(months_between(max(first, _day(since)), period.end)) for since, n in cursor.fetchall())
        codes = chart.codes_of(chart.INCOME) + chart.codes_of(chart.SPENDING)
        cursor.execute(
            "SELECT l.account, SUM(l.debit), SUM(l.credit) FROM funds_line l JOIN funds_entry e ON e.id = l.entry_id "
            "JOIN orgs_org o ON o.id = e.org_id WHERE o.path LIKE %s AND e.date >= %s AND e.date <= %s "
            f"AND l.account IN ({', '.join(['%s'] * len(codes))}) GROUP BY l.account",
            [like, period.start, period.end, *codes])
        movement = cursor.fetchall()
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
    if payments:
        found["funds.dues.collected"] = _cents(collected)
        if due:
            found["funds.dues.rate"] = (Decimal(payments) * 100 / due).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if income or spending:
        found["funds.spending"] = sum(spending.values(), Decimal("0.00"))
        found |= {f"funds.spending.{code}": amount for code, amount in spending.items()}
    return found


def _day(value):
    """A DATE column as a date: SQLite hands back text."""
    import datetime as dt

    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
