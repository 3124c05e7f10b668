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
    # the computed paragraph leads, in a factory's voice; the chair's framing (the scenario's text: block) follows
    assert lines[2].startswith("　　2025年，本部工会在某钢铁公司工会和企业党政的领导下，紧紧围绕生产经营这个中心")
    assert lines[3].startswith("　　本部是整合重组后组建的新单位")
    assert any(line.startswith("一、") for line in lines)
    assert lines[-1].endswith("日")


# The seed's BENBU article (the second of the six), counted once by hand when this test was
# written: 2,479 Chinese characters from its first heading to the next article. The product
# never reads the seed; the number is written here.
SEED_BENBU_HAN = 2479


def test_the_summary_is_at_least_half_as_long_as_the_seed_and_repeats_no_sentence(summary):
    han = re.findall(r"[\u4e00-\u9fff]", summary)
    assert len(han) >= SEED_BENBU_HAN // 2, f"{len(han)} Chinese characters, fewer than half the seed's {SEED_BENBU_HAN}"
    # no padding: no sentence of some length is said twice, in one section or across two
    sentences = [s.strip() for s in re.split(r"[。；]", summary) if len(s.strip()) >= 12]
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated, repeated
