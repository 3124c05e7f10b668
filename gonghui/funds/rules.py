"""The union's money rules as pure functions over plain numbers (CONVENTIONS §5).

章程 (2023) Art 4 and RULES.md §e: a member pays monthly dues of 0.5% of the monthly
wage; the part of the wage under ten yuan is not counted, and bonuses are no part of
the wage base. A member who has not paid for six months running without a reason is
treated as having left (章程 Art 6), so six unpaid months in a row are flagged.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

DUES_RATE = Decimal("0.005")
WAGE_STEP = Decimal(10)       # the part of the wage under ten yuan is ignored
MONTHS_BEFORE_FLAG = 6        # 章程 Art 6: six months unpaid


def wage_base(*, monthly_pay: Decimal, bonuses: Decimal = Decimal(0)) -> Decimal:
    """The wage dues are counted on: the month's pay less its bonuses, never below nothing."""
    return max(Decimal(monthly_pay) - Decimal(bonuses), Decimal(0))


def monthly_dues(wage: Decimal) -> Decimal:
    """0.5% of the wage with the part under ten yuan left out, in yuan and fen.

    5,678.90 -> the base is 5,670 -> 28.35. The base is a whole multiple of ten,
    so the dues are a whole number of half-jiao and need no rounding beyond fen.
    """
    wage = Decimal(wage)
    if wage < 0:
        raise ValueError("a wage cannot be negative")
    counted = (wage / WAGE_STEP).to_integral_value(rounding=ROUND_DOWN) * WAGE_STEP
    return (counted * DUES_RATE).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first days of every month from `first`'s to `last`'s, both included."""
    months, m = [], month_start(first)
    while m <= last:
        months.append(m)
        m = (m.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def months_unpaid_running(due: list[dt.date], paid: set[dt.date]) -> int:
    """How many of the latest due months in a row are unpaid (the 章程 Art 6 count)."""
    running = 0
    for month in reversed(due):
        if month in paid:
            break
        running += 1
    return running
