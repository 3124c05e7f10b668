"""Funds' part of the work summary, the scenario block and the demo's books."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from gonghui.core.summary import Period
from gonghui.funds import scenario, selectors, summary

pytestmark = pytest.mark.django_db
D = Decimal


def Ctx(cast):
    """The union's 2025 as a scenario's loader sees it (the cast's union, chair and two members)."""
    import random

    from gonghui.reports.scenarios import ScenarioContext

    return ScenarioContext(spec={}, rng=random.Random(1), year=2025, actor=cast.chair, union=cast.union,
                           members=[cast.member_record, cast.rep_record])


SPEC = {"opening_balance": 100000, "income": {"拨缴经费收入": 40000}, "spending": {"职工活动支出": 30000, "行政支出": 5000},
        "budget": {"职工活动支出": 25000, "行政支出": 6000}, "members_with_wage": 2, "arrears": 1, "arrears_from": 7}


def test_the_summary_states_dues_the_rate_spending_by_category_and_the_shortcomings(cast):
    scenario.load({"funds": SPEC}, Ctx(cast))
    with translation.override("zh-hans"):
        [section] = summary.sections(org=cast.union, period=Period.year(2025))
    text = "".join(section.paragraphs)
    assert section.order == 50
    assert "职工活动支出30,000元" in text and "行政支出5,000元" in text
    rate = next(f for f in section.figures if f.key == "funds.dues.rate")
    assert rate.value == D("75.00")                    # 18 member-months paid of 24
    assert any("职工活动支出" in s for s in section.shortcomings)   # over its budget
    assert any("会费" in s for s in section.shortcomings)            # one member behind


def test_the_scenario_books_balance(cast):
    scenario.load({"funds": SPEC}, Ctx(cast))
    tb = selectors.trial_balance(org=cast.union, year=2025)
    assert tb.balances and tb.total_debit > D(100000)


def test_an_unknown_scenario_key_is_an_error(cast):
    with pytest.raises(ValueError, match="unknown keys under funds"):
        scenario.load({"funds": {"budgets": {}}}, Ctx(cast))
    with pytest.raises(ValueError, match="unknown account"):
        scenario.load({"funds": {"budget": {"福利费": 1}}}, Ctx(cast))


def test_the_federation_summary_adds_up_its_unions(cast):
    scenario.load({"funds": SPEC}, Ctx(cast))
    fig = selectors.funds_figures(org=cast.federation, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert fig.spending == {"501": D(30000), "504": D(5000)}


def test_the_funds_section_asks_the_same_number_of_queries_whatever_the_records(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gonghui.portal.tests.personas import make_member

    scenario.load({"funds": {**SPEC, "members_with_wage": 1}}, Ctx(cast))
    with CaptureQueriesContext(connection) as few:
        summary.sections(org=cast.union, period=Period.year(2025))
    ctx = Ctx(cast)
    ctx.members = [make_member(cast.group, f"会员{i}") for i in range(6)]
    scenario.load({"funds": {"members_with_wage": 6, "arrears": 2, "spending": {"业务支出": 1000}}}, ctx)
    with CaptureQueriesContext(connection) as many:
        summary.sections(org=cast.union, period=Period.year(2025))
    assert len(few) == len(many)


def test_a_federation_names_the_union_whose_budget_line_is_overspent(cast):
    scenario.load({"funds": SPEC}, Ctx(cast))
    with translation.override("zh-hans"):
        [section] = summary.sections(org=cast.federation, period=Period.year(2025))
    assert any(s.startswith("本部工会职工活动支出超出预算") for s in section.shortcomings)
