"""The summary provider protocol.

Each app that has something to report keeps a `summary.py` with

    def sections(*, org: Org, period: Period) -> list[Section]

returning its part of the work summary for the org's subtree and the period. The
`reports` app collects them in the seeds' order (`Section.order`) and writes the
document.

A federation's summary also gives each grassroots union a line of headline figures.
A provider may offer

    def union_headlines(*, org: Org, period: Period, union_of: dict[int, int]) -> dict[int, Section]

giving, for every union under the federation `org` that has something to report,
a Section holding just the area's headline figure, counted for all unions at once
(orgs.selectors.count_by_union groups by org and adds up through `union_of`: org id -> union id). Providers
without it are asked for each union's sections in turn. A provider computes every figure from the records through its app's
selectors, so the summary, the dashboard and the API state the same numbers.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Protocol

from django.apps import apps


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str  # "2025年", "2025年上半年", "2023—2025年"

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年")

    @classmethod
    def half(cls, year: int, half: int) -> "Period":
        if half == 1:
            return cls(dt.date(year, 1, 1), dt.date(year, 6, 30), f"{year}年上半年")
        return cls(dt.date(year, 7, 1), dt.date(year, 12, 31), f"{year}年下半年")

    @classmethod
    def years(cls, first: int, last: int) -> "Period":
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
    def from_key(cls, key: str) -> "Period":
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
    def choose(cls, year: int, *, half: int | None = None, to_year: int | None = None) -> "Period":
        """What the forms, the API and the command ask for: a year, one half of it, or a span."""
        if to_year and to_year > year:
            return cls.years(year, to_year)
        if half in (1, 2):
            return cls.half(year, half)
        return cls.year(year)

    def same_period_last_year(self) -> "Period":
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


class SummaryProvider(Protocol):
    def __call__(self, *, org, period: Period) -> list[Section]: ...


def summary_providers() -> list[tuple[str, SummaryProvider]]:
    """Every installed Gonghui app's `summary.sections`, in app order."""
    found: list[tuple[str, Callable]] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("gonghui."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.summary")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.summary":
                raise
            continue
        found.append((config.label, module.sections))
    return found


def summary_modules() -> list[tuple[str, object]]:
    """(app label, its summary module), for the optional extras such as `raw_sql_figures`."""
    return [(label, importlib.import_module(provider.__module__)) for label, provider in summary_providers()]


def headline_sections(counts: dict[int, object], *, key: str, order: int, heading: str,
                      figure: Callable[[object], Figure]) -> dict[int, Section]:
    """{union id: a Section holding just figure(count)} for each union with a count: what
    a provider's `union_headlines` returns."""
    return {pk: Section(key=key, order=order, heading=heading, figures=[figure(n)]) for pk, n in counts.items() if n}


def collect_union_sections(*, org, period: Period, unions: list) -> dict[int, list[Section]]:
    """{union id: the sections of its headline line} for the unions of a federation."""
    from gonghui.orgs.selectors import union_ids_by_org

    found: dict[int, list[Section]] = {u.pk: [] for u in unions}
    union_of = None
    for _label, module in summary_modules():
        headlines = getattr(module, "union_headlines", None)
        if headlines is None:
            for union in unions:
                found[union.pk].extend(module.sections(org=union, period=period))
            continue
        if union_of is None:
            union_of = union_ids_by_org(org)
        for union_pk, section in headlines(org=org, period=period, union_of=union_of).items():
            if union_pk in found:
                found[union_pk].append(section)
    return {pk: sorted(sections, key=lambda s: s.order) for pk, sections in found.items()}


def collect_sections(*, org, period: Period) -> list[Section]:
    sections: list[Section] = []
    for _label, provider in summary_providers():
        sections.extend(provider(org=org, period=period))
    return sorted(sections, key=lambda s: s.order)
