"""`raw_sql_figures` (bench/raw_sql/activities.py), the bench's hand-written reference, states exactly the summary's
figures and names exactly the lists it names."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from bench import raw_sql
from bench.raw_sql.activities import NAMED, raw_sql_figures
from gonghui.activities.selectors import activity_figures
from gonghui.activities.summary import sections
from gonghui.core.summary import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path

pytestmark = pytest.mark.django_db

BASE = {"federation": {"code": "GANGTIE", "name": "某钢铁公司工会"}, "union": {"code": "BENBU", "name": "本部工会", "parent": "GANGTIE"},
        "period": {"year": 2025}, "members": {"count": 60, "branches": 2}}
EVERYTHING = {
    **BASE,
    "honours": {"best_practitioners": 12, "list": [{"title": "先进班组", "kind": "advanced_unit", "units": ["甲班", "乙班"]}]},
    "innovations": [{"title": "循环扫描式火灾防盗预警系统", "kind": "实用新型专利", "cost_yuan": 600, "grant_yuan": 5000},
                    {"title": "氧枪快换", "kind": "小革新", "savings_yuan": 126000}],
    "events": [{"title": "职工文艺汇演", "month": 1, "participants": 30, "cost_yuan": 2300, "prizes": [{"prize": "金奖"}]},
               {"title": "春季运动会", "month": 4, "participants": 20}],
    "competitions": [{"title": "百日竞赛", "from_month": 6, "to_month": 9, "entrants": ["甲", "乙"],
                      "indicators": [{"name": "产量"}], "winners": {"甲": "优胜单位"}}],
    "mentorships": {"pairs": 5},
    "training": [{"title": "技能鉴定培训", "month": 5, "trainees": 8, "passed": 6}],
    "facilities": [{"name": "职工书屋", "kind": "职工书屋", "holds": ["图书 3200册"], "bookings": 15, "people": 40},
                   {"name": "健身房", "kind": "健身房", "bookings": 0}],
}


def summary_figures(org, period: Period) -> dict:
    return raw_sql.summary_figures(sections, org, period)


def stated_names(org, period: Period) -> dict:
    """The lists `sections()` names, under the reference's keys: read off the figures the section is written
    from, under the section's own rules (a list is named only where its sentence is written)."""
    with translation.override("zh-hans"):
        if not sections(org=org, period=period):
            return {}
    last = period.same_period_last_year()
    f = activity_figures(org=org, start=period.start, end=period.end, before=(last.start, last.end))
    names = {}
    if f.events_held:
        names["events"] = tuple((day, title, people, tuple(prizes)) for day, title, people, prizes in f.names.events)
        names["prize_lines"] = tuple(f.prize_lines)
    if f.competitions:
        names["competitions"] = tuple((title, tuple(indicators)) for title, indicators in f.names.competitions)
        names["winners"] = tuple(f.winners)
    if f.honours_by_level:
        names["honours"] = tuple(f.names.honours)
    if f.innovations or f.patents_filed or f.patents_granted or f.awards:
        if f.awards:
            names["awards"] = tuple(f.names.awards)
        if f.granted:
            names["granted"] = tuple(f.granted)
    if f.courses_held:
        names["courses"] = tuple(f.names.courses)
    if f.facilities:
        names["facilities"] = tuple((name, n) for name, n, _people in f.facility_use)
    if f.courses_missed:
        names["missed"] = tuple(f.courses_missed)
    return {NAMED + key: value for key, value in names.items()}


def assert_same(org, period: Period) -> dict:
    """The reference's figures equal the summary's (key for key) and its named lists the section's."""
    expected = summary_figures(org, period)
    raw = raw_sql_figures(connection, org, period)
    figures = {k: v for k, v in raw.items() if not k.startswith(NAMED)}
    assert set(figures) == set(expected), (sorted(figures), sorted(expected))
    for key, value in expected.items():
        assert Decimal(str(figures[key])) == Decimal(str(value)), (key, figures[key], value)
    assert {k: v for k, v in raw.items() if k.startswith(NAMED)} == stated_names(org, period)
    return expected


def test_the_raw_sql_states_every_figure_of_a_year_with_every_kind_of_record_and_its_halves():
    ctx = scenario_load(EVERYTHING)
    figures = assert_same(ctx.union, Period.year(2025))
    assert figures["activities.facilities.bookings"] == 15 and figures["activities.events.held"] == 2
    assert_same(ctx.union, Period.half(2025, 1))
    assert_same(ctx.union, Period.half(2025, 2))
    assert_same(ctx.branches[0], Period.year(2025))


def test_the_raw_sql_states_last_years_participants_as_the_previous_figure():
    import datetime as dt

    from gonghui.activities import services

    ctx = scenario_load({**BASE, "events": [{"title": "职工文艺汇演", "month": 3, "participants": 25}]})
    earlier = services.event_create(actor=None, org=ctx.branches[0], title="2024年运动会", kind="culture_sports",
                                    starts_on=dt.date(2024, 5, 10))
    services.event_attendance_take(actor=None, event=earlier, attended=[], participants=40)
    figures = assert_same(ctx.union, Period.year(2025))
    assert figures["activities.events.participants"] == 25 and figures["activities.events.participants.previous"] == 40
    assert_same(ctx.union, Period.year(2026))  # nothing held in 2026, but 2025's 25 is its previous: no section


def test_the_raw_sql_states_nothing_where_the_summary_states_nothing():
    ctx = scenario_load(BASE)
    assert raw_sql_figures(connection, ctx.union, Period.year(2025)) == {} == summary_figures(ctx.union, Period.year(2025))


@pytest.mark.parametrize("name", ["xuexiao-2025", "suji-2023-2025", "sanlian-2025h1"])
def test_the_raw_sql_states_every_figure_and_name_of_a_seed_union(name):
    ctx = scenario_load(read_scenario(scenario_path(name)))
    figures = assert_same(ctx.union, ctx.period)
    assert figures   # each of these seed unions has activities to report
    assert_same(ctx.federation, ctx.period)
