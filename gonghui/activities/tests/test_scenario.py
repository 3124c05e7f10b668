import pytest

from gonghui.activities import scenario
from gonghui.activities.models import Honour, Patent
from gonghui.core.summary import Period
from gonghui.reports.scenarios import scenario_load

pytestmark = pytest.mark.django_db

BASE = {"federation": {"code": "GANGTIE", "name": "某钢铁公司工会"}, "union": {"code": "BENBU", "name": "本部工会", "parent": "GANGTIE"},
        "period": {"year": 2025}, "members": {"count": 40, "branches": 2}}


def test_the_benbu_honours_and_innovations_are_loaded_and_stated_in_the_summary():
    from gonghui.activities import summary

    spec = {**BASE, "honours": {"best_practitioners": 22},
            "innovations": [{"title": "循环扫描式火灾防盗预警系统", "kind": "实用新型专利", "cost_yuan": 600}]}
    ctx = scenario_load(spec)
    assert Honour.objects.filter(status="awarded", kind="best_practitioner").count() == 22
    patent = Patent.objects.get()
    assert patent.kind == "utility" and patent.granted_on and patent.innovation.cost_yuan == 600
    [section] = summary.sections(org=ctx.union, period=Period.year(2025))
    text = "".join(section.paragraphs)
    assert "最佳实践者22名" in text and "实用新型专利1项" in text


def test_events_competitions_mentorships_and_training_load_from_a_scenario():
    spec = {**BASE,
            "events": [{"title": "职工文艺汇演", "kind": "文体", "month": 1, "participants": 30,
                        "prizes": [{"prize": "金奖", "headcount": 50}, {"prize": "银奖", "headcount": 50}]}],
            "competitions": [{"title": "百日竞赛", "from_month": 6, "to_month": 9, "entrants": ["甲", "乙"],
                              "indicators": [{"name": "产量"}, {"name": "能耗", "lower": True}],
                              "winners": {"甲": ["优胜单位", "最佳项目奖"]}}],
            "mentorships": {"pairs": 11},
            "training": [{"title": "技能鉴定培训", "month": 5, "trainees": 6, "passed": 4}]}
    ctx = scenario_load(spec)
    from gonghui.activities.selectors import activity_figures

    figures = activity_figures(org=ctx.union, start=ctx.start, end=ctx.end)
    assert (figures.events_held, figures.participants, figures.prizes) == (1, 30, 2)
    assert (figures.pairs_formed, figures.trained, figures.passed) == (11, 6, 4)
    assert figures.competitions == 1 and figures.winners[0][1:] == ("甲", "优胜单位、最佳项目奖")


def test_an_unknown_key_in_an_activities_block_is_an_error():
    with pytest.raises(ValueError, match="unknown key"):
        scenario_load({**BASE, "honours": {"best_practioners": 220}})
    with pytest.raises(ValueError, match="unknown key"):
        scenario_load({**BASE, "innovations": [{"title": "x", "kind": "小发明", "savings": 1}]})


def test_the_project_scenario_s_activity_blocks_use_only_known_keys():
    from gonghui.reports.scenarios import read_scenario, scenario_path

    spec = read_scenario(scenario_path("benbu-2025"))
    scenario._check("honours", spec["honours"])
    for row in spec["innovations"]:
        scenario._check("innovations", row)


def test_facilities_load_from_a_scenario_with_their_bookings_and_the_summary_states_their_use():
    from gonghui.activities import summary
    from gonghui.activities.models import Booking, Facility

    spec = {**BASE, "facilities": [
        {"name": "职工书屋", "kind": "职工书屋", "holds": ["图书 3200册"], "bookings": 12, "people": 30},
        {"name": "健身房", "kind": "健身房", "days": "12345", "opens": "06:30", "closes": "22:00", "holds": ["跑步机 6台"],
         "bookings": 20}]}
    ctx = scenario_load(spec)
    assert Facility.objects.count() == 2
    assert Booking.objects.filter(facility__name="职工书屋").count() == 12
    assert sum(Booking.objects.filter(facility__name="职工书屋").values_list("people", flat=True)) == 30
    assert all(b.on.isoweekday() <= 5 for b in Booking.objects.filter(facility__name="健身房"))
    [section] = summary.sections(org=ctx.union, period=Period.year(2025))
    text = "".join(section.paragraphs)
    assert "工会活动场所2处（健身房、职工书屋），预约使用32次、50人次，其中健身房20次、职工书屋12次。" in text


def test_an_unknown_key_in_a_facility_is_an_error_that_names_it():
    with pytest.raises(ValueError, match="openings"):
        scenario_load({**BASE, "facilities": [{"name": "职工书屋", "openings": "8-21"}]})
