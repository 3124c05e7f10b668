"""The chair's words that frame one area ('care:closing', 'governance:opening') and the opening in
the voice of the union's kind: placed where the seeds place them, kept through every recompute."""

import io
import json

import pytest
from django.utils import translation
from docx import Document

from gonghui.accounts.services import role_grant, user_create
from gonghui.core.summary import Figure, Period, Section
from gonghui.reports.document import assemble, opening_paragraphs
from gonghui.reports.rendering import render_docx
from gonghui.reports.scenarios import read_scenario, scenario_load, scenario_path
from gonghui.reports.selectors import summary_content, summary_texts
from gonghui.reports.services import TextRefused, summary_text_set, summary_version_save


@pytest.fixture
def chinese():
    with translation.override("zh-hans"):
        yield


def sections():
    return [
        Section(key="care", order=40, heading="困难帮扶", paragraphs=["走访慰问12户。"],
                figures=[Figure("care.visits", "走访慰问", 12, "12户", previous=10)]),
        Section(key="members", order=10, heading="加强工会组织建设，规范会员台帐管理", paragraphs=["在册职工60名。"]),
        Section(key="activities", order=60, heading="开展文体活动", plans=["办好迎春杯"]),
    ]


def blocks_of(content: dict) -> dict[str, list[str]]:
    return {b["key"]: b["paragraphs"] for b in content["blocks"]}


def test_an_areas_opening_leads_it_and_its_closing_ends_it_after_the_comparison(chinese):
    texts = {"care:opening": "维权是工会工作的重中之重。", "care:closing": "成绩的取得得益于连队支部的重视。\n也得益于职工的参与。"}
    content = assemble(org_name="三连工会", parent_name="某农场工会", period=Period.year(2025), sections=sections(),
                       sector="farm", texts=texts)
    care = blocks_of(content)["care"]
    assert care == ["维权是工会工作的重中之重。", "走访慰问12户。", "走访慰问同比增长20%。",
                    "成绩的取得得益于连队支部的重视。", "也得益于职工的参与。"]
    assert blocks_of(content)["members"] == ["在册职工60名。"]   # framing stays in its own area
    assert "credit" not in blocks_of(content)


def test_an_area_framed_by_the_chair_but_empty_of_records_is_told_and_a_missing_one_is_never_lost(chinese):
    texts = {"activities:opening": "工会活动始终围绕企业大局。", "safety:closing": "安全工作常抓不懈。", "credit": "得益于全体会员。"}
    content = assemble(org_name="三连工会", parent_name="某农场工会", period=Period.year(2025), sections=sections(),
                       sector="farm", texts=texts)
    headings = [b["heading"] for b in content["blocks"] if b["kind"] == "area"]
    assert headings == ["一、加强工会组织建设，规范会员台帐管理", "二、困难帮扶", "三、开展文体活动"]
    assert blocks_of(content)["activities"] == ["工会活动始终围绕企业大局。"]
    # no safety area this period: its words close the achievements, before the chair's 得益于
    assert blocks_of(content)["credit"] == ["安全工作常抓不懈。", "得益于全体会员。"]
    assert "等三个方面" in content["blocks"][0]["paragraphs"][0]


@pytest.mark.parametrize("sector, words, says, never", [
    ("farm", {"staff": "职工", "disclosure": "连务公开"}, ["在某农场工会和连队党支部的领导下", "紧扣连队生产和职工增收"], ["企业党政"]),
    ("school", {"staff": "教职工", "disclosure": "校务公开"},
     ["在区教育工会和学校党政的领导下", "扣住学校教育教学这个中心", "关心教职工的成长和生活", "坚持校务公开"], ["职工增收"]),
    ("enterprise", {"staff": "职工", "disclosure": "企务公开"},
     ["和公司党政的领导下", "以企务公开和民主管理为抓手", "调动广大职工的积极性"], ["学校"]),
    ("factory", {"staff": "员工", "disclosure": "厂务公开"},
     ["和企业党政的领导下", "紧紧围绕生产经营这个中心", "推进厂务公开和民主管理", "组织动员广大员工"], ["连队"]),
    ("institution", {"staff": "职工", "disclosure": "政务公开"}, ["和本单位党政的领导下", "坚持政务公开"], ["生产经营"]),
])
def test_the_computed_opening_speaks_in_the_voice_of_the_unions_kind(chinese, sector, words, says, never):
    parent = "区教育工会" if sector == "school" else "某农场工会"
    first = opening_paragraphs(org_name="工会", parent_name=parent, period=Period.year(2025), areas=["困难帮扶", "文体活动"],
                               words=words, sector=sector)
    assert len(first) == 1
    assert first[0].startswith("2025年，工会在") and first[0].endswith("取得了新的进展。现将2025年工作总结如下：")
    assert all(text in first[0] for text in says), first[0]
    assert not any(text in first[0] for text in never), first[0]


