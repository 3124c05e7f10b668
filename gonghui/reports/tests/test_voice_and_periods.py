"""Each union's voice, the chair's own text, spans and half-years: on small hand-made records."""

import datetime as dt
import io
import random

import pytest
from django.utils import translation
from docx import Document

from gonghui.core.summary import Figure, Period, Section, org_words
from gonghui.portal.tests.personas import make_member
from gonghui.reports import scenario as text_scenario
from gonghui.reports.document import assemble
from gonghui.reports.rendering import render_docx
from gonghui.reports.scenarios import ScenarioContext
from gonghui.reports.selectors import summary_content, summary_draft
from gonghui.reports.services import summary_texts_save, summary_version_save
from gonghui.voice.selectors import per_head_rolls
from gonghui.voice.services import suggestion_submit


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def block(content, key):
    return next((b for b in content["blocks"] if b["key"] == key), None)


def suggest(member, day: dt.date, n: int = 1) -> None:
    for i in range(n):
        suggestion_submit(actor=None, author=member, title=f"建议{day}{i}", body="改进意见", submitted_on=day)


def docx_text(content: dict) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(render_docx(content))).paragraphs)


def areas():
    return [Section(key="members", order=10, heading="加强组织建设", paragraphs=["在册3名。"], figures=[Figure("m", "在册", 3, "3名")]),
            Section(key="governance", order=70, heading="坚持校务公开", paragraphs=["公开2项。"],
                    figures=[Figure("governance.disclosures.published", "公开", 2, "2项")]),
            Section(key="activities", order=60, heading="提高教师素质", paragraphs=["培训5人。"], figures=[Figure("a", "培训", 5, "5人")])]


def test_a_school_leads_with_its_teachers_and_a_factory_with_its_organisation():
    school = assemble(org_name="学校工会", parent_name=None, period=Period.year(2025), sections=areas(), sector="school")
    factory = assemble(org_name="本部工会", parent_name=None, period=Period.year(2025), sections=areas(), sector="factory")
    assert [b["heading"] for b in school["blocks"][1:4]] == ["一、提高教师素质", "二、坚持校务公开", "三、加强组织建设"]
    assert factory["blocks"][1]["heading"] == "一、加强组织建设"
    # the school names its 校务公开 once, as an area; the factory's voice names its 厂务公开
    assert "扣住学校教育教学这个中心，关心教职工的成长和生活，在提高教师素质、坚持校务公开" in school["blocks"][0]["paragraphs"][0]
    assert school["blocks"][0]["paragraphs"][0].count("校务公开") == 1
    assert "紧紧围绕生产经营这个中心，推进厂务公开" in factory["blocks"][0]["paragraphs"][0]


def test_a_union_that_disclosed_nothing_is_not_said_to_have_pressed_on_with_disclosure():
    quiet = [s for s in areas() if s.key != "governance"]
    factory = assemble(org_name="本部工会", parent_name=None, period=Period.year(2025), sections=quiet, sector="factory")
    assert "紧紧围绕生产经营这个中心，组织动员广大职工" in factory["blocks"][0]["paragraphs"][0]
    assert "厂务公开" not in factory["blocks"][0]["paragraphs"][0]


def test_a_school_union_writes_its_own_words(cast):
    cast.sibling.sector = "school"
    words = org_words(cast.sibling)
    assert words == {"staff": "教职工", "disclosure": "校务公开"}
    make_member(cast.sibling, "李老师")
    content = summary_draft(org=cast.sibling, period=Period.year(2025))
    text = "".join(p for b in content["blocks"] for p in b["paragraphs"])
    assert "在册教职工" in text and "关心教职工的成长和生活，在加强工会组织建设" in text and "在册职工" not in text
    assert "校务公开" not in text   # nothing was disclosed


def test_a_school_that_disclosed_leads_its_democracy_with_its_disclosure(cast):
    from gonghui.governance.tests.factories import published_disclosure

    cast.sibling.sector = "school"
    cast.sibling.save(update_fields=["sector"])
    make_member(cast.sibling, "李老师")
    published_disclosure(cast.sibling, on=dt.date(2025, 3, 1))
    content = summary_draft(org=cast.sibling, period=Period.year(2025))
    headings = [b["heading"] for b in content["blocks"]]
    assert any(h.endswith("、坚持校务公开，推进民主管理") for h in headings), headings
    opening = content["blocks"][0]["paragraphs"][0]
    assert "坚持校务公开" in opening and opening.count("校务公开") == 1


def test_the_chairs_text_stays_when_the_summary_is_regenerated_and_reaches_the_docx(cast):
    make_member(cast.branch, "赵一")
    period = Period.year(2025)
    summary_version_save(org=cast.union, period=period, actor=cast.chair)
    summary_texts_save(org=cast.union, period=period, actor=cast.chair, texts={
        "opening": "工会坚持以生产经营为中心，团结动员员工为企业发展作贡献。",
        "credit": "一年来的成绩，得益于党政的支持和全体员工的努力。",
        "shortcomings": "1、工会干部业务培训未能按计划实现",
        "plans": "进一步深化厂务公开",
    })
    summary_version_save(org=cast.union, period=period, actor=cast.chair, note="recomputed")   # regenerate
    content, version = summary_content(org=cast.union, period=period)
    assert version.number >= 2
    opening = block(content, "opening")["paragraphs"]
    # the computed paragraph leads, the chair's framing follows and closes the opening
    assert opening[0].startswith("2025年，本部工会在")
    assert opening[1].startswith("工会坚持以生产经营为中心，团结动员员工为企业发展作贡献。")
    keys = [b["key"] for b in content["blocks"]]
    assert keys.index("credit") == keys.index("shortcomings") - 1
    assert "工会干部业务培训未能按计划实现" in block(content, "shortcomings")["paragraphs"][0]
    assert "1、工会干部" not in block(content, "shortcomings")["paragraphs"][0]
    assert block(content, "plans")["paragraphs"][0] == "1、进一步深化厂务公开。"
    printed = docx_text(content)
    assert "得益于党政的支持" in printed and "工会坚持以生产经营为中心" in printed


