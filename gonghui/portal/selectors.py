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


def dashboard(*, org, year: int | None = None) -> tuple[int, list[DashboardArea]]:
    """(the year shown, its areas) for an org the caller has already checked the user manages.

    Without a year it shows this year, or last year while this year has nothing recorded yet
    (in January a union's dashboard would otherwise be all zeros)."""
    from gonghui.reports.providers import collect_sections

    years = [year] if year else [dt.date.today().year, dt.date.today().year - 1]
    for shown in years:
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
    return years[0], []


def rolled_up_dashboard(*, org, year: int | None = None):
    """(the year shown, its areas, when they were counted) of a federation from its roll-up
    (portal.services.rollup_refresh), in one query; None when the roll-up lacks that year."""
    from gonghui.orgs.selectors import rollup_for

    this_year = dt.date.today().year
    years = [year] if year else [this_year, this_year - 1]
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
