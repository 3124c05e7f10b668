import datetime as dt
import re

import pytest
from django.utils import translation

from gonghui.governance import services
from gonghui.governance.summary import sections
from gonghui.core.summary import Period

from .factories import meeting, target

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def plain(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d)", "", text)


def the_section(org, period):
    found = sections(org=org, period=period)
    assert len(found) == 1 and found[0].order == 70
    return found[0]


def test_the_target_sentence_is_the_seeds(cast):
    target(cast.union, mid="880.50", final="1909.21")
    section = the_section(cast.union, Period.year(2025))
    assert section.paragraphs[0] == "共完成降本增效1,909.21万元，完成年度指标905万元的210.96%。"
    texts = {f.key: f.text for f in section.figures}
    assert texts["governance.target.降本增效.completion"] == "210.96%"
    assert not section.shortcomings


def test_a_half_year_states_the_mid_year_check_and_judges_nothing(cast):
    target(cast.union, mid="380", final="1909.21")
    section = the_section(cast.union, Period.half(2025, 1))
    assert "共完成降本增效380万元，完成年度指标905万元的41.99%" in section.paragraphs[0]
    assert not section.shortcomings


def test_a_target_missed_at_the_year_end_is_a_shortcoming(cast):
    target(cast.union, name="安全培训", unit="人次", target="1000", final="850")
    section = the_section(cast.union, Period.year(2025))
    assert section.shortcomings == ["安全培训仅完成年度指标1,000人次的85.00%。"]


def test_the_target_compares_with_last_year_where_it_exists(cast):
    target(cast.union, year=2024, target="800", final="1000")
    target(cast.union, final="1250")
    section = the_section(cast.union, Period.year(2025))
    assert section.paragraphs[0].endswith("，同比增长25.00%。")


def test_the_congress_sentence_names_its_first_item_and_counts_them_in_chinese(cast):
    meeting(cast.union, kind="congress", title="首届职工代表大会", date=dt.date(2025, 4, 18),
            decisions=["《职工代表大会工作条例》", "《厂务公开实施办法》", "《集体合同》", "《职工代表提案工作办法》"])
    section = the_section(cast.union, Period.year(2025))
    assert section.paragraphs[0] == "2025年4月召开首届职工代表大会，审议通过《职工代表大会工作条例》等四个重要事项。"


def test_quarterly_meetings_held_every_quarter_are_said_so_with_last_year(cast):
    services.meeting_rule_set(actor=None, org=cast.union, kind="production_review", since=dt.date(2024, 1, 1))
    for month in (3, 6, 9, 12):
        meeting(cast.union, kind="production_review", date=dt.date(2025, month, 20), present=29, expected=30)
    for month in (3, 6, 9):
        meeting(cast.union, kind="production_review", date=dt.date(2024, month, 20), present=30, expected=30)
    section = the_section(cast.union, Period.year(2025))
    assert section.paragraphs == ["坚持会议制度，每季度召开生产经营讲评会，共召开4次；会议平均出席率97%，比上年同期多1次。"]
    assert not section.shortcomings


def test_a_missed_quarter_is_a_shortcoming_and_the_every_quarter_claim_is_dropped(cast):
    services.meeting_rule_set(actor=None, org=cast.union, kind="regular", since=dt.date(2025, 1, 1))
    for month in (2, 5, 11):
        meeting(cast.union, date=dt.date(2025, month, 15), present=0, expected=0)
    section = the_section(cast.union, Period.year(2025))
    assert section.paragraphs == ["坚持会议制度，召开工会例会3次。"]
    assert section.shortcomings == ["2025年第三季度工会例会未按制度召开。"]


def test_a_branch_that_missed_is_named_in_the_unions_summary(cast):
    services.meeting_rule_set(actor=None, org=cast.branch, kind="regular", since=dt.date(2025, 1, 1))
    for month in (2, 5):
        meeting(cast.branch, date=dt.date(2025, month, 15))
    section = the_section(cast.union, Period.year(2025))
    assert section.shortcomings == ["炼钢作业区2025年第三季度、2025年第四季度工会例会未按制度召开。"]


def test_the_plan_is_checked_and_the_next_one_becomes_the_plans(cast):
    done = services.plan_create(actor=None, org=cast.union, year=2025, text="召开首届职工代表大会")
    services.plan_set_status(actor=None, plan=done, status="done")
    services.plan_create(actor=None, org=cast.union, year=2025, text="建立职工书屋。")
    services.plan_create(actor=None, org=cast.union, year=2026, text="深化厂务公开")
    section = the_section(cast.union, Period.year(2025))
    assert "本期工作计划所列2项工作，已完成1项。" in section.paragraphs
    assert section.shortcomings == ["工作计划中有1项工作未完成：建立职工书屋。"]
    assert section.plans == ["深化厂务公开"]


def test_no_records_no_section_and_nothing_invented(cast):
    assert sections(org=cast.union, period=Period.year(2025)) == []


