"""Care's part of the work summary: figures from the records, shortcomings read off them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from gonghui.care import scenario, services, summary
from gonghui.care.selectors import care_figures
from gonghui.core.summary import Period

pytestmark = pytest.mark.django_db
D = Decimal


def Ctx(cast):
    """The union's 2025 as a scenario's loader sees it (the cast's union, chair and two members)."""
    import random

    from gonghui.reports.scenarios import ScenarioContext

    return ScenarioContext(spec={}, rng=random.Random(1), year=2025, actor=cast.chair, union=cast.union,
                           members=[cast.member_record, cast.rep_record])


def test_the_summary_counts_visits_by_occasion_money_goods_aid_and_files(cast):
    scenario.load({"care": {"hardship_files": 2, "visits": {"春节": 2, "中秋": 1}, "visit_cash": 500, "visit_goods": "米面油",
                            "visit_goods_value": 200, "aid": {"relief": 1, "goods": 1}}}, Ctx(cast))
    fig = care_figures(org=cast.federation, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert fig.visits_by_occasion == {"spring_festival": 2, "mid_autumn": 1}
    assert (fig.visit_cash, fig.visit_goods) == (D(1500), D(600))
    assert fig.people_aided == 2 and fig.aid_cash == D(2000) and fig.aid_goods == D(300)
    assert fig.files_open == 2 and fig.files_unchecked == 1     # the first was carried over from 2024
    with translation.override("zh-hans"):
        [section] = summary.sections(org=cast.union, period=Period.year(2025))
    text = "".join(section.paragraphs)
    assert "1,500元" in text and "2,300元" in text and section.order == 40
    assert any("复核" in s for s in section.shortcomings)


def test_aid_refused_above_the_limit_is_a_shortcoming(cast):
    services.care_settings_set(actor=cast.chair, org=cast.union, low_income_line=D(800), aid_limit=D(1000))
    services.aid_pay(actor=cast.chair, member=cast.member_record, kind="relief", date=dt.date(2025, 5, 1), amount=D(1500),
                     idempotency_key="r")
    with translation.override("zh-hans"):
        [section] = summary.sections(org=cast.union, period=Period.year(2025))
    assert any("超过" in s or "限额" in s for s in section.shortcomings)


def test_an_org_with_no_care_records_reports_nothing(cast):
    assert summary.sections(org=cast.sibling, period=Period.year(2025)) == []


def test_an_unknown_scenario_key_is_an_error(cast):
    with pytest.raises(ValueError, match="unknown keys under care"):
        scenario.load({"care": {"hardship_file": 1}}, Ctx(cast))
    with pytest.raises(ValueError, match="unknown visit occasion"):
        scenario.load({"care": {"visits": {"国庆": 1}}}, Ctx(cast))


def test_the_care_figures_ask_the_same_number_of_queries_whatever_the_records(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    scenario.load({"care": {"hardship_files": 1, "visits": {"春节": 1}, "aid": {"relief": 1}}}, Ctx(cast))
    with CaptureQueriesContext(connection) as few:
        care_figures(org=cast.federation, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    scenario.load({"care": {"hardship_files": 3, "visits": {"中秋": 6, "住院": 3}, "aid": {"subsidy": 2, "goods": 2}}}, Ctx(cast))
    with CaptureQueriesContext(connection) as many:
        care_figures(org=cast.federation, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert len(few) == len(many) <= 5


def test_visits_on_two_occasions_to_one_household_are_counted_in_visits_so_the_parts_add_up():
    from decimal import Decimal

    from django.utils import translation

    from gonghui.care.selectors import CareFigures
    from gonghui.care.summary import aid_sentence, visits_sentence

    both = CareFigures(visits_by_occasion={"hospital": 10, "birthday": 150}, households_visited=150, visit_cash=Decimal(20000))
    once = CareFigures(visits_by_occasion={"hospital": 10, "birthday": 140}, households_visited=150, visit_cash=Decimal(20000))
    one_kind = CareFigures(people_aided=15, aid_cash=Decimal(21000), aid_by_kind={"relief": Decimal(21000)})
    with translation.override("zh-hans"):
        assert visits_sentence(both) == "走访慰问150户、160次（住院10次、生日150次），送去慰问金20,000元。"
        assert visits_sentence(once) == "走访慰问150户（住院10户、生日140户），送去慰问金20,000元。"
        assert aid_sentence(one_kind) == "救助补助职工15人，共计21,000元。"
