import datetime as dt
from decimal import Decimal

import pytest

from gonghui.governance import selectors, services
from gonghui.governance.selectors import quarters_between

from .factories import meeting, target

pytestmark = pytest.mark.django_db
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_quarters_between_takes_only_whole_quarters():
    assert [(y, q) for y, q, *_ in quarters_between(dt.date(2025, 1, 1), dt.date(2025, 12, 31))] == [(2025, q) for q in (1, 2, 3, 4)]
    assert [(y, q) for y, q, *_ in quarters_between(dt.date(2025, 2, 1), dt.date(2025, 9, 29))] == [(2025, 2)]
    last = quarters_between(dt.date(2025, 10, 1), dt.date(2026, 3, 31))
    assert [(y, q) for y, q, *_ in last] == [(2025, 4), (2026, 1)] and last[0][3] == dt.date(2025, 12, 31)


def test_the_target_figure_is_the_actual_as_of_the_period_end(cast):
    target(cast.union, mid="880.50", final="1909.21")
    whole, = selectors.target_figures(org=cast.union, start=YEAR[0], end=YEAR[1])
    first_half, = selectors.target_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
    assert whole.actual == Decimal("1909.21") and whole.completion == Decimal("210.96")
    assert first_half.actual == Decimal("880.50")


def test_target_figures_add_up_the_subtree_and_leave_out_other_unions(cast):
    target(cast.branch, target="100", final="120")
    target(cast.other_branch, target="200", final="150")
    target(cast.sibling, target="999", final="999")
    fig, = selectors.target_figures(org=cast.union, start=YEAR[0], end=YEAR[1])
    assert (fig.target, fig.actual) == (Decimal("300"), Decimal("270"))
    assert sorted(name for name, *_ in fig.by_org) == ["炼钢作业区", "轧钢作业区"]


def test_target_figures_take_one_query_for_the_orgs_own_targets(cast, django_assert_num_queries):
    for i in range(12):
        target(cast.union, name=f"指标{i}", mid="1", final="2")
    with django_assert_num_queries(1):
        assert len(selectors.target_figures(org=cast.union, start=YEAR[0], end=YEAR[1])) == 12


def test_target_figures_take_one_query_more_when_a_few_orgs_below_are_named(cast, django_assert_num_queries):
    for i in range(12):
        target(cast.union, name=f"指标{i}", mid="1", final="2")
        target(cast.sibling, name=f"指标{i}", mid="1", final="3")
    with django_assert_num_queries(2):
        figures = selectors.target_figures(org=cast.federation, start=YEAR[0], end=YEAR[1])
    assert len(figures) == 12 and all(f.actual == 5 and len(f.by_org) == 2 for f in figures)


def test_a_missed_quarter_is_found_and_a_held_one_is_not(cast):
    services.meeting_rule_set(actor=None, org=cast.union, kind="regular", since=dt.date(2025, 1, 1))
    for month in (2, 5, 11):  # nothing in the third quarter
        meeting(cast.union, date=dt.date(2025, month, 15))
    missing = selectors.missing_meetings(org=cast.union, start=YEAR[0], end=YEAR[1], today=dt.date(2026, 1, 10))
    assert [(m.year, m.quarter, m.kind, m.org_name) for m in missing] == [(2025, 3, "regular", "本部工会")]


def test_a_quarter_not_yet_over_and_quarters_before_the_rule_are_not_missing(cast):
    services.meeting_rule_set(actor=None, org=cast.union, kind="regular", since=dt.date(2025, 5, 10))
    missing = selectors.missing_meetings(org=cast.union, start=YEAR[0], end=YEAR[1], today=dt.date(2025, 8, 1))
    assert [(m.year, m.quarter) for m in missing] == [(2025, 2)]  # Q1 precedes the rule, Q3 is still running


def test_a_branch_meeting_does_not_stand_in_for_the_unions(cast):
    services.meeting_rule_set(actor=None, org=cast.union, kind="regular", since=dt.date(2025, 1, 1))
    for month in (2, 5, 8, 11):
        meeting(cast.branch, date=dt.date(2025, month, 15))
    assert len(selectors.missing_meetings(org=cast.union, start=YEAR[0], end=YEAR[1], today=dt.date(2026, 1, 1))) == 4


def test_a_meeting_of_another_kind_does_not_count(cast):
    services.meeting_rule_set(actor=None, org=cast.union, kind="production_review", since=dt.date(2025, 1, 1))
    for month in (2, 5, 8, 11):
        meeting(cast.union, kind="regular", date=dt.date(2025, month, 15))
    assert len(selectors.missing_meetings(org=cast.union, start=YEAR[0], end=YEAR[1], today=dt.date(2026, 1, 1))) == 4


