"""The figures: right, cheap, and the same in the dashboard, the API and the summary."""

import datetime as dt
from decimal import Decimal

import pytest

from gonghui.core.summary import Period
from gonghui.voice import services, summary
from gonghui.voice.choices import SuggestionStatus
from gonghui.voice.selectors import suggestion_breakdown, suggestion_figures

from .factories import theme

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _rows(cast, n):
    t = theme(cast)
    rows = []
    for i in range(n):
        status = (SuggestionStatus.IMPLEMENTED, SuggestionStatus.REJECTED, SuggestionStatus.SUBMITTED)[i % 3]
        rows.append(services.SuggestionRow(author=cast.member_record, title=f"s{i}", body="b", theme=t,
                                           submitted_on=dt.date(2025, 1 + i % 12, 10), status=status,
                                           answer="理由" if status == SuggestionStatus.REJECTED else "",
                                           saving_yuan=Decimal("100") if status == SuggestionStatus.IMPLEMENTED else None))
    return services.suggestions_bulk_create(actor=cast.chair, union=cast.union, rows=rows)


def test_adoption_rate_counts_only_decided_suggestions(cast):
    _rows(cast, 9)  # 3 implemented, 3 rejected, 3 undecided
    f = suggestion_figures(org=cast.union, start=YEAR[0], end=YEAR[1])
    assert (f.submitted, f.adopted, f.decided, f.implemented) == (9, 3, 6, 3)
    assert f.adoption_rate == Decimal("50.00") and f.saving_yuan == Decimal("300")
    assert f.members == 2 and f.per_member == Decimal("4.50")


def test_figures_follow_the_org_subtree_and_the_period(cast):
    _rows(cast, 6)
    assert suggestion_figures(org=cast.other_branch, start=YEAR[0], end=YEAR[1]).submitted == 0
    assert suggestion_figures(org=cast.branch, start=YEAR[0], end=YEAR[1]).submitted == 6
    assert suggestion_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31)).submitted == 3
    assert suggestion_figures(org=cast.sibling, start=YEAR[0], end=YEAR[1]).submitted == 0


def test_breakdowns_by_theme_branch_and_month(cast):
    _rows(cast, 12)
    by = suggestion_breakdown(org=cast.union, start=YEAR[0], end=YEAR[1])
    assert [r["total"] for r in by["month"].rows] == [1] * 12
    assert {r["label"]: r["total"] for r in by["branch"].rows} == {"炼钢作业区": 12, "轧钢作业区": 0}
    assert by["theme"].rows[0]["total"] == 12 and by["theme"].rows[0]["adopted"] == 4


@pytest.mark.parametrize("n", [3, 30])
def test_the_figures_take_a_fixed_number_of_queries(cast, n, django_assert_num_queries):
    _rows(cast, n)
    with django_assert_num_queries(2):
        suggestion_figures(org=cast.union, start=YEAR[0], end=YEAR[1])
    with django_assert_num_queries(1):  # the summary counts the roll itself, for both years at once
        suggestion_figures(org=cast.union, start=YEAR[0], end=YEAR[1], on_roll=5)
    with django_assert_num_queries(4):
        suggestion_breakdown(org=cast.union, start=YEAR[0], end=YEAR[1])


def test_the_dashboard_shows_every_figure_in_a_fixed_number_of_queries(cast, client_as, django_assert_max_num_queries):
    _rows(cast, 30)
    client = client_as(cast.chair)
    client.get("/voice/dashboard/")
    with django_assert_max_num_queries(30):
        page = client.get("/voice/dashboard/", {"org": cast.union.pk, "year": 2025})
    assert page.status_code == 200 and page.context["s"].submitted == 30
    assert page.content.decode().count('class="bar') >= 12


def test_the_summary_states_the_figures_in_the_seeds_way(cast, django_assert_max_num_queries):
    _rows(cast, 9)
    with django_assert_max_num_queries(20):
        (section,) = summary.sections(org=cast.union, period=Period.year(2025))
    assert section.order == 30
    figures = {f.key: f.value for f in section.figures}
    assert figures["voice.suggestions.submitted"] == 9 and not any(key.startswith("safety.") for key in figures)
    text = " ".join(section.items)
    assert "9条" in text and "4.50条" in text and "50%" in text
    assert section.plans  # undecided suggestions


def test_the_summary_is_empty_for_an_org_with_no_records(cast):
    assert summary.sections(org=cast.sibling, period=Period.year(2025)) == []
