"""The hardship levels of RULES.md §d as one pure function over a household's yearly figures.

深度困难: (disposable income − essential spending) ÷ 12 ÷ household size < the local 低保 line;
相对困难: the same figure < 2 × the line;
意外致困: a major accident, or hardship costs (illness, disaster) above 80% of the household's
yearly income. The deeper level wins when more than one holds.
"""

from __future__ import annotations

from decimal import Decimal

DEEP, RELATIVE, ACCIDENT = "deep", "relative", "accident"
ACCIDENT_SHARE = Decimal("0.8")


def per_head_monthly(*, income: Decimal, essential_spending: Decimal, household_size: int) -> Decimal:
    """What each member of the household has a month once essentials are paid."""
    if household_size < 1:
        raise ValueError("a household has at least one person")
    return (Decimal(income) - Decimal(essential_spending)) / 12 / household_size


def hardship_level(*, income: Decimal, essential_spending: Decimal, household_size: int, line: Decimal,
                   hardship_costs: Decimal = Decimal(0), major_accident: bool = False) -> str | None:
    """The household's level, or None when it is not in hardship by these rules."""
    left = per_head_monthly(income=income, essential_spending=essential_spending, household_size=household_size)
    if left < Decimal(line):
        return DEEP
    if left < 2 * Decimal(line):
        return RELATIVE
    if major_accident or Decimal(hardship_costs) > ACCIDENT_SHARE * Decimal(income):
        return ACCIDENT
    return None
