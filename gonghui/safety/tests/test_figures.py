"""The safety figures: right, cheap, and the same in the dashboard, the API and the summary."""

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.core.summary import Period
from gonghui.safety import services, summary
from gonghui.safety.selectors import safety_breakdown, safety_figures

from .factories import network, report

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize("n", [3, 30])
def test_the_figures_take_a_fixed_number_of_queries(cast, n, django_assert_num_queries):
    network(cast)
    for i in range(n):
        report(cast, place=f"p{i}", key=str(i))
    with django_assert_num_queries(3):
        safety_figures(org=cast.union, start=YEAR[0], end=YEAR[1])
    with django_assert_num_queries(2):
        safety_breakdown(org=cast.union, start=YEAR[0], end=YEAR[1])


def test_the_dashboard_shows_every_figure_in_a_fixed_number_of_queries(cast, client_as, django_assert_max_num_queries):
    network(cast)
    for i in range(10):
        report(cast, place=f"p{i}", key=str(i))
    client = client_as(cast.chair)
    client.get("/safety/dashboard/")
    with django_assert_max_num_queries(30):
        page = client.get("/safety/dashboard/", {"org": cast.union.pk, "year": 2025})
    assert page.status_code == 200 and page.context["safety"].received == 10
    assert "劳动安全" in page.content.decode() or "Labour safety" in page.content.decode()


def test_the_summary_states_the_figures_in_the_seeds_way(cast, django_assert_max_num_queries):
    network(cast)
    made = report(cast)
    services.safety_report_forward(actor=cast.chair, report=made, unit="设备室", deadline=dt.date(2025, 4, 5))
    with django_assert_max_num_queries(20):
        (section,) = summary.sections(org=cast.union, period=Period.year(2025))
    assert section.key == "safety" and section.order == 31
    figures = {f.key: f.value for f in section.figures}
    assert figures["safety.reports.received"] == 1
    assert figures["safety.reports.in_progress"] == 1 and figures["safety.network.reps"] == 1
    assert section.shortcomings and section.plans  # an overdue report, a report still being acted on


def test_the_summary_is_empty_for_an_org_with_no_records(cast):
    assert summary.sections(org=cast.sibling, period=Period.year(2025)) == []


@pytest.mark.parametrize("counts,median", [
    ({5: 1}, "5.0"), ({1: 1, 2: 1}, "1.5"), ({1: 2, 9: 1}, "1.0"), ({1: 1, 3: 1, 10: 2}, "6.5"), ({0: 3, 4: 3}, "2.0"),
])
def test_the_median_days_to_answer_is_read_from_a_histogram(counts, median):
    from gonghui.safety.selectors import _median_of_histogram

    assert _median_of_histogram(counts) == Decimal(median)


def test_median_days_to_answer_counts_the_first_answer(cast):
    network(cast)
    for day, answered in ((1, 3), (2, 12)):
        made = report(cast, on=dt.date(2025, 5, day), key=str(day))
        services.safety_report_answer(actor=cast.chair, report=made, answer="已答复", resolved=False, on=dt.date(2025, 5, answered))
        services.safety_report_answer(actor=cast.chair, report=made, answer="已解决", resolved=True, on=dt.date(2025, 6, 30))
    assert safety_figures(org=cast.union, start=YEAR[0], end=YEAR[1]).median_days_to_answer == Decimal("6.0")
