"""raw_sql_figures (bench/raw_sql/voice.py), the bench's reference, states exactly the summary's voice
figures (same keys, same values) and fetches the themes and branches the section names (the same sentences
come out of them)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from bench import raw_sql
from gonghui.core.summary import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path
from gonghui.voice import services, summary
from gonghui.voice.choices import SuggestionStatus

from .factories import theme

pytestmark = pytest.mark.django_db


def _bench_reference():
    """bench/raw_sql/voice.py, the summary bench's hand-written SQL: kept out of the product."""
    from bench.raw_sql import voice

    return voice.raw_sql_figures


def raw_sql_figures(connection, org, period):
    return _bench_reference()(connection, org, period)


def _summary_figures(org, period: Period) -> dict:
    return raw_sql.summary_figures(summary.sections, org, period)


def _assert_same(org, period: Period) -> dict:
    raw, computed = raw_sql_figures(connection, org, period), _summary_figures(org, period)
    named = {key: raw.pop(key) for key in ("voice.themes", "voice.branches") if key in raw}
    assert raw == computed
    if named:   # the sentences naming themes and branches, written from the reference's rows, are the section's
        (section,) = summary.sections(org=org, period=period)
        themes = summary.Breakdown(rows=[{"label": name, "total": n} for name, n in named["voice.themes"]])
        assert summary._theme_phrase(summary.theme_names(themes)) in section.items[0]
        for sentence in (summary.theme_sentence(themes),
                         summary.branch_sentence([{"label": b, "total": n, "adopted": a} for b, n, a in named["voice.branches"]])):
            assert not sentence or sentence in section.items, sentence
    for key, value in raw.items():  # equal as numbers and as written (2 places), whatever the backend returned
        assert type(value) is type(computed[key]), key
    return raw


def test_the_scenario_year_gives_every_figure_of_the_summary():
    ctx = scenario_load(read_scenario(scenario_path("benbu-2025")))
    raw = _assert_same(ctx.union, Period.year(ctx.year))
    assert {"voice.suggestions.submitted", "voice.suggestions.rejected", "voice.suggestions.saving"} <= set(raw)
    named = raw_sql_figures(connection, ctx.union, Period.year(ctx.year))   # the sentences checked are not empty ones
    assert len(named["voice.themes"]) >= 2 and sum(1 for row in named["voice.branches"] if row[1]) >= 2
    for branch in ctx.union.children.all()[:2]:
        _assert_same(branch, Period.year(ctx.year))
    _assert_same(ctx.union, Period.half(ctx.year, 2))


def test_last_years_figures_are_the_previous_values(cast):
    t = theme(cast)
    rows = []
    for year, statuses in ((2024, (SuggestionStatus.IMPLEMENTED, SuggestionStatus.REJECTED, SuggestionStatus.REJECTED)),
                           (2025, (SuggestionStatus.IMPLEMENTED, SuggestionStatus.ADOPTED, SuggestionStatus.SUBMITTED))):
        for i, status in enumerate(statuses):
            rows.append(services.SuggestionRow(
                author=cast.member_record, title=f"s{year}-{i}", body="b", theme=t, submitted_on=dt.date(year, 3 + i, 10),
                status=status, answer="理由" if status == SuggestionStatus.REJECTED else "",
                saving_yuan=Decimal("100.10") if status == SuggestionStatus.IMPLEMENTED else None))
    services.suggestions_bulk_create(actor=cast.chair, union=cast.union, rows=rows)
    raw = _assert_same(cast.union, Period.year(2025))
    assert raw["voice.suggestions.submitted.previous"] == 3
    assert raw["voice.suggestions.adoption_rate"] == Decimal("100.00")
    assert raw["voice.suggestions.adoption_rate.previous"] == Decimal("33.33")
    assert raw["voice.suggestions.saving"] == Decimal("100.10")
    # A span overlapping its own last year, and a year with nothing before it.
    _assert_same(cast.union, Period.years(2024, 2025))
    assert "voice.suggestions.submitted.previous" not in _assert_same(cast.union, Period.year(2024))


def test_nothing_recorded_gives_no_figures(cast):
    assert raw_sql_figures(connection, cast.union, Period.year(2025)) == {} == _summary_figures(cast.union, Period.year(2025))
