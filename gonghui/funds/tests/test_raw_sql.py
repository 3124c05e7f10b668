"""`raw_sql_figures` (bench/raw_sql/funds.py), the bench's hand-written reference, states exactly funds' summary figures."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest
from django.db import connection

from bench import raw_sql
from bench.raw_sql.funds import raw_sql_figures
from gonghui.core.summary import Period
from gonghui.funds import scenario
from gonghui.funds.demo import DEMO
from gonghui.funds.summary import sections
from gonghui.portal.tests.personas import make_member

pytestmark = pytest.mark.django_db


def summary_figures(org, period: Period) -> dict:
    return raw_sql.summary_figures(sections, org, period)


def assert_same(org, period: Period) -> dict:
    return raw_sql.assert_same(sections, raw_sql_figures, org, period)


def _Ctx(cast):
    """The union's 2025 as a scenario's loader sees it: the cast's union and chair, 12 members."""
    from gonghui.reports.scenarios import ScenarioContext

    return ScenarioContext(spec={}, rng=random.Random(5), year=2025, actor=cast.chair, union=cast.union,
                           members=[cast.member_record, cast.rep_record] + [make_member(cast.branch, f"职工{i}") for i in range(10)])


def test_the_demo_year_of_books_and_dues_gives_every_figure_of_the_summary(cast):
    scenario.load({"funds": DEMO}, _Ctx(cast))
    expected = assert_same(cast.union, Period.year(2025))
    assert {"funds.dues.collected", "funds.dues.rate", "funds.dues.members", "funds.spending", "funds.spending.502",
            "funds.income", "funds.dues.in_arrears", "funds.dues.flagged"} <= set(expected)
    assert expected["funds.dues.rate"] < 100  # four members stopped paying in June
    assert_same(cast.union, Period.half(2025, 2))   # a half year: dues due from July only
    assert_same(cast.federation, Period.year(2025))
    assert_same(cast.branch, Period.year(2025))     # a branch keeps no books: its members' dues only


def test_nothing_recorded_gives_no_figures(cast):
    assert raw_sql_figures(connection, cast.union, Period.year(2025)) == {} == summary_figures(cast.union, Period.year(2025))


def test_a_spending_line_over_its_budget_is_a_figure_on_both_sides(cast):
    from gonghui.funds import services

    scenario.load({"funds": DEMO}, _Ctx(cast))
    services.budget_set(actor=cast.chair, org=cast.union, year=2025, account="502", amount=Decimal("1"))
    expected = assert_same(cast.union, Period.year(2025))
    assert expected[f"funds.overspent.{cast.union.name}.502"] > 0


@pytest.mark.parametrize("name", ["benbu-2025", "sanlian-2025h1", "suji-2023-2025"])
def test_the_scenarios_at_scale_one_agree(name):
    from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path

    ctx = scenario_load(read_scenario(scenario_path(name)))
    assert_same(ctx.union, ctx.period)
