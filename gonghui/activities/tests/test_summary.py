import datetime as dt
from decimal import Decimal

import pytest

from gonghui.activities import services, summary
from gonghui.activities.selectors import ActivityFigures
from gonghui.core.summary import Period

from . import factories as f

pytestmark = pytest.mark.django_db
YEAR = Period.year(2025)


def held_event(cast, *, people, starts_on, prizes=()):
    e = f.event(cast.union, actor=cast.chair, starts_on=starts_on, title=f"活动{starts_on}")
    services.event_signup(actor=cast.chair, event=e, member=cast.member_record, today=starts_on)
    services.event_attendance_take(actor=cast.chair, event=e, attended=[cast.member_record.pk], participants=people,
                                   cost_yuan=Decimal("1000"))
    for prize, team in prizes:
        services.event_result_record(actor=cast.chair, event=e, prize=prize, team=team, headcount=50)
    return e


def test_the_events_sentence_names_the_prizes_as_the_seed_does():
    f_ = ActivityFigures(events_held=4, participants=312, prizes=2,
                         prize_lines=[("职工文艺汇演", "金奖", 1), ("职工文艺汇演", "银奖", 1)], event_cost=Decimal("23000"))
    assert summary.events_sentence(f_) == "组织文体等活动4次，参与职工312人次，获得奖项2个（职工文艺汇演金奖、职工文艺汇演银奖），活动支出23,000元。"


def test_the_honours_sentence_lists_levels_from_the_highest():
    f_ = ActivityFigures(honours_by_level={"union": 220, "national": 1}, honours_by_kind={"best_practitioner": 220, "model_worker": 1})
    assert summary.honours_sentence(f_) == ("评选表彰先进个人和集体221人（个）次（国家级1项、工会级220项），"
                                            "其中最佳实践者220名、劳动模范1名。")


def test_honours_of_no_particular_kind_are_counted_not_named_as_other():
    only_other = ActivityFigures(honours_by_level={"union": 1}, honours_by_kind={"other": 1})
    mixed = ActivityFigures(honours_by_level={"city": 2}, honours_by_kind={"other": 1, "model_worker": 1})
    assert summary.honours_sentence(only_other) == "评选表彰先进个人和集体1人（个）次（工会级1项）。"
    assert summary.honours_sentence(mixed) == "评选表彰先进个人和集体2人（个）次（市级2项），其中劳动模范1名。"


def test_the_section_states_events_competitions_honours_innovation_and_training(cast):
    held_event(cast, people=50, starts_on=dt.date(2025, 1, 20), prizes=[("金奖", "文艺队"), ("银奖", "合唱队")])
    c = f.competition(cast.union, actor=cast.chair, entrants=("本部工会",))
    services.competition_score_record(actor=cast.chair, entrant=c.entrants.get(), indicator=c.indicators.first(), value=1)
    services.competition_finish(actor=cast.chair, competition=c)
    services.competition_winner_name(actor=cast.chair, entrant=c.entrants.get(), title="优胜单位")
    rows = f.honours_public(cast.union, [cast.member_record, cast.rep_record], actor=cast.chair)
    services.honours_award(actor=cast.chair, honours=rows, on=dt.date(2025, 12, 20))
    i = f.innovation(cast.union, actor=cast.chair)
    p = services.patent_file(actor=cast.chair, org=cast.union, kind="utility", title=i.title, filed_on=dt.date(2025, 3, 1))
    services.patent_grant(actor=cast.chair, patent=p, granted_on=dt.date(2025, 9, 1))
    course = f.course(cast.union, actor=cast.chair)
    services.course_enrol(actor=cast.chair, course=course, members=[cast.member_record, cast.rep_record])
    services.course_hold(actor=cast.chair, course=course, held_on=dt.date(2025, 4, 10),
                         attended=[cast.member_record.pk, cast.rep_record.pk])
    services.course_results_record(actor=cast.chair, course=course, scores={cast.member_record.pk: 90, cast.rep_record.pk: 90})
    [section] = summary.sections(org=cast.union, period=YEAR)
    text = "".join(section.paragraphs)
    assert section.heading == "开展丰富多彩的文体活动和劳动竞赛" and section.order == 60
    assert "参与职工50人次" in text and "金奖" in text
    assert "本部工会在百日竞赛中获优胜单位" in text
    assert "最佳实践者2名" in text
    assert "申请专利1项（实用新型专利1项）" in text and "获得专利授权1项" in text
    assert "培训2人次，其中2人考试合格" in text
    assert not section.shortcomings


def test_shortcomings_are_read_off_the_records(cast):
    held_event(cast, people=80, starts_on=dt.date(2024, 5, 1))
    held_event(cast, people=30, starts_on=dt.date(2025, 5, 1))
    f.course(cast.union, actor=cast.chair, title="安全代表培训班", planned_on=dt.date(2025, 3, 1))
    services.mentorship_agree(actor=cast.chair, org=cast.union, mentor=cast.rep_record, apprentice=cast.member_record,
                              signed_on=dt.date(2025, 1, 10), ends_on=dt.date(2026, 1, 9), goals="独立顶岗")
    [section] = summary.sections(org=cast.union, period=YEAR)
    assert section.shortcomings == [
        "职工参与文体活动30人次，低于上年同期的80人次。",
        "计划举办的“安全代表培训班”未按期举办。",
        "有1对师徒在本期内未进行阶段检查。",
    ]


def test_a_union_with_no_activities_gets_no_section(cast):
    assert summary.sections(org=cast.sibling, period=YEAR) == []


def test_the_summary_takes_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    for month in (3, 4, 5):
        held_event(cast, people=10, starts_on=dt.date(2025, month, 2))
    with django_assert_max_num_queries(12):   # one query per table, prizes, winners and indicators only when there are some
        summary.sections(org=cast.union, period=YEAR)


def test_a_federation_s_line_per_union_counts_events_else_honours_and_names_patents_in_three_queries(cast, django_assert_num_queries):
    from gonghui.orgs.selectors import union_ids_by_org

    held_event(cast, people=10, starts_on=dt.date(2025, 3, 2))
    union_of = union_ids_by_org(cast.federation)
    with django_assert_num_queries(3):
        lines = summary.union_headlines(org=cast.federation, period=YEAR, union_of=union_of)
    assert [f.text for f in lines[cast.union.pk].figures] == ["1次"] and cast.sibling.pk not in lines
