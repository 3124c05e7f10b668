"""The governance part of scenarios/benbu-2025.yaml, loaded through the services."""

import re

import pytest
from django.utils import translation

from gonghui.governance.models import Meeting, MeetingRule, Target
from gonghui.governance.summary import sections
from gonghui.core.summary import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path

pytestmark = pytest.mark.django_db
SCENARIO = scenario_path("benbu-2025")


@pytest.fixture
def spec():
    spec = read_scenario(SCENARIO)
    spec["members"]["count"] = 40  # the roll's size does not matter here; the members app tests it
    return spec


def test_the_scenario_gives_the_seeds_target_and_meetings(spec):
    ctx = scenario_load(spec)
    t = Target.objects.get(org=ctx.union, year=2025)
    assert (t.name, t.unit, str(t.target), str(t.actual)) == ("降本增效", "万元", "905.00", "1909.21")
    mid = t.checks.get(kind="mid_year")
    assert mid.date.month == 6 and 0.4 < float(mid.actual) / 1909.21 < 0.6
    congress = Meeting.objects.get(kind="congress")
    assert congress.title == "首届职工代表大会" and congress.date.month == 4 and congress.decisions.count() == 4
    reviews = Meeting.objects.filter(kind="production_review").order_by("date")
    assert [(m.date.month - 1) // 3 + 1 for m in reviews] == [1, 2, 3, 4]
    assert all(m.date.weekday() < 5 for m in reviews)
    assert MeetingRule.objects.filter(org=ctx.union, kind="production_review").exists()


def test_the_scenario_summary_states_the_expected_figures(spec):
    ctx = scenario_load(spec)
    with translation.override("zh-hans"):
        section, = sections(org=ctx.union, period=Period.year(2025))
    text = re.sub(r"(?<=\d),(?=\d)", "", "".join(section.paragraphs))
    for figure in spec["expect"]["governance"]:
        assert figure in text
    assert "审议通过《职工代表大会工作条例》等四个重要事项" in text
    assert "每季度召开生产经营讲评会，共召开4次" in text
    assert not section.shortcomings


def test_the_governance_loader_is_reproducible(spec):
    import random

    from gonghui.governance import scenario

    ctx = scenario_load(spec, seed=7)
    first = list(Meeting.objects.order_by("date").values_list("date", "present"))
    Meeting.objects.all().delete()
    Target.objects.all().delete()
    MeetingRule.objects.all().delete()
    ctx.rng = random.Random(7)
    scenario.load(spec, ctx)
    again = list(Meeting.objects.order_by("date").values_list("date", "present"))
    ctx.rng = random.Random(7)
    Meeting.objects.all().delete()
    Target.objects.all().delete()
    MeetingRule.objects.all().delete()
    scenario.load(spec, ctx)
    assert list(Meeting.objects.order_by("date").values_list("date", "present")) == again and len(first) == len(again) == 5


def test_optional_plans_in_the_scenario_become_next_years_plan(spec):
    spec["plans"] = [{"text": "深化厂务公开", "owner": "工会办公室"}, {"text": "开展职工技能竞赛"}]
    ctx = scenario_load(spec)
    with translation.override("zh-hans"):
        section, = sections(org=ctx.union, period=Period.year(2025))
    assert section.plans == ["深化厂务公开", "开展职工技能竞赛"]
