"""What an app's demo loader is handed (`AppConfig.demo`): the union the demo centres on, who acts,
and the day the demo is told as of.

The demo follows the calendar: `gonghui demo-data` loads its scenario's year as the year that ends
about `as_of` (default today), so on any day the dashboard opens on a year with records, a notice is
inside its 公示 period and what is overdue is days overdue. `demo_calendar` says which year and by
how much every date moves; the apps' demo loaders date their live items from `as_of` itself.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

HALF_YEAR = dt.timedelta(days=182)


def demo_calendar(as_of: dt.date) -> tuple[int, dt.timedelta]:
    """(year, shift): the scenario year told as of `as_of`, and how far its dates move.

    The year is that of half a year ago, so from July the demo's year is this year and before July
    last year (a January demo keeps a whole year behind it, not three days). The shift takes the
    year's 31 December to `as_of`, rounded down to whole weeks: a meeting a scenario puts on a
    weekday stays on one, and nothing of the year lands after `as_of`. As of 2025-12-31: (2025, 0).
    """
    year = (as_of - HALF_YEAR).year
    days = (as_of - dt.date(year, 12, 31)).days
    return year, dt.timedelta(weeks=days // 7)


def years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes the 28th (a shifted year may land on it)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass
class DemoContext:
    union: Any          # the union the demo centres on (BENBU)
    chair: Any          # its chair's login, who records what a chair records
    member_user: Any    # an ordinary member's login (张三)
    admin: Any          # the superuser, for set-up
    year: int           # the scenario's year, as the demo tells it (demo_calendar)
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    as_of: dt.date | None = None                 # the day the demo is told as of; None: the year's 31 December
    shift: dt.timedelta = dt.timedelta(0)        # how far the year's dates move (demo_calendar)

    def __post_init__(self):
        if self.as_of is None:
            self.as_of = dt.date(self.year, 12, 31) + self.shift

    def date(self, month: int, day: int, year: int | None = None) -> dt.date:
        """A day of the demo's year (or `year`), moved onto the calendar as the scenario's records are."""
        return dt.date(year or self.year, month, day) + self.shift

    def date_in_year(self, month: int, day: int) -> dt.date:
        """`date`, kept inside the demo's year (ScenarioContext.date_in_year)."""
        return min(max(self.date(month, day), dt.date(self.year, 1, 1)), dt.date(self.year, 12, 31))

    def days_ago(self, n: int) -> dt.date:
        """A live item's day: n days before as_of (negative: after)."""
        return self.as_of - dt.timedelta(days=n)
