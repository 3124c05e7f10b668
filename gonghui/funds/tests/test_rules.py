"""The dues rule (章程 Art 4): 0.5% of the wage, the part under ten yuan ignored, bonuses excluded."""

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.funds.rules import monthly_dues, months_between, months_unpaid_running, wage_base


@pytest.mark.parametrize("wage, dues", [
    ("5678.90", "28.35"),   # 5,670 counted
    ("5670", "28.35"),
    ("5679.99", "28.35"),   # the 9.99 is under ten yuan
    ("5680", "28.40"),
    ("9.99", "0.00"),       # nothing counted below ten yuan
    ("10", "0.05"),
    ("0", "0.00"),
    ("12345.67", "61.70"),
])
def test_dues_are_half_a_percent_of_the_wage_with_the_part_under_ten_yuan_ignored(wage, dues):
    assert monthly_dues(Decimal(wage)) == Decimal(dues)


def test_bonuses_are_no_part_of_the_wage_base():
    assert wage_base(monthly_pay=Decimal("8000"), bonuses=Decimal("2500")) == Decimal("5500")
    assert monthly_dues(wage_base(monthly_pay=Decimal("8000"), bonuses=Decimal("2500"))) == monthly_dues(Decimal("5500"))


def test_a_negative_wage_is_refused():
    with pytest.raises(ValueError):
        monthly_dues(Decimal("-1"))


def test_months_between_counts_both_ends():
    months = months_between(dt.date(2025, 11, 15), dt.date(2026, 2, 1))
    assert months == [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)]


def test_the_running_count_stops_at_the_latest_paid_month():
    due = months_between(dt.date(2025, 1, 1), dt.date(2025, 9, 1))
    paid = {dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 3, 1)}
    assert months_unpaid_running(due, paid) == 6
    assert months_unpaid_running(due, paid | {dt.date(2025, 9, 1)}) == 0