def test_the_computed_paragraph_leads_and_the_chairs_framing_follows_it(chinese):
    opening = opening_paragraphs(org_name="三连工会", parent_name="某农场工会", period=Period.half(2025, 1),
                                 areas=["困难帮扶"], sector="farm", framing="连队工会把宣传发动放在前头。\n工会健全了六项制度。")
    assert opening[0].startswith("2025年上半年，三连工会在某农场工会和连队党支部的领导下")
    assert opening[0].endswith("在困难帮扶方面取得了新的进展。")
    assert opening[1:] == ["连队工会把宣传发动放在前头。", "工会健全了六项制度。现将2025年上半年工作总结如下："]


def test_an_unknown_area_or_part_is_refused_by_name(cast):
    period = Period.year(2025)
    for slot in ("canteen:opening", "care:middle", "care"):
        with pytest.raises(TextRefused, match=slot):
            summary_text_set(org=cast.union, period=period, slot=slot, text="x", actor=cast.chair)
    assert summary_texts(org=cast.union, period=period) == {}


def test_the_api_refuses_an_unknown_area_and_keeps_nothing(cast, client_as):
    answer = client_as(cast.chair).put(f"/api/v1/reports/summary/texts?org_id={cast.union.pk}&year=2025",
                                       json.dumps({"texts": {"care:closing": "得益于。", "canteen:closing": "x"}}),
                                       content_type="application/json")
    assert answer.status_code == 422 and "canteen:closing" in json.dumps(answer.json(), ensure_ascii=False)
    assert summary_texts(org=cast.union, period=Period.year(2025)) == {}


def docx_paragraphs(content: dict) -> list[str]:
    return [p.text.strip() for p in Document(io.BytesIO(render_docx(content))).paragraphs if p.text.strip()]


@pytest.fixture
def sanlian(db):
    """The farm company's half-year, loaded as its scenario says, and a chair to edit it."""
    ctx = scenario_load(read_scenario(scenario_path("sanlian-2025h1")))
    chair = user_create(actor=None, username="sanlian-chair", password="pw-sanlian-chair", display_name="三连工会主席")
    role_grant(actor=None, user=chair, org=ctx.union, role="chair")
    return ctx.union, chair


def test_a_scenarios_area_framing_is_loaded_edited_over_the_api_kept_on_recompute_and_printed_in_place(sanlian, client_as):
    union, chair = sanlian
    period = Period.half(2025, 1)
    texts = summary_texts(org=union, period=period)
    assert texts["governance:opening"].startswith("工会健全了六项工作制度")    # from the scenario's text.sections
    assert texts["care:opening"].startswith("维权是工会工作的重中之重")
    client = client_as(chair)
    url = f"/api/v1/reports/summary/texts?org_id={union.pk}&year=2025&half=1"
    closing = "上半年的帮扶工作得益于连队支部的重视。"
    answer = client.put(url, json.dumps({"texts": {"care:closing": closing}}), content_type="application/json")
    assert answer.status_code == 200 and answer.json()["texts"]["care:closing"] == closing
    assert client.get(url).json()["texts"]["care:opening"] == texts["care:opening"]

    summary_version_save(org=union, period=period, actor=chair)                       # version 1
    summary_version_save(org=union, period=period, actor=chair, texts={"care": "改写的帮扶。"})   # the chair rewrites
    recompute = client.post(f"/reports/summary/{union.pk}/2025-H1/recompute/")        # and recomputes from the records
    assert recompute.status_code == 302
    content, version = summary_content(org=union, period=period)
    assert version.number == 3
    care = next(b for b in content["blocks"] if b["key"] == "care")
    assert care["paragraphs"][0] == texts["care:opening"] and care["paragraphs"][-1] == closing
    assert "走访慰问12户" in care["paragraphs"][1]

    printed = docx_paragraphs(content)
    heading = printed.index(care["heading"])
    next_heading = next(i for i, p in enumerate(printed) if i > heading and p.startswith(("四、", "五、")))
    assert printed[heading + 1] == texts["care:opening"] and printed[next_heading - 1] == closing
    governance = next(i for i, p in enumerate(printed) if p.endswith("落实目标责任制和会议制度"))
    assert printed[governance + 1] == texts["governance:opening"]
    # the opening: the farm company's own voice first, then the chair's framing
    assert printed[1].startswith("2025年上半年，三连工会在某农场工会和连队党支部的领导下，紧扣连队生产和职工增收")
    assert printed[2].startswith("上半年，连队工会依靠场工会的支持")


def test_the_edit_page_offers_each_areas_opening_and_closing_and_keeps_what_is_posted(cast, client_as):
    client = client_as(cast.chair)
    period = Period.year(2025)
    page = client.get(f"/reports/summary/{cast.union.pk}/2025/edit/").content.decode()
    assert "各部分的开头和结尾" in page
    answer = client.post(f"/reports/summary/{cast.union.pk}/2025/texts/",
                         {"text-credit": "得益于全体员工。", "text-voice:closing": "建议工作得益于员工的参与。"})
    assert answer.status_code == 302
    assert summary_texts(org=cast.union, period=period) == {"credit": "得益于全体员工。", "voice:closing": "建议工作得益于员工的参与。"}
    page = client.get(f"/reports/summary/{cast.union.pk}/2025/edit/").content.decode()
    assert 'name="text-voice:closing"' in page and "建议工作得益于员工的参与。" in page