def test_the_summary_query_count_does_not_grow_with_the_records(cast, django_assert_max_num_queries):
    def fill(first, n):
        for i in range(first, first + n):
            target(cast.branch, name=f"指标{i}", final="1")
            meeting(cast.other_branch, date=dt.date(2025, 1 + i % 12, 10), kind="congress", decisions=["《甲》"])
            services.plan_create(actor=None, org=cast.union, year=2026, text=f"计划{i}")
            services.plan_create(actor=None, org=cast.group, year=2026, text=f"班组计划{i}")

    services.meeting_rule_set(actor=None, org=cast.union, kind="regular", since=dt.date(2025, 1, 1))
    fill(0, 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        sections(org=cast.union, period=Period.year(2025))
    fill(2, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        section = the_section(cast.union, Period.year(2025))
    assert len(section.plans) == 12
    assert plain("1,909.21") == "1909.21"


def test_a_federation_summary_names_the_union_behind_a_target_and_a_congress(cast):
    target(cast.union, final="1909.21")
    meeting(cast.union, kind="congress", title="首届职工代表大会", date=dt.date(2025, 4, 18), decisions=["《甲》", "《乙》"])
    section = the_section(cast.federation, Period.year(2025))
    assert section.paragraphs[:2] == [
        "本部工会共完成降本增效1,909.21万元，完成年度指标905万元的210.96%。",
        "本部工会2025年4月召开首届职工代表大会，审议通过《甲》等两个重要事项。",
    ]


def test_targets_of_several_unions_are_added_up_and_each_rate_is_named(cast):
    target(cast.union, target="900", final="1800")
    target(cast.sibling, target="100", final="50")
    section = the_section(cast.federation, Period.year(2025))
    assert section.paragraphs[0] == "共完成降本增效1,850万元，完成年度指标1,000万元的185.00%（本部工会200.00%、学校工会50.00%）。"


def test_the_sentences_have_an_english_source(cast):
    target(cast.union, final="1909.21")
    meeting(cast.union, kind="congress", title="First congress", date=dt.date(2025, 4, 18), decisions=["A", "B", "C", "D"])
    with translation.override("en"):
        section = the_section(cast.union, Period.year(2025))
    assert section.paragraphs[0] == "降本增效 achieved in total: 1,909.21万元, 210.96% of the annual target of 905万元."
    assert section.paragraphs[1] == "In 2025年4月 First congress was held and adopted A and 4 important matters in all."


def test_many_orgs_missing_the_same_meeting_are_summed_up_in_one_sentence(cast):
    from gonghui.orgs.services import org_create

    for i in range(7):
        branch = org_create(actor=None, code=f"BENBU-X{i}", name=f"第{i + 1}作业区", kind="branch", parent=cast.union)
        services.meeting_rule_set(actor=None, org=branch, kind="regular", since=dt.date(2025, 7, 1))
    section = the_section(cast.union, Period.year(2025))
    sentence, = section.shortcomings
    assert sentence.startswith("7个单位（第") and sentence.endswith("作业区等）共14次未按制度召开工会例会。")


def test_the_plan_is_the_orgs_own_not_its_branches(cast):
    services.plan_create(actor=None, org=cast.branch, year=2026, text="作业区计划")
    services.plan_create(actor=None, org=cast.union, year=2026, text="工会计划")
    assert the_section(cast.union, Period.year(2025)).plans == ["工会计划"]
    assert the_section(cast.branch, Period.year(2025)).plans == ["作业区计划"]


def test_many_congress_sessions_are_summed_up_in_one_sentence(cast):
    from gonghui.orgs.services import org_create

    for i in range(6):
        union = org_create(actor=None, code=f"U{i}", name=f"第{i + 1}工会", kind="union", parent=cast.federation)
        meeting(union, kind="congress", date=dt.date(2025, 4, 1 + i), decisions=["《甲》", "《乙》"][: 1 + i % 2])
    section = the_section(cast.federation, Period.year(2025))
    assert section.paragraphs[0] == "6个单位共召开职工代表大会6次，审议通过重要事项9项。"


def test_the_disclosure_sentence_names_each_category_and_the_objections():
    from gonghui.governance.selectors import DisclosureFigures
    from gonghui.governance.summary import disclosure_sentence

    figs = DisclosureFigures(by_category={"finance": 2, "decisions": 1, "appraisal": 1}, objections=3, answered=3)
    assert disclosure_sentence(figs) == ("坚持厂务公开，在公开栏公开财务收支2项、重大决策1项、评先评优结果1项，共4项；"
                                         "公示期间职工提出异议3件，已全部答复。")
    one = DisclosureFigures(by_category={"lists": 1}, objections=2, answered=1)
    assert disclosure_sentence(one) == "坚持厂务公开，在公开栏公开名单公示1项；公示期间职工提出异议2件，已答复1件。"
    assert disclosure_sentence(DisclosureFigures(by_category={}, objections=0, answered=0)) == ""


def test_an_unanswered_objection_is_a_shortcoming_and_a_draft_is_not_counted(cast):
    from .factories import published_disclosure

    disclosure = published_disclosure(cast.union, on=dt.date(2025, 12, 15), category="appraisal", title="先进个人公示")
    services.objection_raise(author=cast.member, disclosure=disclosure, text="请核实", today=dt.date(2025, 12, 16))
    services.disclosure_create(actor=None, org=cast.union, title="草案", body="", category="decisions")
    section = the_section(cast.union, Period.year(2025))
    assert "坚持厂务公开，在公开栏公开评先评优结果1项；公示期间职工提出异议1件，已答复0件。" in section.paragraphs
    assert "有1件公示异议尚未答复。" in section.shortcomings
    figures = {f.key: f.value for f in section.figures}
    assert figures["governance.disclosures.published"] == 1 and figures["governance.disclosures.answered"] == 0


def test_a_meeting_named_with_its_date_is_not_counted_again_among_the_meetings_held(cast):
    meeting(cast.union, kind="other", date=dt.date(2025, 3, 18), title="工会会员代表大会", actor=cast.chair)
    for month in range(1, 13):
        meeting(cast.union, kind="other", date=dt.date(2025, month, 8), title="纪检监察站工作会议", actor=cast.chair)
    text = "".join(p for s in sections(org=cast.union, period=Period.year(2025)) for p in s.paragraphs)
    assert "2025年3月召开工会会员代表大会" in text
    assert text.count("工会会员代表大会") == 1
    assert "每月召开纪检监察站工作会议，共召开12次" in text
