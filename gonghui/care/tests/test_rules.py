"""The hardship levels of RULES.md §d on hand-made households (no database)."""

from decimal import Decimal

import pytest

from gonghui.care.rules import ACCIDENT, DEEP, RELATIVE, hardship_level, per_head_monthly

LINE = Decimal(800)


def level(income, essential, size, **extra):
    return hardship_level(income=Decimal(income), essential_spending=Decimal(essential), household_size=size, line=LINE, **extra)


def test_what_each_person_has_a_month_after_essentials():
    assert per_head_monthly(income=Decimal(30000), essential_spending=Decimal(12000), household_size=3) == Decimal(500)


def test_below_the_line_is_deep_hardship():
    assert level(30000, 12000, 3) == DEEP              # 500 a head a month


def test_the_line_itself_is_no_longer_deep():
    assert level(28800 + 12000, 12000, 3) == RELATIVE  # exactly 800


def test_below_twice_the_line_is_relative_hardship():
    assert level(72000, 24000, 4) == RELATIVE          # 1,000
    assert level(57600 + 24000, 24000, 3) is None      # exactly 1,600


def test_a_major_accident_or_costs_above_eighty_percent_of_income_is_hardship_from_an_accident():
    assert level(120000, 30000, 3, major_accident=True) == ACCIDENT
    assert level(120000, 30000, 3, hardship_costs=Decimal(96001)) == ACCIDENT
    assert level(120000, 30000, 3, hardship_costs=Decimal(96000)) is None


def test_the_deeper_level_wins():
    assert level(30000, 12000, 3, major_accident=True) == DEEP


def test_a_household_has_someone_in_it():
    with pytest.raises(ValueError):
        level(1, 0, 0)
