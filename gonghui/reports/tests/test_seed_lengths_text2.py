"""XUEXIAO and SUJI, each loaded with its `text:` block: the generated summary is at least half
as long as the seed article it was drawn from, and says no sentence twice (no padding)."""

import re

import pytest

from gonghui.reports.document import render_text
from gonghui.reports.providers import Period
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path
from gonghui.reports.selectors import summary_draft

# The seed articles, counted once by hand when this test was written, Chinese characters from
# each article's heading line to the next article (or the end of the seed). The product never
# reads the seed; the numbers are written here.
SEED_XUEXIAO_HAN = 1652   # the school union's 202_工会工作总结 (the fourth article)
SEED_SUJI_HAN = 2006      # the plastics-machinery factory's 工会三年总结 (the last article)


def han(text: str) -> int:
    return len(re.findall(r"[\u4e00-\u9fff]", text))


def repeated_sentences(text: str) -> set[str]:
    sentences = [s.strip() for s in re.split(r"[。；]", text) if len(s.strip()) >= 12]
    return {s for s in sentences if sentences.count(s) > 1}


@pytest.fixture
def xuexiao(db):
    ctx = scenario_load(read_scenario(scenario_path("xuexiao-2025")))
    return render_text(summary_draft(org=ctx.union, period=Period.year(2025)))


@pytest.fixture
def suji(db):
    ctx = scenario_load(read_scenario(scenario_path("suji-2023-2025")))
    return render_text(summary_draft(org=ctx.union, period=Period.years(2023, 2025)))


def test_the_school_summary_is_at_least_half_as_long_as_its_seed_and_repeats_no_sentence(xuexiao):
    assert han(xuexiao) >= SEED_XUEXIAO_HAN // 2, f"{han(xuexiao)} Chinese characters, fewer than half the seed's {SEED_XUEXIAO_HAN}"
    assert not repeated_sentences(xuexiao), repeated_sentences(xuexiao)
    # the computed paragraph leads in a school's voice, the chair's framing follows; the shortcomings close
    assert xuexiao.splitlines()[2].startswith("　　2025年，阳光学校工会在区教育工会和学校党政的领导下，扣住学校教育教学这个中心")
    assert xuexiao.splitlines()[3].startswith("　　一年来，我校工会一手抓教职工的师德修养")
    assert "板报" in xuexiao and "师德师风考核制度" in xuexiao and "心有余而力不足" in xuexiao


def test_the_three_year_factory_summary_is_at_least_half_as_long_as_its_seed_and_repeats_no_sentence(suji):
    assert han(suji) >= SEED_SUJI_HAN // 2, f"{han(suji)} Chinese characters, fewer than half the seed's {SEED_SUJI_HAN}"
    assert not repeated_sentences(suji), repeated_sentences(suji)
    # the span's text block is the span's: it reaches the 2023—2025 summary, not only 2025's
    # (after the computed paragraph, which leads in a factory's voice)
    assert suji.splitlines()[2].startswith("　　三年来（2023—2025年），塑料机械厂工会在锦湖街道总工会和企业党政的领导下")
    assert suji.splitlines()[3].startswith("　　塑料机械厂是国内较早专门开发生产塑料机械的企业之一")
    # the chair's words for an area sit in it: the safety work and the 职工之家 close 组织建设, the
    # contract talks open 困难帮扶, the 得益于 closes the achievements
    areas = suji.split("\n一、")[1]
    assert areas.index("安全生产领导小组的副组长") < areas.index("二、落实目标责任制")
    assert areas.index("四、困难帮扶") < areas.index("讲清劳动合同") < areas.index("走访慰问") < areas.index("得益于")
    assert "省级高新技术企业" in suji and "二十多个国家和地区" in suji
    assert "安全生产领导小组的副组长" in suji and "职工之家" in suji and "创建学习型企业" in suji
