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


class Ctx:
    def __init__(self, cast):
        import random

        self.union, self.year, self.actor, self.rng = cast.union, 2025, cast.chair, random.Random(1)
        self.members = [cast.member_record, cast.rep_record]


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
