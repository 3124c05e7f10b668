"""raw_sql_figures (bench/raw_sql/safety.py), the summary bench's reference, states exactly the safety
section's figures (same keys, same values) and fetches the groups and months it names: the same sentences
come out of them."""

import datetime as dt

import pytest
from django.db import connection

from bench.raw_sql.safety import raw_sql_figures
from bench import raw_sql
from gonghui.core.summary import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path
from gonghui.safety import services, summary

from .factories import hazard_post, network, report

pytestmark = pytest.mark.django_db
NAMED = ("safety.groups", "safety.months")


def _summary_figures(org, period: Period) -> dict:
    return raw_sql.summary_figures(summary.sections, org, period)


def _assert_same(org, period: Period) -> dict:
    raw, computed = raw_sql_figures(connection, org, period), _summary_figures(org, period)
    named = {key: raw.pop(key) for key in NAMED if key in raw}
    assert raw == computed
    for key, value in raw.items():
        assert type(value) is type(computed[key]), key
    if named:   # the sentences naming groups and quarters, written from the reference's rows, are the section's
        (section,) = summary.sections(org=org, period=period)
        text = " ".join(section.items)
        groups = summary.group_sentence([{"label": g, "total": n, "resolved": r} for g, n, r in named["safety.groups"]])
        quarters = summary.quarter_sentence([{"year": y, "month": m, "total": n} for y, m, n in named["safety.months"]])
        assert groups in text and quarters in text
    return raw | named


def test_the_scenario_year_gives_every_figure_of_the_summary():
    ctx = scenario_load(read_scenario(scenario_path("benbu-2025")))
    raw = _assert_same(ctx.union, Period.year(ctx.year))
    assert {"safety.reports.received", "safety.network.reps", "safety.hazards.posts", "safety.reports.median_days"} <= set(raw)
    assert len(raw["safety.groups"]) >= 2 and len(raw["safety.months"]) == 12
    for branch in ctx.union.children.all()[:2]:
        _assert_same(branch, Period.year(ctx.year))
    _assert_same(ctx.union, Period.half(ctx.year, 2))
    _assert_same(ctx.union, Period.years(ctx.year - 1, ctx.year))


def test_answers_reopenings_and_follow_ups_are_counted_as_the_summary_states_them(cast):
    network(cast)
    made = [report(cast, key=str(i), on=dt.date(2025, 1 + 3 * i, 10)) for i in range(4)]
    services.safety_report_forward(actor=cast.chair, report=made[0], unit="设备室", deadline=dt.date(2025, 1, 20))
    for i, days in ((1, 3), (2, 6), (3, 10)):
        services.safety_report_answer(actor=cast.chair, report=made[i], answer="已整改", resolved=True,
                                      on=made[i].reported_on + dt.timedelta(days=days))
    services.safety_report_reopen(report=made[1], reason="护栏仍松动", by=cast.rep)
    post = hazard_post(cast)
    exposure = services.exposure_add(actor=cast.chair, post=post, member=cast.member_record, since=dt.date(2025, 2, 1))
    services.follow_up_plan(actor=cast.chair, exposure=exposure, kind="health_check", due_on=dt.date(2025, 9, 1))
    raw = _assert_same(cast.union, Period.year(2025))
    assert raw["safety.reports.reopened"] == 1 and raw["safety.reports.overdue"] == 1
    assert raw["safety.hazards.follow_ups_open"] == 1 and raw["safety.hazards.exposed"] == 1
    assert raw["safety.reports.median_days"] == 6   # answered in 3, 6 and 10 days
    for period in (Period.half(2025, 1), Period.half(2025, 2), Period.years(2024, 2025), Period.year(2026)):
        _assert_same(cast.union, period)
    _assert_same(cast.branch, Period.year(2025))


def test_nothing_recorded_gives_no_figures(cast):
    assert raw_sql_figures(connection, cast.union, Period.year(2025)) == {} == _summary_figures(cast.union, Period.year(2025))
