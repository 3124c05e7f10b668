"""Office days: a 公示 (public notice) runs for so many working days.

Weekends only: the State Council's holiday calendar (调休) changes every year and is not
known here, so a notice period that spans a holiday ends a little early; the office may
always set its own end date.
"""

from __future__ import annotations

import datetime as dt


def working_days_after(day: dt.date, n: int) -> dt.date:
    """The n-th working day (Monday to Friday) after `day`."""
    while n > 0:
        day += dt.timedelta(days=1)
        n -= day.weekday() < 5
    return day
