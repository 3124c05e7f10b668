"""`raw_sql_figures` (bench/raw_sql/congress.py), the bench's hand-written reference, states exactly the summary's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from bench.raw_sql.congress import raw_sql_figures
from gonghui.congress import services
from gonghui.congress.summary import sections
from gonghui.core.summary import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path

from .factories import DAY, assigned_motion, election, motion, seconded_motion, session

pytestmark = pytest.mark.django_db


def summary_figures(org, period: Period) -> dict:
    found: dict = {}
    with translation.override("zh-hans"):
        for section in sections(org=org, period=period):
            for figure in section.figures:
                found[figure.key] = figure.value
    return found


def assert_same(org, period: Period) -> dict:
    expected = summary_figures(org, period)
    raw = raw_sql_figures(connection, org, period)
    assert set(raw) == set(expected), (sorted(raw), sorted(expected))
    for key, value in expected.items():
        assert Decimal(str(raw[key])) == Decimal(str(value)), (key, raw[key], value)
    return expected


@pytest.fixture
def records(cast):
    """A session of 6 delegates with motions in every state (one answered and rated, one converted,
    one waiting), a closed election, and last year's session that must not count."""
    s = session(cast, delegates=6)
    delegates = list(s.delegates.all())
    answered = assigned_motion(cast, s, delegates)
    services.motion_answer(actor=cast.chair, motion=answered, text="已加装排风扇。", org=cast.branch, on=dt.date(2025, 5, 20))
    services.motion_rate(actor=cast.member, motion=answered, rating="basically", today=dt.date(2025, 5, 25))
    converted = seconded_motion(cast, s, delegates, title="增设自行车棚")
    services.motion_decide(actor=cast.chair, motion=converted, accept=False, reason="转为合理化建议")
    motion(cast, s, title="延长食堂供餐时间")
    e = election(cast, s, delegates, seats=1, candidates=2)
    first = e.candidates.first()
    services.paper_ballots_issue(actor=None, election=e, issued=5)
    for i in range(5):
        services.paper_ballot_enter(actor=None, election=e, marks={first.pk: "for"}, entry_key=f"raw-{i}")
    services.election_close(actor=cast.chair, election=e)
    services.session_create(actor=cast.chair, org=cast.union, term=1, sitting=9, title="上一届职工代表大会",
                            date=DAY.replace(year=2024), headcount=400)
    return cast


@pytest.mark.parametrize("whose, period", [
    ("union", Period.half(2025, 1)), ("union", Period.half(2025, 2)), ("branch", Period.year(2025)),
    ("federation", Period.years(2024, 2025)),
], ids=lambda v: getattr(v, "key", v))
def test_raw_sql_figures_equal_the_summarys(records, whose, period):
    assert_same(getattr(records, whose), period)


def test_every_kind_of_figure_is_covered(records):
    keys = set(assert_same(records.union, Period.year(2025)))
    assert {"congress.sessions", "congress.delegates", "congress.motions.collected", "congress.motions.accepted",
            "congress.motions.answered", "congress.motions.satisfaction", "congress.elections.held",
            "congress.elections.turnout"} <= keys


def test_an_org_with_nothing_has_no_figures(cast):
    assert raw_sql_figures(connection, cast.sibling, Period.year(2025)) == {} == summary_figures(cast.sibling, Period.year(2025))


def test_the_scenario_at_scale_one_agrees():
    ctx = scenario_load(read_scenario(scenario_path("benbu-2025")))
    assert_same(ctx.union, Period.year(ctx.year))  # benbu-2025.yaml has no congress block yet: both state nothing
