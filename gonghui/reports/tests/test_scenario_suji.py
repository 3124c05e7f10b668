"""SUJI (a private factory's union, 2023–2025) loaded as a span: its three-year summary states
every figure and named activity the seed's 工会三年总结 states, each from records."""

import re

import pytest

from gonghui.reports.document import render_text
from gonghui.reports.providers import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path
from gonghui.reports.selectors import summary_draft

SCENARIO = scenario_path("suji-2023-2025")


def plain(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d)", "", text)


@pytest.fixture
def summary(db):
    ctx = scenario_load(read_scenario(SCENARIO))
    assert (ctx.start.isoformat(), ctx.end.isoformat()) == ("2023-01-01", "2025-12-31")
    return plain(render_text(summary_draft(org=ctx.union, period=Period.years(2023, 2025))))


def test_the_three_year_summary_states_every_expected_name_and_figure_none_skipped(summary):
    expect = read_scenario(SCENARIO)["expect"]
    assert {"members", "governance", "activities", "care"} <= set(expect)
    missing = {app: [f for f in wanted if plain(str(f)) not in summary] for app, wanted in expect.items()}
    assert not any(missing.values()), f"not in the summary: {missing}\n{summary}"

    assert summary.splitlines()[0] == "塑料机械厂工会2023—2025年工作总结"
    assert "共有在册职工131名" in summary
    assert "2025年10月非公企业文艺汇演（50人参加，获金奖、银奖）" in summary
    assert "2025年10月国庆太姥山旅游（28人参加）" in summary
    assert "中小企业技术创新基金立项1项（科技部支持50万元）" in summary
    assert "通过省级技术鉴定3项" in summary
    assert "申请专利6项" in summary and "获得专利授权6项" in summary
    assert "电脑培训（4人，全部通过考核）" in summary
    assert "2025年3月召开工会会员代表大会，工会组织换届，选举产生新一届工会委员会。" in summary


def test_a_span_summary_counts_the_courses_of_every_year_and_a_single_year_only_its_own(summary, db):
    # the chair's two courses sit under years: 2023 and 2024; the 2025 summary alone has neither
    from gonghui.orgs.models import Org

    assert "雁荡山工会主席培训班（1人）" in summary and "福建厦门职工之家创建培训（1人）" in summary
    only_2025 = render_text(summary_draft(org=Org.objects.get(code="SUJI"), period=Period.year(2025)))
    assert "雁荡山工会主席培训班" not in only_2025 and "电脑培训" in only_2025
