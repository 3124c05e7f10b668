"""`raw_sql_figures` (bench/raw_sql/care.py), the bench's hand-written reference, states exactly care's summary figures."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db import connection

from bench import raw_sql
from bench.raw_sql.care import raw_sql_figures
from gonghui.care import scenario, services
from gonghui.care.demo import DEMO
from gonghui.care.summary import sections
from gonghui.core.summary import Period
from gonghui.portal.tests.personas import make_member
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path

pytestmark = pytest.mark.django_db
YEAR = Period.year(2025)


def summary_figures(org, period: Period) -> dict:
    return raw_sql.summary_figures(sections, org, period)


def assert_same(org, period: Period) -> dict:
    return raw_sql.assert_same(sections, raw_sql_figures, org, period)


def _Ctx(cast):
    """The union's 2025 as a scenario's loader sees it: the cast's union and chair, 16 members."""
    from gonghui.reports.scenarios import ScenarioContext

    return ScenarioContext(spec={}, rng=random.Random(3), year=2025, actor=cast.chair, union=cast.union,
                           members=[cast.member_record, cast.rep_record] + [make_member(cast.branch, f"职工{i}") for i in range(14)])


def test_the_demo_year_of_care_gives_every_figure_of_the_summary(cast):
    scenario.load({"care": DEMO}, _Ctx(cast))
    services.talk_record(actor=cast.chair, member=cast.member_record, kind="talk", date=dt.date(2025, 6, 1), topic="谈心")
    services.visit_record(actor=cast.chair, org=cast.union, occasion="retirement", date=dt.date(2025, 8, 1), visitee_kind="retiree",
                          visitee_name="退休老职工", visitors="主席", cash=Decimal("88.80"), idempotency_key="raw:retiree")
    services.care_service_record(actor=cast.chair, org=cast.union, kind="leave", date=dt.date(2025, 8, 1), people=2,
                                 idempotency_key="raw:leave")
    expected = assert_same(cast.union, YEAR)
    assert {"care.households_visited", "care.visit_cash", "care.people_aided", "care.aid", "care.files_open",
            "care.talks", "care.services.leave", "care.files_opened", "care.visits.retirement"} <= set(expected)
    assert_same(cast.federation, YEAR)   # the federation adds up its unions
    assert_same(cast.branch, YEAR)       # a branch: only its own members' records


def test_nothing_recorded_gives_no_figures(cast):
    assert raw_sql_figures(connection, cast.union, YEAR) == {} == summary_figures(cast.union, YEAR)


@pytest.mark.parametrize("name", ["xuexiao-2025", "fengongsi-2025", "sanlian-2025h1"])
def test_the_raw_sql_states_every_figure_of_a_seed_union_s_care(db, name):
    ctx = scenario_load(read_scenario(scenario_path(name)))
    assert assert_same(ctx.union, ctx.period)   # each of these seed unions visits its people
    assert_same(ctx.federation, ctx.period)
