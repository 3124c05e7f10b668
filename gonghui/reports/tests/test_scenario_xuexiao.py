"""XUEXIAO (a school's union, 2025) loaded through the services: its summary states every
named activity the seed's school summary states, and speaks of 校务公开, not 厂务公开."""

import re

import pytest

from gonghui.reports.document import render_text
from gonghui.reports.providers import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path
from gonghui.reports.selectors import summary_draft

SCENARIO = scenario_path("xuexiao-2025")


def plain(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d)", "", text)


@pytest.fixture
def summary(db):
    ctx = scenario_load(read_scenario(SCENARIO))
    assert ctx.union.disclosure_word == "校务公开"
    return plain(render_text(summary_draft(org=ctx.union, period=Period.year(2025))))


def test_the_school_summary_states_every_expected_name_and_figure_none_skipped(summary):
    expect = read_scenario(SCENARIO)["expect"]
    assert {"activities", "governance", "care"} <= set(expect)
    missing = {app: [f for f in wanted if plain(str(f)) not in summary] for app, wanted in expect.items()}
    assert not any(missing.values()), f"not in the summary: {missing}\n{summary}"

    lines = summary.splitlines()
    assert lines[0] == "阳光学校工会2025年工作总结"
    assert "坚持校务公开，在公开栏公开" in summary and "厂务公开" not in summary
    assert "开展的竞赛有：师能大练兵活动（评比课堂教学、听课评课、教科研）。" in summary
    assert "2025年9月“情满阳光，真我风采”教师节联谊活动（80人参加）" in summary
    assert "获得表彰的有：优秀教师6名（阳光学校）、优秀教育工作者2名（阳光学校）。" in summary
