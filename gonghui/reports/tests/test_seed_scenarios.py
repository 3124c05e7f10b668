"""Three more unions write their own work summary from records: 三连工会 (a farm's 连队, a half
year), 物管中心工会 (a mine's property centre) and 分公司工会 (a branch company).

Each scenario file is loaded through the services; the summary drawn from the records must
state every string under its `expect`, and every app named there must exist, so no figure
is skipped.
"""

import pytest

from gonghui.reports.document import render_text
from gonghui.reports.providers import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path
from gonghui.reports.selectors import summary_draft

from .test_scenario import apps_that_exist, plain

# What each summary must also get right beyond its figures (said as the records make it say it).
ALSO = {
    # the half year holds two quarters' regular meetings, not four, and its visits all fall in it
    "sanlian-2025h1": ["每季度召开工会例会，共召开2次", "走访慰问12户"],
    # a monthly meeting is stated by its own name, never as 其他会议
    "wuguan-2025": ["每月召开纪检监察站工作会议，共召开12次"],
    # a planned training never held is the branch union's own shortcoming, read off the records
    # first, before the chair's own (and nothing says it was held)
    "fengongsi-2025": ["存在的不足　　肯定成绩的同时，我们也清醒地认识到，工作中还存在一些不足：一是计划举办的“工会干部业务培训”未按期举办"],
}
NEVER = {"sanlian-2025h1": ["共召开4次"], "wuguan-2025": ["其他会议"], "fengongsi-2025": ["培训班", "七、落实目标责任制"]}

SEEDS = {
    "sanlian-2025h1": ("三连工会2025年上半年工作总结", "在某农场工会和连队党支部的领导下", "2025年6月30日"),
    "wuguan-2025": ("物管中心工会2025年工作总结", "在某矿工会和企业党政的领导下", "2025年12月31日"),
    "fengongsi-2025": ("分公司工会2025年工作总结", "在某公司工会和公司党政的领导下", "2025年12月31日"),
}


def summary_of(name: str) -> tuple[dict, str]:
    spec = read_scenario(scenario_path(name))
    ctx = scenario_load(spec)
    half = spec["period"].get("half")
    period = Period.half(2025, half) if half else Period.year(2025)
    return spec, plain(render_text(summary_draft(org=ctx.union, period=period)))


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_each_seed_union_states_every_expected_figure_and_named_activity(db, name):
    spec, summary = summary_of(name)
    expect = spec["expect"]
    assert set(expect) <= apps_that_exist(), f"expect names an app that does not report: {set(expect) - apps_that_exist()}"
    missing = {app: [f for f in strings if plain(str(f)) not in summary] for app, strings in expect.items()}
    assert not any(missing.values()), f"not in the summary: {missing}\n{summary}"
    title, opening, date = SEEDS[name]
    lines = summary.splitlines()
    assert lines[0] == title
    # the computed paragraph leads, in the voice of the union's kind; the chair's framing (the
    # scenario's text: block) follows, one paragraph a line, and closes with 现将…总结如下
    assert opening in lines[2]
    framing = spec.get("text", {}).get("opening", "").splitlines()
    assert [line.strip("　") for line in lines[3:3 + len(framing)]][:-1] == framing[:-1]
    assert lines[2 + len(framing)].strip("　").startswith(framing[-1]) and lines[2 + len(framing)].endswith("总结如下：")
    assert lines[-1] == date
    flat = summary.replace("\n", "")
    assert all(text in flat for text in ALSO[name]), summary
    assert not any(text in summary for text in NEVER[name]), summary


def test_an_unknown_key_in_a_new_block_is_an_error_that_names_it(db):
    spec = read_scenario(scenario_path("wuguan-2025"))
    spec["talks"]["visits"] = 3
    with pytest.raises(ValueError, match="visits"):
        scenario_load(spec)
    spec = read_scenario(scenario_path("wuguan-2025"))
    spec["care"]["aid_amounts"] = {"goods": 10}
    with pytest.raises(ValueError, match="goods"):
        scenario_load(spec)
