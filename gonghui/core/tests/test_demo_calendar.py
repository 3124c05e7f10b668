"""Which year the demo tells, and how far its dates move, as of a given day (no database)."""

import datetime as dt

import pytest

from gonghui.core.demo import DemoContext, demo_calendar, years_later


@pytest.mark.parametrize("as_of, year, shift_days", [
    (dt.date(2025, 12, 31), 2025, 0),       # the scenario's own last day: the scenario as written
    (dt.date(2026, 11, 26), 2026, -35),     # late in a year: this year, ending about today
    (dt.date(2027, 1, 3), 2026, 0),         # early January: last year, a whole year behind today
    (dt.date(2027, 3, 1), 2026, 56),        # spring: last year, moved on by whole weeks
    (dt.date(2026, 7, 2), 2026, -182),      # half a year back is this year's 1 January
    (dt.date(2026, 7, 1), 2025, 182),
])
def test_the_demo_tells_the_year_ending_about_its_day(as_of, year, shift_days):
    assert demo_calendar(as_of) == (year, dt.timedelta(days=shift_days))


@pytest.mark.parametrize("as_of", [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(0, 800, 13)])
def test_the_shift_keeps_weekdays_and_puts_the_year_s_last_day_within_a_week_before_the_demo_s_day(as_of):
    year, shift = demo_calendar(as_of)
    assert shift.days % 7 == 0 and abs(shift.days) <= 182
    assert 0 <= (as_of - (dt.date(year, 12, 31) + shift)).days < 7


def test_the_demo_context_dates_a_day_of_its_year_on_the_calendar():
    demo = DemoContext(union=None, chair=None, member_user=None, admin=None, year=2026, as_of=dt.date(2026, 11, 26),
                       shift=dt.timedelta(days=-35))
    assert demo.date(12, 31) == dt.date(2026, 11, 26)
    assert demo.date(1, 1) == dt.date(2025, 11, 27)
    assert demo.date_in_year(1, 1) == dt.date(2026, 1, 1)   # a year's books stay in their year
    assert demo.days_ago(3) == dt.date(2026, 11, 23)
    assert DemoContext(union=None, chair=None, member_user=None, admin=None, year=2025).as_of == dt.date(2025, 12, 31)


def test_a_day_years_later_falls_back_from_29_february():
    assert years_later(dt.date(2028, 2, 29), 2) == dt.date(2030, 2, 28)
    assert years_later(dt.date(2025, 4, 20), 5) == dt.date(2030, 4, 20)
