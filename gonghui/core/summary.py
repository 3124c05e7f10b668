"""The work summary's parts, shared by every app that reports: the period, a figure, a section.

They live in the kernel so that an app's `summary.py` depends on the kernel alone; the
`reports` app collects the sections and writes the document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from collections.abc import Callable

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str  # "2025年", "2025年上半年", "2023—2025年"

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年")

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        if half == 1:
            return cls(dt.date(year, 1, 1), dt.date(year, 6, 30), f"{year}年上半年")
        return cls(dt.date(year, 7, 1), dt.date(year, 12, 31), f"{year}年下半年")

    @classmethod
    def years(cls, first: int, last: int) -> Period:
        return cls(dt.date(first, 1, 1), dt.date(last, 12, 31), f"{first}—{last}年")

    @property
    def key(self) -> str:
        """The period in a URL: '2025', '2025-H1', '2025-H2', '2023-2025'."""
        if self.start.year != self.end.year:
            return f"{self.start.year}-{self.end.year}"
        if (self.start.month, self.end.month) == (1, 6):
            return f"{self.start.year}-H1"
        if (self.start.month, self.end.month) == (7, 12):
            return f"{self.start.year}-H2"
        return str(self.start.year)

    @classmethod
    def from_key(cls, key: str) -> Period:
        """The inverse of `key`; ValueError for anything else."""
        head, _sep, tail = key.partition("-")
        year = int(head)
        if not 1900 < year < 2200:
            raise ValueError(key)
        if not tail:
            return cls.year(year)
        if tail in ("H1", "H2"):
            return cls.half(year, int(tail[1]))
        last = int(tail)
        if not year <= last < year + 50:
            raise ValueError(key)
        return cls.years(year, last) if last > year else cls.year(year)

    @classmethod
    def choose(cls, year: int, *, half: int | None = None, to_year: int | None = None) -> Period:
        """What the forms, the API and the command ask for: a year, one half of it, or a span."""
        if to_year and to_year > year:
            return cls.years(year, to_year)
        if half in (1, 2):
            return cls.half(year, half)
        return cls.year(year)

    @property
    def span_years(self) -> int:
        """How many calendar years the period covers: 1 for a year or a half, 3 for 2023—2025."""
        return self.end.year - self.start.year + 1

    @property
    def is_span(self) -> bool:
        return self.span_years > 1

    def same_period_last_year(self) -> Period:
        """What the period is compared with: the same days a year earlier, or, for a span of
        years, the span of as many years just before it (2023—2025 against 2020—2022)."""
        if self.is_span:
            n = self.span_years
            return Period.years(self.start.year - n, self.end.year - n)

        def back(d: dt.date) -> dt.date:
            return d.replace(year=d.year - 1, day=28) if (d.month, d.day) == (2, 29) else d.replace(year=d.year - 1)

        return Period(back(self.start), back(self.end), self.label.replace(str(self.start.year), str(self.start.year - 1), 1))


@dataclass
class Figure:
    """One number the text states, with where it came from (for the editor's links and the 同比)."""

    key: str            # stable id, e.g. "voice.suggestions.submitted"
    label: str          # 合理化建议
    value: Decimal | int | None
    text: str           # as written: "2,854条"
    previous: Decimal | int | None = None  # same period last year, where records exist
    source: str = ""    # URL of the list the figure counts
    stock: bool = False  # counted as at the period's end (the roll), not over it: a span compares it with the day before
    said: bool = False   # its own sentence states its 同比 already: the section's comparison sentence leaves it out


@dataclass
class Section:
    """A numbered part of the summary: 一、heading, then paragraphs (each may be an item 1、2、…)."""

    key: str
    order: int          # the seeds' order: organisation 10, democracy 20, voice 30, care 40, funds 50, activities 60, governance 70, alarms 80
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    shortcomings: list[str] = field(default_factory=list)  # read off the records, never invented
    plans: list[str] = field(default_factory=list)
    # what a federation's line for one union names beside its figures: a congress session, a patent
    named: list[str] = field(default_factory=list)


def org_words(org) -> dict[str, str]:
    """The union's own words for its summary's sentences, to merge into their % arguments:
    `staff` (职工 / 教职工 / 员工: what it calls its people) and `disclosure` (厂务公开 /
    企务公开 / 校务公开 …). Read off the org (orgs.models.Org.staff_word / disclosure_word)
    without importing orgs, so the kernel stays free of apps."""
    return {
        "staff": str(getattr(org, "staff_word", "") or _("workers")),
        "disclosure": str(getattr(org, "disclosure_word", "") or _("factory affairs disclosure")),
    }


def headline_sections(counts: dict[int, object], *, key: str, order: int, heading: str,
                      figure: Callable[[object], Figure]) -> dict[int, Section]:
    """{union id: a Section holding just figure(count)} for each union with a count: what
    a provider's `union_headlines` returns."""
    return {pk: Section(key=key, order=order, heading=heading, figures=[figure(n)]) for pk, n in counts.items() if n}
