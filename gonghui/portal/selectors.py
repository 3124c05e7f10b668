"""The chair's dashboard: this year's key figures of every area, each with last year's beside it.

The figures are the work summary's own (`reports.providers.collect_sections`), so the home
page, the summary and the API never disagree; each area shows its first few figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gonghui.core.formatting import format_count
from gonghui.core.summary import Figure, Period

FIGURES_PER_AREA = 3


@dataclass(frozen=True)
class DashboardFigure:
    label: str
    text: str
    trend: str      # "+12" / "-3" / "持平" / "" when last year has no records
    direction: str  # "up", "down", "flat" or ""


@dataclass(frozen=True)
class DashboardArea:
    heading: str
    figures: list[DashboardFigure]


def _trend(figure: Figure) -> tuple[str, str]:
    if figure.previous is None or figure.value is None:
        return "", ""
    change = figure.value - figure.previous
    if change == 0:
        return "flat", "flat"
    sign = "+" if change > 0 else "-"
    return f"{sign}{format_count(abs(change))}", "up" if change > 0 else "down"


def _years_to_show(year: int | None, today: dt.date) -> list[int]:
    """The year asked for, else this year then last (in January last year first)."""
    if year:
        return [year]
    return [today.year - 1, today.year] if today.month == 1 else [today.year, today.year - 1]


def dashboard(*, org, year: int | None = None) -> tuple[int, list[DashboardArea]]:
    """(the year shown, its areas) for an org the caller has already checked the user manages.

    Without a year it shows this year, or last year while this year has nothing recorded yet.
    In January it shows last year first: the year just ended is what a chair works on then (its
    summary, its funds review, its 年终考核), and this year holds a few days of records at most."""
    from gonghui.reports.providers import collect_sections

    today = dt.date.today()
    for shown in _years_to_show(year, today):
        areas = []
        for section in collect_sections(org=org, period=Period.year(shown)):
            figures = []
            for figure in section.figures:
                if figure.value in (None, 0) or len(figures) == FIGURES_PER_AREA:
                    continue
                trend, direction = _trend(figure)
                figures.append(DashboardFigure(str(figure.label), figure.text, trend, direction))
            if figures:
                areas.append(DashboardArea(section.heading, figures))
        if areas:
            return shown, areas
    return year or today.year, []


def rolled_up_dashboard(*, org, year: int | None = None):
    """(the year shown, its areas, when they were counted) of a federation from its roll-up
    (portal.services.rollup_refresh), in one query; None when the roll-up lacks that year."""
    from gonghui.orgs.selectors import rollup_for

    years = _years_to_show(year, dt.date.today())
    rollup = rollup_for(federation=org, years=years, unions=False)
    if rollup is None:
        return None
    for shown in years:
        stored = rollup.rows.get((org.pk, shown), {})
        if "areas" not in stored:
            return None
        areas = [DashboardArea(a["heading"], [DashboardFigure(**f) for f in a["figures"]]) for a in stored["areas"]]
        if areas or shown == years[-1]:
            return shown, areas, rollup
    return None