def test_missing_meetings_take_one_query_for_many_orgs_and_rules(cast, django_assert_num_queries):
    for org in (cast.union, cast.branch, cast.other_branch, cast.group):
        for kind in ("regular", "committee"):
            services.meeting_rule_set(actor=None, org=org, kind=kind, since=dt.date(2025, 1, 1))
        meeting(org, date=dt.date(2025, 2, 1))
    with django_assert_num_queries(1):
        missing = selectors.missing_meetings(org=cast.federation, start=YEAR[0], end=YEAR[1], today=dt.date(2026, 1, 1))
    assert len(missing) == 4 * 2 * 4 - 4


def test_meeting_figures_count_by_kind_with_attendance_in_two_queries(cast, django_assert_num_queries):
    meeting(cast.union, kind="congress", date=dt.date(2025, 4, 18), decisions=["《甲》", "《乙》"], present=90, expected=93)
    for month in (3, 6, 9, 12):
        meeting(cast.union, kind="production_review", date=dt.date(2025, month, 20), present=30, expected=30)
    meeting(cast.union, kind="regular", date=dt.date(2024, 3, 1))  # last year: not counted
    meeting(cast.union, kind="congress", date=dt.date(2025, 10, 9), title="二次会议", present=0, expected=0)
    with django_assert_num_queries(2):
        figs = selectors.meeting_figures(org=cast.union, start=YEAR[0], end=YEAR[1])
    assert [(c.title, c.n_decisions, c.first_decision) for c in figs.congresses] == [
        ("2025-04-18 会议", 2, "《甲》"), ("二次会议", 0, None)]
    assert figs.by_kind == {"congress": 2, "production_review": 4} and figs.total == 6
    assert (figs.present, figs.expected) == (210, 213)


def test_the_plan_periods_of_a_year_and_of_its_halves(cast):
    def make(year, half, text):
        return services.plan_create(actor=None, org=cast.union, year=year, half=half, text=text)

    make(2025, None, "全年A")
    make(2025, 2, "下半年B")
    make(2026, None, "明年C")
    make(2026, 1, "明年上半年D")
    year = selectors.plan_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert [p.text for p in year.items] == ["全年A", "下半年B"]
    assert sorted(p.text for p in year.next_items) == ["明年C", "明年上半年D"]
    first_half = selectors.plan_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 6, 30))
    assert first_half.items == [] and [p.text for p in first_half.next_items] == ["下半年B"]
    second_half = selectors.plan_figures(org=cast.union, start=dt.date(2025, 7, 1), end=dt.date(2025, 12, 31))
    assert [p.text for p in second_half.items] == ["下半年B"]
    assert sorted(p.text for p in second_half.next_items) == ["明年C", "明年上半年D"]


def test_lists_show_only_what_the_user_manages(cast):
    target(cast.branch, name="班组指标")
    target(cast.other_branch, name="轧钢指标")
    assert [t.name for t in selectors.target_list(visible_to=cast.cadre)] == ["班组指标"]
    assert selectors.target_list(visible_to=cast.outsider).count() == 0
    assert selectors.target_list(visible_to=cast.member).count() == 0


def test_a_member_sees_disclosures_of_the_orgs_above_but_not_drafts_or_siblings(cast):
    from .factories import published_disclosure

    up = published_disclosure(cast.union, title="本部公示")
    published_disclosure(cast.other_branch, title="轧钢公示")  # the member sits in 炼钢作业区 / 甲班
    published_disclosure(cast.sibling, title="学校公示")
    services.disclosure_create(actor=None, org=cast.union, title="草稿", body="x", category="lists")
    assert [d.title for d in selectors.disclosures_for_member(cast.member)] == [up.title]


def test_disclosure_figures_count_by_category_with_objections_in_one_query(cast, django_assert_num_queries):
    from .factories import published_disclosure

    for org, category in ((cast.union, "finance"), (cast.branch, "finance"), (cast.union, "lists")):
        disclosure = published_disclosure(org, on=dt.date(2025, 5, 6), category=category, title=f"{org.code}{category}")
        services.objection_raise(author=cast.member, disclosure=disclosure, text="请核实", today=dt.date(2025, 5, 7))
    published_disclosure(cast.sibling, on=dt.date(2025, 5, 6), title="兄弟单位")
    with django_assert_num_queries(1):
        figs = selectors.disclosure_figures(org=cast.union, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    assert figs.by_category == {"finance": 2, "lists": 1} and figs.published == 3
    assert (figs.objections, figs.answered) == (3, 0)
