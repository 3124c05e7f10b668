"""A scenario's period: one year, a half, or a span of years with per-year blocks; every
mistake in it is refused by name before anything is written."""

import datetime as dt

import pytest

from gonghui.activities.models import Course
from gonghui.reports.scenarios import scenario_load, scenario_year_blocks, scenario_years


def spec(period, **blocks):
    return {"federation": {"code": "SPANFED", "name": "某街道总工会"},
            "union": {"code": "SPAN", "name": "某厂工会", "parent": "SPANFED", "sector": "factory"},
            "period": period, "members": {"count": 6}, **blocks}


def test_a_single_year_is_its_own_first_and_last_year():
    assert scenario_years(spec({"year": 2025})) == (2025, 2025)


def test_a_span_gives_its_first_and_last_year():
    assert scenario_years(spec({"from_year": 2023, "to_year": 2025})) == (2023, 2025)


def test_a_period_with_both_a_year_and_a_span_is_refused():
    with pytest.raises(ValueError, match="either year or from_year and to_year"):
        scenario_years(spec({"year": 2025, "to_year": 2025}))


def test_an_unknown_key_in_the_period_is_refused_by_name():
    with pytest.raises(ValueError, match="unknown key.*'years'"):
        scenario_years(spec({"years": 2025}))


def test_a_span_that_runs_backwards_is_refused():
    with pytest.raises(ValueError, match="not a span of whole years"):
        scenario_years(spec({"from_year": 2025, "to_year": 2023}))


def test_a_year_block_outside_the_span_is_refused():
    with pytest.raises(ValueError, match="2022 is not a year of the span 2023–2025"):
        scenario_year_blocks(spec({"from_year": 2023, "to_year": 2025}, years={2022: {}}))


def test_a_single_year_scenario_takes_no_year_blocks():
    with pytest.raises(ValueError, match="not a year of the span"):
        scenario_year_blocks(spec({"year": 2025}, years={2025: {}}))


def test_the_frame_cannot_change_from_one_year_of_a_span_to_the_next():
    with pytest.raises(ValueError, match=r"years.2024: \['members'\] belong to the whole span"):
        scenario_year_blocks(spec({"from_year": 2023, "to_year": 2025}, years={2024: {"members": {"count": 9}}}))


def test_a_span_loads_top_level_blocks_in_its_last_year_and_each_year_block_in_its_own_year(db):
    ctx = scenario_load(spec({"from_year": 2023, "to_year": 2025},
                             training=[{"title": "末年培训", "month": 5, "trainees": 2}],
                             years={2023: {"training": [{"title": "首年培训", "month": 4, "trainees": 3}]}}))
    assert (ctx.start, ctx.end, ctx.year) == (dt.date(2023, 1, 1), dt.date(2025, 12, 31), 2025)
    held = dict(Course.objects.filter(org=ctx.union).values_list("title", "planned_on__year"))
    assert held == {"末年培训": 2025, "首年培训": 2023}
    # on the roll the whole span: everyone joined before its first year
    assert all(m.join_date < dt.date(2023, 1, 1) for m in ctx.members)


def test_an_unknown_key_in_a_disclosure_or_an_innovation_award_is_refused_by_name(db):
    with pytest.raises(ValueError, match=r"unknown key\(s\) in scenario disclosures: \['when'\]"):
        scenario_load(spec({"year": 2025}, disclosures=[{"title": "经费收支", "when": 3}]))
    with pytest.raises(ValueError, match=r"unknown key\(s\) in scenario innovations.awards: \['prize'\]"):
        scenario_load(spec({"year": 2025}, innovations=[{"title": "新产品", "awards": [{"name": "省级鉴定", "prize": 1}]}]))