def test_an_empty_text_removes_the_block(cast):
    period = Period.year(2025)
    summary_texts_save(org=cast.union, period=period, actor=cast.chair, texts={"credit": "得益于大家。"})
    summary_texts_save(org=cast.union, period=period, actor=cast.chair, texts={"credit": ""})
    assert block(summary_draft(org=cast.union, period=period), "credit") is None


def test_a_scenario_text_slot_that_is_not_known_is_an_error_naming_it(cast):
    ctx = ScenarioContext(spec={}, rng=random.Random(1), year=2025, union=cast.union)
    with pytest.raises(ValueError, match="thanks"):
        text_scenario.load({"text": {"thanks": "得益于……"}}, ctx)
    text_scenario.load({"text": {"credit": "得益于上级工会的指导。"}}, ctx)
    assert block(summary_draft(org=cast.union, period=Period.year(2025)), "credit")["paragraphs"] == ["得益于上级工会的指导。"]


def test_a_span_says_three_years_counts_the_whole_span_and_compares_nothing_without_records(cast):
    author = make_member(cast.branch, "赵一")
    for year in (2023, 2024, 2025):
        suggest(author, dt.date(year, 5, 10), n=2)
    content = summary_draft(org=cast.union, period=Period.years(2023, 2025))
    assert content["title"] == "本部工会2023—2025年工作总结"
    assert block(content, "opening")["paragraphs"][0].startswith("三年来（2023—2025年），本部工会")
    voice = block(content, "voice")
    assert "收集合理化建议6条" in "".join(voice["paragraphs"])
    assert not any("相比" in p or "同比" in p for p in voice["paragraphs"])


def test_a_span_compares_with_the_span_before_where_its_records_exist(cast):
    author = make_member(cast.branch, "赵一")
    suggest(author, dt.date(2021, 5, 10), n=3)
    for year in (2023, 2024, 2025):
        suggest(author, dt.date(year, 5, 10), n=2)
    voice = block(summary_draft(org=cast.union, period=Period.years(2023, 2025)), "voice")
    assert "与2020—2022年相比，收集合理化建议增长100%" in voice["paragraphs"][-1]
    assert "同比" not in voice["paragraphs"][-1]


def test_a_half_year_says_the_first_half_and_compares_only_with_last_years_first_half(cast):
    author = make_member(cast.branch, "赵一")
    suggest(author, dt.date(2025, 3, 10), n=2)
    suggest(author, dt.date(2025, 9, 10), n=5)   # the second half is not counted
    suggest(author, dt.date(2024, 9, 10), n=4)   # nor last year's second half compared with
    content = summary_draft(org=cast.union, period=Period.half(2025, 1))
    assert block(content, "opening")["paragraphs"][0].startswith("2025年上半年，")
    voice = block(content, "voice")
    assert "收集合理化建议2条" in "".join(voice["paragraphs"])
    assert not any("同比" in p for p in voice["paragraphs"])
    suggest(author, dt.date(2024, 4, 1), n=1)
    voice = block(summary_draft(org=cast.union, period=Period.half(2025, 1)), "voice")
    assert "收集合理化建议同比增长100%" in voice["paragraphs"][-1]


def test_a_federations_suggestions_per_head_divide_by_the_roll_of_the_unions_that_keep_them(cast):
    author = make_member(cast.branch, "赵一")
    for i in range(8):
        make_member(cast.sibling, f"老师{i}")     # a union with a roll and no suggestion records
    suggest(author, dt.date(2025, 5, 10), n=4)
    day = dt.date(2025, 12, 31)
    union_roll = per_head_rolls(org=cast.union, spans=[(dt.date(2025, 1, 1), day)])[day]
    assert per_head_rolls(org=cast.federation, spans=[(dt.date(2025, 1, 1), day)])[day] == union_roll
    text = "".join(block(summary_draft(org=cast.federation, period=Period.year(2025)), "voice")["paragraphs"])
    union_text = "".join(block(summary_draft(org=cast.union, period=Period.year(2025)), "voice")["paragraphs"])
    per_head = union_text.split("人均")[1].split("条")[0]
    assert f"人均{per_head}条" in text


def test_a_federation_tells_each_unions_own_year_in_its_own_order(cast):
    from gonghui.governance.choices import MeetingKind
    from gonghui.governance.services import meeting_record

    author = make_member(cast.branch, "赵一")
    suggest(author, dt.date(2025, 5, 10), n=3)
    meeting_record(actor=None, org=cast.union, kind=MeetingKind.CONGRESS, date=dt.date(2025, 4, 18), title="首届职工代表大会",
                   expected=10, present=9)
    lines = block(summary_draft(org=cast.federation, period=Period.year(2025)), "unions")["paragraphs"]
    benbu = next(line for line in lines if "本部工会：" in line)
    assert "2025年4月召开首届职工代表大会" in benbu
    assert "合理化建议3条" in benbu
