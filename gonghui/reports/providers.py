"""The summary provider protocol.

Each app that has something to report keeps a `summary.py` with

    def sections(*, org: Org, period: Period) -> list[Section]

returning its part of the work summary for the org's subtree and the period. The
`reports` app collects them in the order of the union's kind (reports.voices.SECTION_ORDER,
by each Section's stable `key`; `Section.order` for an area the table does not name) and
writes the document. Sentences take the org's own words from core.summary.org_words.

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

import importlib
from typing import Protocol

from gonghui.core.registry import declared
from gonghui.core.summary import Figure, Period, Section, headline_sections  # noqa: F401  (re-exported)


class SummaryProvider(Protocol):
    def __call__(self, *, org, period: Period) -> list[Section]: ...


def summary_providers() -> list[tuple[str, SummaryProvider]]:
    """Every app's summary provider (`AppConfig.summary`), in app order."""
    return [(config.label, module.sections) for config, module in declared("summary")]


def summary_modules() -> list[tuple[str, object]]:
    """(app label, its summary module), for the optional extras such as `raw_sql_figures`."""
    return [(label, importlib.import_module(provider.__module__)) for label, provider in summary_providers()]


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
    from .voices import section_rank

    return sorted(sections, key=section_rank(getattr(org, "sector", None)))
