"""The scenario's year loaded through the services; its 2025 summary states every expected figure.

Only the apps that exist (a summary module AND a scenario module) are checked: the figures of
apps still to come are left out, not faked.
"""

import re

import pytest

from gonghui.reports.document import render_text
from gonghui.reports.providers import Period, summary_providers
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_loaders, scenario_path
from gonghui.reports.selectors import summary_draft

SCENARIO = scenario_path("benbu-2025")


def apps_that_exist() -> set[str]:
    return {label for label, _p in summary_providers()} & {label for _o, label, _l in scenario_loaders()}


def plain(text: str) -> str:
    """'2,854条' -> '2854条': thousands separators go, so '2854' is found whichever way it is written."""
    return re.sub(r"(?<=\d),(?=\d)", "", text)


@pytest.fixture
def summary(db):
    ctx = scenario_load(read_scenario(SCENARIO))
    return plain(render_text(summary_draft(org=ctx.union, period=Period.year(2025))))


def test_members_at_least_exist_so_the_test_checks_something():
    assert {"members", "voice", "governance"} <= apps_that_exist()


def test_the_summary_states_every_expected_figure_and_reads_like_the_seed(summary):
    """One load for all apps: the scenario takes seconds, so every check shares it."""
    expect = read_scenario(SCENARIO).get("expect", {})
    checked = apps_that_exist() & set(expect)
    missing = {app: [f for f in expect[app] if plain(str(f)) not in summary] for app in sorted(checked)}
    assert not any(missing.values()), f"figures not in the summary: {missing}\n{summary}"
    assert {"members", "voice", "governance"} <= checked

    lines = summary.splitlines()
    assert lines[0] == "本部工会2025年工作总结"
    assert "在某钢铁公司工会和党政的领导下" in lines[2]
    assert any(line.startswith("一、") for line in lines)
    assert lines[-1].endswith("日")
